"""botocore's own retries, the oracle for rootmail's retry modes.

Usage: botocore_attempts.py ENDPOINT, with a JSON object of environment variables on standard
input, which replace os.environ (the interpreter itself is found with the test's own). Calls
Organizations ListAccounts once at ENDPOINT (the fault-injecting fake_aws.py) with the retry
settings of that environment (AWS_RETRY_MODE, AWS_MAX_ATTEMPTS, or a profile's retry_mode and
max_attempts), and prints one JSON object:
{"outcome": "ok"} or {"outcome": the error code}. The attempts botocore made are read from the
fake server's own count, as rootmail's are.
"""

import json
import os
import sys

import botocore.exceptions
import botocore.session


def main():
    environment = json.load(sys.stdin)
    os.environ.clear()
    os.environ.update(environment)
    client = botocore.session.Session().create_client(
        "organizations", region_name="us-east-1", endpoint_url=sys.argv[1],
        aws_access_key_id="AKIDMANAGEMENT", aws_secret_access_key="fake-secret")
    try:
        client.list_accounts(MaxResults=20)
        outcome = "ok"
    except botocore.exceptions.ClientError as error:
        outcome = error.response["Error"]["Code"]
    except botocore.exceptions.BotoCoreError as error:
        outcome = type(error).__name__
    print(json.dumps({"outcome": outcome}))


main()
