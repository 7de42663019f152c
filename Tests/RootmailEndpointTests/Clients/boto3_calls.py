"""Runs calls against an endpoint with boto3 and botocore, as an AWS user's script would, and
prints what botocore made of each answer.

Input (stdin, JSON): {"endpoint": URL, "region": R, "accessKeyId": K, "secretAccessKey": S,
                      "calls": [CALL, ...]}
CALL: {"service": "account", "operation": "get_primary_email", "params": {...}}
      with optional "accessKeyId"/"secretAccessKey"/"sessionToken" (another principal, or
      temporary credentials), "unsigned": true,
      "clockSkewSeconds": N (sign as if the clock were off by N seconds),
      "paginate": true (run the operation's paginator; "params" may hold PaginationConfig),
      or "raw": {"service", "method", "path", "headers", "body"} (signed with botocore's
      SigV4Auth and sent as is, for operations botocore's models lack).
Output (stdout, JSON): one result per call:
  {"ok": true, "status": 200, "response": {...}} or, for a paginator, {"ok": true, "pages": [...]}
  {"ok": false, "status": 403, "code": "...", "message": "...", "error": {...},
   "modeled": {the error shape's other members, e.g. reason and fieldList}, "errorType": "..."}
  {"raw": true, "status": N, "headers": {...}, "body": "..."}
Parameter validation and retries are off: the endpoint, not botocore, must judge every input.
"""

import datetime
import json
import sys

try:
    import boto3
    import botocore
    import botocore.auth
    from botocore.awsrequest import AWSRequest
    from botocore.config import Config
    from botocore.credentials import Credentials
    from botocore.exceptions import ClientError
    import urllib3
except ImportError as error:  # The Swift side turns this into a failing test.
    print(f"boto3/botocore missing ({error}): pip install awscli boto3", file=sys.stderr)
    sys.exit(3)

REAL_NOW = botocore.auth.get_current_datetime


def plain(value):
    """JSON-friendly copy of a botocore answer; timestamps as seconds since 1970."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, datetime.datetime):
        return value.timestamp()
    return value


CLIENTS = {}


def client_for(spec, call, service):
    """One client per service and principal, reused so that calls follow each other closely."""
    key = call.get("accessKeyId", spec["accessKeyId"])
    secret = call.get("secretAccessKey", spec["secretAccessKey"])
    token = call.get("sessionToken")
    identity = (service, key, secret, token, bool(call.get("unsigned")))
    if identity not in CLIENTS:
        session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret,
                                        aws_session_token=token, region_name=spec["region"])
        options = {"parameter_validation": False, "retries": {"total_max_attempts": 1}}
        if call.get("unsigned"):
            options["signature_version"] = botocore.UNSIGNED
        CLIENTS[identity] = session.client(service, endpoint_url=spec["endpoint"], config=Config(**options))
    return CLIENTS[identity]


def run_raw(spec, call):
    raw = call["raw"]
    url = spec["endpoint"] + raw["path"]
    request = AWSRequest(method=raw.get("method", "POST"), url=url, data=raw.get("body", "").encode(),
                         headers=raw.get("headers", {}))
    credentials = Credentials(call.get("accessKeyId", spec["accessKeyId"]),
                              call.get("secretAccessKey", spec["secretAccessKey"]))
    botocore.auth.SigV4Auth(credentials, raw["service"], spec["region"]).add_auth(request)
    prepared = request.prepare()
    answer = urllib3.PoolManager().request(prepared.method, prepared.url, body=prepared.body,
                                           headers=dict(prepared.headers), retries=False)
    return {"raw": True, "status": answer.status, "headers": dict(answer.headers),
            "body": answer.data.decode("utf-8", "replace")}


def run_call(spec, call):
    skew = call.get("clockSkewSeconds")
    botocore.auth.get_current_datetime = (
        (lambda: REAL_NOW() + datetime.timedelta(seconds=skew)) if skew else REAL_NOW)
    if "raw" in call:
        return run_raw(spec, call)
    client = client_for(spec, call, call["service"])
    params = call.get("params", {})
    try:
        if call.get("paginate"):
            pages = client.get_paginator(call["operation"]).paginate(**params)
            return {"ok": True, "pages": [plain(page) for page in pages]}
        response = getattr(client, call["operation"])(**params)
        return {"ok": True, "status": response["ResponseMetadata"]["HTTPStatusCode"], "response": plain(response)}
    except ClientError as error:
        return {
            "ok": False,
            "status": error.response["ResponseMetadata"].get("HTTPStatusCode"),
            "code": error.response["Error"].get("Code"),
            "message": error.response["Error"].get("Message"),
            "error": plain(error.response.get("Error", {})),
            "modeled": plain({key: value for key, value in error.response.items() if key != "Error"}),
            "errorType": type(error).__name__,
        }


def main():
    spec = json.load(sys.stdin)
    print(json.dumps([run_call(spec, call) for call in spec["calls"]]))


if __name__ == "__main__":
    main()
