"""A small stand-in for Organizations, Account and STS that fails on purpose.

Started by the AWSBackend tests: prints "PORT <n>" once listening on 127.0.0.1 and exits when
its standard input closes (the test process ended) or its parent goes away. Answers as AWS
does on the wire, but follows a script posted to /__script first:

    {"ListAccounts": ["throttle", "drop", "empty", "fault"], "AssumeRoleSeconds": 3600}

Each call of an operation takes the next word of its list: "throttle" (TooManyRequestsException
in the service's own shape), "drop" (the connection is closed without an answer), "fault"
(HTTP 500), "empty" (ListAccounts: an empty page that keeps its NextToken), "validation"
(Account: a ValidationException with a fieldList). GET /__calls returns, per operation, how
many calls arrived, the credential scopes (region/service) and the access key ids they were
signed with ("" for an unsigned call).

AssumeRoleWithWebIdentity answers any token with the key ASIAFAKEWEBIDENTITY and a session
token that repeats what was asked, "webidentity:<RoleArn>:<RoleSessionName>:<WebIdentityToken>-<n>"
(the token percent-encoded, so that a newline in it shows), so that a test sees what a resolver sent; a session name a client made up for itself
(botocore-session-<seconds>, rootmail-session-<seconds>) is written "default-session".
"""

import json
import re
import socket
import threading
import time
from urllib.parse import parse_qs, quote
from xml.sax.saxutils import escape

import test_server

MANAGEMENT = "111111111111"
MEMBERS = [f"2222222200{n:02d}" for n in range(1, 46)]
DELEGATED_ADMINISTRATOR = MEMBERS[6]
ORGANIZATION_ID = "o-fake12345"
ROOT_ID = "r-fake"
# Access key ids pick the caller's account, as moto's x-moto-account-id header would.
CALLERS = {"AKIDMANAGEMENT": MANAGEMENT, "AKIDDELEGATED": DELEGATED_ADMINISTRATOR, "AKIDMEMBER": MEMBERS[2]}
ASSUMED_KEY_PREFIX = "ASIAFAKEROLE"

lock = threading.Lock()
script = {}
calls = {}
assume_role_seconds = 3600
assumed_sessions = 0


def account_record(account_id):
    is_management = account_id == MANAGEMENT
    name = "Management" if is_management else f"Member {MEMBERS.index(account_id) + 1:02d}"
    return {
        "Id": account_id,
        "Arn": f"arn:aws:organizations::{MANAGEMENT}:account/{ORGANIZATION_ID}/{account_id}",
        "Email": f"{name.lower().replace(' ', '')}@example.com",
        "Name": name,
        "Status": "ACTIVE",
        "State": "ACTIVE",
        "JoinedMethod": "INVITED" if is_management else "CREATED",
        "JoinedTimestamp": 1700000000.5,
    }


ALL_ACCOUNTS = [MANAGEMENT] + MEMBERS


