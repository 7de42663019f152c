"""A stand-in for the EC2 instance metadata service (IMDSv2), as documented by AWS.

Started by the AWSBackend tests: prints "PORT <n>" once listening on 127.0.0.1 and exits when
its standard input closes. PUT /latest/api/token (with x-aws-ec2-metadata-token-ttl-seconds)
hands out a session token; GET /latest/meta-data/iam/security-credentials/ names the role and
GET .../<role> gives its credentials, both only with a valid token (401 otherwise), as an
instance that requires IMDSv2 answers. POST /__configure sets
{"role", "AccessKeyId", "Seconds", "NoRole", "FailTokenTimes"}; each credentials answer
numbers its session token (imds-session-1, -2, ...) and expires Seconds from now. GET /__calls
counts the token, role and credentials requests.
"""

import json
import threading
from datetime import datetime, timedelta, timezone

import test_server

CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"

lock = threading.Lock()
settings = {"role": "bastion-role", "AccessKeyId": "AKIDMANAGEMENT", "Seconds": 6 * 3600, "NoRole": False,
            "FailTokenTimes": 0}
tokens = set()
calls = {"token": 0, "role": 0, "credentials": 0, "unauthorized": 0}


class Handler(test_server.QuietHandler):
    def do_PUT(self):
        if self.path != "/latest/api/token":
            return self.send(404, "text/plain", "Not Found")
        ttl = self.headers.get("x-aws-ec2-metadata-token-ttl-seconds", "")
        if not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
            return self.send(400, "text/plain", "Bad Request")
        with lock:
            calls["token"] += 1
            if settings["FailTokenTimes"] > 0:
                settings["FailTokenTimes"] -= 1
                return self.send(503, "text/plain", "Service Unavailable")
            token = f"imds-token-{calls['token']}"
            tokens.add(token)
        self.send(200, "text/plain", token, {"x-aws-ec2-metadata-token-ttl-seconds": ttl})

    def do_GET(self):
        if self.path == "/__calls":
            with lock:
                return self.send(200, "application/json", json.dumps(calls))
        if not self.path.startswith(CREDENTIALS_PATH):
            return self.send(404, "text/plain", "Not Found")
        with lock:
            if self.headers.get("x-aws-ec2-metadata-token") not in tokens:
                calls["unauthorized"] += 1
                return self.send(401, "text/plain", "Unauthorized")
            role = settings["role"]
            if settings["NoRole"]:
                return self.send(404, "text/plain", "Not Found")
            if self.path == CREDENTIALS_PATH:
                calls["role"] += 1
                return self.send(200, "text/plain", role)
            if self.path != CREDENTIALS_PATH + role:
                return self.send(404, "text/plain", "Not Found")
            calls["credentials"] += 1
            number = calls["credentials"]
            now = datetime.now(timezone.utc)
            body = {
                "Code": "Success",
                "LastUpdated": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
                "Type": "AWS-HMAC",
                "AccessKeyId": settings["AccessKeyId"],
                "SecretAccessKey": f"imds-secret-{number}",
                "Token": f"imds-session-{number}",
                "Expiration": (now + timedelta(seconds=settings["Seconds"])).strftime("%Y-%m-%dT%H:%M:%SZ"),
            }
        self.send(200, "text/plain", json.dumps(body))

    def do_POST(self):
        if self.path != "/__configure":
            return self.send(404, "text/plain", "Not Found")
        posted = json.loads(self.read_body() or b"{}")
        with lock:
            settings.update(posted)
        self.send(200, "application/json", "{}")

    def send(self, status, content_type, text, headers=None):
        self.send_bytes(status, text.encode(), content_type, headers)


if __name__ == "__main__":
    test_server.run(Handler)
