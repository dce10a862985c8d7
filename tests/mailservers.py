"""A real SMTP server and a small SMS gateway on 127.0.0.1 that keep what reaches them."""
import socket
import threading
import urllib.parse
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class Mailbox:
    """What the SMTP server received; `refuse` answers the next n messages with 451."""

    def __init__(self):
        self.messages, self.refuse = [], 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 Try again later"
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content,
                                                                    policy=policy.default)))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def smtp_server():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller, box


class Gateway(ThreadingHTTPServer):
    """Records each POST: its form fields and its Authorization header. `answer` is the status
    to answer the next requests with."""

    def __init__(self):
        self.requests, self.answer = [], 200
        super().__init__(("127.0.0.1", 0), GatewayHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/send"


class GatewayHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        status = self.server.answer
        if status == 200:
            self.server.requests.append(
                ({key: values[0] for key, values in urllib.parse.parse_qs(body).items()},
                 self.headers["Authorization"]))
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass
