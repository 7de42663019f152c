"""A stand-in for the ECS/EKS container credentials endpoint, as documented by AWS.

Started by the AWSBackend tests (see test_server.py). GET <path> gives credentials in the
documented shape, whose Token names the path asked for ("container-session:/v2/credentials/x"),
so that a test sees which URI a resolver used. Paths under /auth/ answer only a request whose
Authorization header is exactly "container-auth-token" (401 otherwise); paths under /fail/
always answer 500. The fake is also the proxy in front of 169.254.170.2, which the tests cannot
reach: it takes a request line in the absolute form a forwarding proxy receives
("GET http://169.254.170.2/v2/... HTTP/1.1"), and a CONNECT, after which it answers the
tunnelled requests itself. GET /__calls lists each request as
{"host", "path", "authorization"}.
"""

import json
import threading
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import test_server

AUTHORIZATION = "container-auth-token"

lock = threading.Lock()
calls = []
answers = 0


class Handler(test_server.QuietHandler):
    def do_GET(self):
        global answers
        if self.path == "/__calls":
            with lock:
                return self.send_json(200, {"calls": calls})
        target = urlsplit(self.path)
        host = target.hostname or self.headers.get("Host", "")
        authorization = self.headers.get("Authorization")
        with lock:
            calls.append({"host": host, "path": target.path, "authorization": authorization})
            answers += 1
            number = answers
        if target.path.startswith("/fail/"):
            return self.send_json(500, {"message": "internal error"})
        if target.path.startswith("/auth/") and authorization != AUTHORIZATION:
            return self.send_json(401, {"message": "unauthorized"})
        expiration = datetime.now(timezone.utc) + timedelta(hours=6)
        self.send_json(200, {
            "AccessKeyId": "AKIDMANAGEMENT",
            "SecretAccessKey": f"container-secret-{number}",
            "Token": f"container-session:{target.path}",
            "Expiration": expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "RoleArn": "arn:aws:iam::111111111111:role/task-role",
        })

    def do_CONNECT(self):
        self.send_response(200, "Connection established")
        self.end_headers()

    def send_json(self, status, document):
        self.send_bytes(status, json.dumps(document).encode(), "application/json")


if __name__ == "__main__":
    test_server.run(Handler)