class Handler(test_server.QuietHandler):
    def do_GET(self):
        if self.path == "/__calls":
            with lock:
                self.send_json(200, calls)
        else:
            self.send_json(404, {"message": "no such path"})

    def do_POST(self):
        global script, assume_role_seconds
        body = self.read_body()
        if self.path == "/__script":
            posted = json.loads(body)
            with lock:
                assume_role_seconds = posted.pop("AssumeRoleSeconds", assume_role_seconds)
                script = posted
            self.send_json(200, {})
            return

        target = self.headers.get("X-Amz-Target", "")
        if target.startswith("AWSOrganizationsV20161128."):
            service, operation = "organizations", target.split(".", 1)[1]
            parameters = json.loads(body or b"{}")
        elif self.path.startswith("/") and self.path[1:] in ACCOUNT_OPERATIONS:
            service, operation = "account", ACCOUNT_OPERATIONS[self.path[1:]]
            parameters = json.loads(body or b"{}")
        else:
            form = {k: v[0] for k, v in parse_qs(body.decode()).items()}
            service, operation, parameters = "sts", form.get("Action", "?"), form

        authorization = self.headers.get("Authorization", "")
        credential = authorization.split("Credential=", 1)[-1].split(",", 1)[0].split("/")
        with lock:
            record = calls.setdefault(operation, {"count": 0, "scopes": [], "keys": []})
            record["count"] += 1
            record["scopes"].append("/".join(credential[2:4]) if len(credential) >= 4 else "")
            record["keys"].append(credential[0])
            queue = script.get(operation, [])
            fault = queue.pop(0) if queue else None

        if fault == "drop":
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        if fault == "throttle":
            self.send_error_answer(service, 429 if service == "account" else 400, "TooManyRequestsException"
                                   if service != "sts" else "Throttling", "Rate exceeded")
            return
        if fault == "fault":
            self.send_error_answer(service, 500, "InternalServerException" if service != "sts" else "InternalFailure",
                                   "We encountered an internal error. Please try again.")
            return
        if fault == "validation":
            self.send_json(400, {"message": "Invalid input", "reason": "fieldValidationFailed",
                                 "fieldList": [{"name": "Otp", "message": "must have length 6"}]},
                           {"x-amzn-ErrorType": "ValidationException:http://internal.amazon.com/coral/validate/"})
            return

        caller = CALLERS.get(credential[0], MANAGEMENT if credential[0].startswith(ASSUMED_KEY_PREFIX) else None)
        getattr(self, "answer_" + service)(operation, parameters, fault, caller)

    # Organizations (JSON 1.1)

    def answer_organizations(self, operation, parameters, fault, caller):
        if operation == "DescribeOrganization":
            self.send_json(200, {"Organization": {
                "Id": ORGANIZATION_ID, "Arn": f"arn:aws:organizations::{MANAGEMENT}:organization/{ORGANIZATION_ID}",
                "FeatureSet": "ALL", "MasterAccountId": MANAGEMENT,
                "MasterAccountArn": account_record(MANAGEMENT)["Arn"], "MasterAccountEmail": "management@example.com",
                "AvailablePolicyTypes": []}})
        elif operation == "ListAccounts":
            start = int(parameters.get("NextToken", "0"))
            size = min(int(parameters.get("MaxResults", 20)), 20)
            if fault == "empty":
                self.send_json(200, {"Accounts": [], "NextToken": str(start)})
                return
            page = ALL_ACCOUNTS[start:start + size]
            answer = {"Accounts": [account_record(a) for a in page]}
            if start + size < len(ALL_ACCOUNTS):
                answer["NextToken"] = str(start + size)
            self.send_json(200, answer)
        elif operation == "ListDelegatedAdministrators":
            if caller not in (MANAGEMENT, DELEGATED_ADMINISTRATOR):
                self.send_json(400, {"__type": "com.amazonaws.organizations#AccessDeniedException",
                                     "Message": "You don't have permissions to access this resource."})
                return
            self.send_json(200, {"DelegatedAdministrators": [{"Id": DELEGATED_ADMINISTRATOR}]})
        else:
            self.send_json(400, {"__type": "UnknownOperationException", "Message": operation})

    # Account (rest-json)

    def answer_account(self, operation, parameters, fault, caller):
        if operation == "GetPrimaryEmail":
            self.send_json(200, {"PrimaryEmail": account_record(parameters["AccountId"])["Email"]})
        elif operation == "StartPrimaryEmailUpdate":
            self.send_json(200, {"Status": "PENDING"})
        elif operation == "AcceptPrimaryEmailUpdate":
            self.send_json(200, {"Status": "ACCEPTED"})
        else:
            self.send_json(200, {"Status": "PENDING", "UpdatedAt": 1700000100})

    # STS (query, XML)

    def answer_sts(self, operation, parameters, fault, caller):
        global assumed_sessions
        if operation == "GetCallerIdentity":
            self.send_xml(200, f"""<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <GetCallerIdentityResult>
    <Arn>arn:aws:iam::{caller}:user/tester</Arn>
    <UserId>AIDAFAKE{caller}</UserId>
    <Account>{caller}</Account>
  </GetCallerIdentityResult>
  <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
</GetCallerIdentityResponse>""")
        elif operation == "AssumeRole":
            with lock:
                assumed_sessions += 1
                number = assumed_sessions
                seconds = assume_role_seconds
            expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds))
            self.send_xml(200, f"""<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>{ASSUMED_KEY_PREFIX}{number:04d}</AccessKeyId>
      <SecretAccessKey>secret{number}</SecretAccessKey>
      <SessionToken>token{number}</SessionToken>
      <Expiration>{expiration}</Expiration>
    </Credentials>
    <AssumedRoleUser><Arn>{parameters.get("RoleArn")}/{parameters.get("RoleSessionName")}</Arn></AssumedRoleUser>
  </AssumeRoleResult>
</AssumeRoleResponse>""")
        elif operation == "AssumeRoleWithWebIdentity":
            with lock:
                assumed_sessions += 1
                number = assumed_sessions
            session = re.sub(r"^(botocore|rootmail)-session-\d+$", "default-session",
                             parameters.get("RoleSessionName", ""))
            token = f"webidentity:{parameters.get('RoleArn')}:{session}:{quote(parameters.get('WebIdentityToken', ''), safe='.-_')}-{number}"
            expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
            self.send_xml(200, f"""<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleWithWebIdentityResult>
    <Credentials>
      <AccessKeyId>ASIAFAKEWEBIDENTITY</AccessKeyId>
      <SecretAccessKey>secret{number}</SecretAccessKey>
      <SessionToken>{escape(token)}</SessionToken>
      <Expiration>{expiration}</Expiration>
    </Credentials>
    <SubjectFromWebIdentityToken>ci</SubjectFromWebIdentityToken>
  </AssumeRoleWithWebIdentityResult>
</AssumeRoleWithWebIdentityResponse>""")
        else:
            self.send_error_answer("sts", 400, "InvalidAction", f"Could not find operation {operation}")

    # Answers

    def send_error_answer(self, service, status, code, message):
        if service == "organizations":
            self.send_json(status, {"__type": f"com.amazonaws.organizations.v20161128#{code}", "Message": message})
        elif service == "account":
            self.send_json(status, {"message": message}, {"x-amzn-ErrorType": code})
        else:
            self.send_xml(status, f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
                                  f"<Message>{message}</Message></Error><RequestId>1</RequestId></ErrorResponse>")

    def send_json(self, status, document, headers=None):
        self.send_bytes(status, json.dumps(document).encode(), "application/x-amz-json-1.1", headers or {})

    def send_xml(self, status, text):
        self.send_bytes(status, text.encode(), "text/xml", {})


ACCOUNT_OPERATIONS = {
    "getPrimaryEmail": "GetPrimaryEmail",
    "startPrimaryEmailUpdate": "StartPrimaryEmailUpdate",
    "acceptPrimaryEmailUpdate": "AcceptPrimaryEmailUpdate",
    "getPrimaryEmailUpdateStatus": "GetPrimaryEmailUpdateStatus",
}


if __name__ == "__main__":
    test_server.run(Handler)
