"""A stand-in for IAM Identity Center: the SSO portal's GetRoleCredentials and SSO OIDC's
CreateToken (refresh_token grant), as documented by AWS, on one port.

Started by the AWSBackend tests (see test_server.py). Access tokens it knows: "sso-access-token"
(handed out by `aws sso login` in the tests' cached files) and each "sso-refreshed-<n>" it has
issued. GET /federation/credentials?role_name=R&account_id=A with x-amz-sso_bearer_token gives R's
credentials in A (key AKIDMANAGEMENT, session token "sso:<A>:<R>-<n>"), 401 UnauthorizedException
for an unknown token. POST /token with grantType refresh_token and refreshToken
"sso-refresh-token" (or one it issued) answers a new access token for 8 hours and a new refresh
token; any other is refused with invalid_grant. GET /__calls counts the calls.
"""

import json
import threading
import time
from urllib.parse import parse_qs, urlsplit

import test_server

lock = threading.Lock()
access_tokens = {"sso-access-token"}
refresh_tokens = {"sso-refresh-token"}
calls = {"GetRoleCredentials": 0, "CreateToken": 0, "refused": 0}
issued = 0


class Handler(test_server.QuietHandler):
    def do_GET(self):
        global issued
        if self.path == "/__calls":
            with lock:
                return self.send_json(200, calls)
        target = urlsplit(self.path)
        if target.path != "/federation/credentials":
            return self.send_json(404, {"message": "no such path"})
        query = {k: v[0] for k, v in parse_qs(target.query).items()}
        with lock:
            calls["GetRoleCredentials"] += 1
            if self.headers.get("x-amz-sso_bearer_token") not in access_tokens:
                calls["refused"] += 1
                return self.send_json(401, {"message": "Session token not found or invalid"},
                                      {"x-amzn-ErrorType": "UnauthorizedException"})
            issued += 1
            number = issued
        self.send_json(200, {"roleCredentials": {
            "accessKeyId": "AKIDMANAGEMENT",
            "secretAccessKey": f"sso-secret-{number}",
            "sessionToken": f"sso:{query.get('account_id')}:{query.get('role_name')}-{number}",
            "expiration": int((time.time() + 3600) * 1000),
        }})

    def do_POST(self):
        global issued
        if self.path != "/token":
            return self.send_json(404, {"message": "no such path"})
        request = json.loads(self.read_body() or b"{}")
        with lock:
            calls["CreateToken"] += 1
            if request.get("grantType") != "refresh_token" or request.get("refreshToken") not in refresh_tokens:
                return self.send_json(400, {"error": "invalid_grant", "error_description": "Invalid refresh token"},
                                      {"x-amzn-ErrorType": "InvalidGrantException"})
            issued += 1
            access, refresh = f"sso-refreshed-{issued}", f"sso-refresh-{issued}"
            access_tokens.add(access)
            refresh_tokens.add(refresh)
        self.send_json(200, {"accessToken": access, "tokenType": "Bearer", "expiresIn": 8 * 3600,
                             "refreshToken": refresh})

    def send_json(self, status, document, headers=None):
        self.send_bytes(status, json.dumps(document).encode(), "application/json", headers)


if __name__ == "__main__":
    test_server.run(Handler)
