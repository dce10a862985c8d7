"""Configuration from environment variables, with defaults that are safe for local use."""
import os
import secrets
from datetime import timedelta
from pathlib import Path


def _int(name, default):
    return int(os.environ.get(name, default))


def _flag(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in ("1", "true", "yes", "on")


def from_environment(instance_path):
    """Build the configuration dict; raises RuntimeError when production lacks a secret key."""
    production = os.environ.get("SOKANDELOTS_ENV", "development") == "production"
    https = _flag("SOKANDELOTS_HTTPS", default=production)
    return {
        "PRODUCTION": production,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or _local_secret(instance_path, production),
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", f"sqlite:///{Path(instance_path) / 'sokandelots.sqlite3'}"
        ),
        # The session cookie has no expiry, so it ends when the browser closes.
        "SESSION_PERMANENT": False,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": https,
        "PARTICIPANT_IDLE": timedelta(minutes=_int("PARTICIPANT_IDLE_MINUTES", 20)),
        "STAFF_IDLE": timedelta(minutes=_int("STAFF_IDLE_MINUTES", 120)),
        # However busy, a session ends this long after logging in (a cookie left behind or
        # copied stops working the same day).
        "PARTICIPANT_LIFETIME": timedelta(hours=_int("PARTICIPANT_MAX_HOURS", 12)),
        "STAFF_LIFETIME": timedelta(hours=_int("STAFF_MAX_HOURS", 12)),
        "SETUP_CODE_LIFETIME": timedelta(days=_int("SETUP_CODE_DAYS", 30)),
        # Login limits count in this storage. memory:// counts per process, so a service with
        # several workers or servers needs shared storage, e.g. redis://127.0.0.1:6379.
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "LOGIN_LIMIT": os.environ.get("LOGIN_LIMIT", "5 per 5 minutes"),
        # Password hashes computed at once per process (each takes 19 MiB for a moment).
        "PASSWORD_HASHES_AT_ONCE": _int("PASSWORD_HASHES_AT_ONCE", os.cpu_count() or 1),
        # Larger requests are refused at once; pictures have their own, smaller limit.
        "MAX_CONTENT_LENGTH": 8 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session
        # A closed case is erased this many months after it closed (`flask erase-expired`).
        "RETENTION_MONTHS": _int("RETENTION_MONTHS", 24),
        # The controller and the data protection officer, named on the record of processing
        # (GDPR article 30): the municipality or organisation, and how to reach each.
        "CONTROLLER_NAME": os.environ.get("CONTROLLER_NAME", ""),
        "CONTROLLER_CONTACT": os.environ.get("CONTROLLER_CONTACT", ""),
        "DPO_CONTACT": os.environ.get("DPO_CONTACT", ""),
        # Links in e-mails and SMS start with this address, never with the one a request came
        # to, so a forged Host header cannot put another site in a password reset mail.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        # How many proxies (TLS terminators, load balancers) stand in front of the app. With 1
        # or more, the client's address and http/https are read from that many X-Forwarded-For
        # and X-Forwarded-Proto entries; with 0 those headers are ignored, since any client
        # could send them.
        "TRUSTED_PROXIES": _int("TRUSTED_PROXIES", 0),
        # E-mail goes out through this SMTP server (`flask send-outbox`); none when SMTP_HOST is
        # empty, and e-mails then wait in the outbox.
        "SMTP_HOST": os.environ.get("SMTP_HOST", ""),
        "SMTP_PORT": _int("SMTP_PORT", 587),
        "SMTP_USER": os.environ.get("SMTP_USER", ""),
        "SMTP_PASSWORD": os.environ.get("SMTP_PASSWORD", ""),
        "SMTP_FROM": os.environ.get("SMTP_FROM", "sokandelots@localhost"),
        "SMTP_STARTTLS": _flag("SMTP_STARTTLS", default=True),
        # SMS go out as an HTTP POST to this address with the token as a Bearer token; none when
        # SMS_GATEWAY_URL is empty, and SMS then wait in the outbox.
        "SMS_GATEWAY_URL": os.environ.get("SMS_GATEWAY_URL", ""),
        "SMS_GATEWAY_TOKEN": os.environ.get("SMS_GATEWAY_TOKEN", ""),
        "SMS_SENDER": os.environ.get("SMS_SENDER", "Sokandelots"),
        "PASSWORD_RESET_MINUTES": _int("PASSWORD_RESET_MINUTES", 30),
        # After a handover, the old coach may still read (not change) the record this long.
        "HANDOVER_READ_DAYS": _int("HANDOVER_READ_DAYS", 30),
    }


def check_workers(settings, workers):
    """Refuse to run a production service of several workers whose login limits count in
    memory: each worker would count apart, so a guesser would get a budget per worker. Call it
    with the real number of workers (the gunicorn config's `on_starting` hook does)."""
    if (settings["PRODUCTION"] and workers > 1
            and settings["RATELIMIT_STORAGE_URI"].startswith("memory://")):
        raise RuntimeError(
            f"{workers} workers cannot share login limits kept in memory. Set "
            "RATELIMIT_STORAGE_URI to a shared storage, e.g. "
            "RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379, or run one worker.")


def workers_from_environment():
    """The number of workers gunicorn starts when nothing else says: WEB_CONCURRENCY, or 1."""
    return _int("WEB_CONCURRENCY", 1)


def _local_secret(instance_path, production):
    if production:
        raise RuntimeError("SECRET_KEY must be set when SOKANDELOTS_ENV=production.")
    path = Path(instance_path) / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()
