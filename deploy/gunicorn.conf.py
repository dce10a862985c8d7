"""gunicorn's settings for Sökandelots behind nginx: `gunicorn -c deploy/gunicorn.conf.py app:app`.

Options on the command line win over these (the cluster test binds its own ports)."""
import os

# nginx talks to this address: 127.0.0.1 when it runs on the same server, else the address of the
# server's private network (and a firewall that lets only the nginx server reach it).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Plain worker processes: nginx buffers whole requests and answers, so a slow phone line ties up
# nginx, never a worker. Two to four per CPU is usual.
workers = int(os.environ.get("WEB_CONCURRENCY", 4))
# Uploads (recorded audio, pictures) arrive whole from nginx; decoding audio and making speech
# can take some seconds on a busy server, never a minute.
timeout = 60
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so memory a worker picks up over time is freed.
max_requests = 2000
max_requests_jitter = 200
# The access log names the path without its query string (a search or a name can stand there)
# and without the address (always the proxy's; nginx logs what the unit has decided to log).
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = "info"


def on_starting(server):
    """Refuse to start several workers whose login limits would count apart in memory."""
    from sokandelots.config import check_workers, from_environment
    settings = from_environment(os.path.join(server.cfg.chdir, "instance"))
    check_workers(settings, server.cfg.workers)
