"""What every fake server of the AWSBackend tests shares: how it starts and stops, and how it answers.

`run(Handler)` listens on a free port of 127.0.0.1, prints "PORT <n>" (which PythonServer.swift
waits for) and exits when standard input closes (the test process ended) or the parent goes away.
With `--tls CERT KEY` among the script's arguments it speaks HTTPS with that certificate.
`QuietHandler` logs nothing and answers HTTP/1.1 with a Content-Length.
"""

import os
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class QuietHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def read_body(self):
        return self.rfile.read(int(self.headers.get("Content-Length", "0")))

    def send_bytes(self, status, payload, content_type, headers=None):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


def stop_with_parent():
    parent = os.getppid()
    threading.Thread(target=lambda: (sys.stdin.read(), os._exit(0)), daemon=True).start()
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def run(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    if "--tls" in sys.argv:
        at = sys.argv.index("--tls")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[at + 1], sys.argv[at + 2])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT", server.server_address[1], flush=True)
    stop_with_parent()
