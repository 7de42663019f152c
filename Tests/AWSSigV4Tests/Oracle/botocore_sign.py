"""Signs requests with botocore's SigV4Auth, the oracle for rootmail's signer.

Reads a JSON list of requests on stdin, writes a JSON list of signed requests on stdout.
Each request: name, method, url, params (list of [key, value] or null), headers (list of
[name, value]), body (text), accessKeyID, secretAccessKey, sessionToken (or null), region,
service, timestamp (yyyyMMddTHHmmssZ), contentSHA256Header (bool).
"""
import datetime
import hashlib
import json
import sys
from unittest import mock

try:
    import botocore
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
except ImportError:
    sys.stderr.write("botocore is not installed: run `pip install botocore`\n")
    sys.exit(3)


class RecordingSigV4Auth(SigV4Auth):
    """Keeps the canonical request so that a mismatch can be shown, not just detected."""

    def canonical_request(self, request):
        self.recorded_canonical_request = super().canonical_request(request)
        return self.recorded_canonical_request


def sign(case):
    headers = [tuple(pair) for pair in case["headers"]]
    body = case["body"].encode("utf-8")
    if case["contentSHA256Header"]:
        headers.append(("X-Amz-Content-SHA256", hashlib.sha256(body).hexdigest()))
    request = AWSRequest(
        method=case["method"],
        url=case["url"],
        headers=dict(headers),
        data=body,
        params=[tuple(pair) for pair in case["params"]] if case.get("params") else None,
    )
    credentials = Credentials(case["accessKeyID"], case["secretAccessKey"], case.get("sessionToken"))
    auth = RecordingSigV4Auth(credentials, case["service"], case["region"])
    fixed = datetime.datetime.strptime(case["timestamp"], "%Y%m%dT%H%M%SZ")
    with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
        auth.add_auth(request)
    prepared = request.prepare()
    canonical = auth.recorded_canonical_request
    host = next(line[5:] for line in canonical.split("\n") if line.startswith("host:"))
    return {
        "name": case["name"],
        "wireURL": prepared.url,
        "host": host,
        "headers": [[name, value] for name, value in prepared.headers.items()],
        "canonicalRequest": canonical,
        "botocoreVersion": botocore.__version__,
    }


json.dump([sign(case) for case in json.load(sys.stdin)], sys.stdout)
