"""Helpers of benchmarks/endpoint.sh: set up moto with signature checking, sign one request
with botocore for wrk to replay, probe it once, and time whole commands.

  moto-setup URL                       -> JSON {accessKeyId, secretAccessKey, accountId}
  member URL KEY SECRET                -> the id of an active member account (not the management one)
  wrk-script URL SERVICE PATH TARGET BODY KEY SECRET  -> a wrk Lua script on stdout
  probe URL SERVICE PATH TARGET BODY KEY SECRET       -> the HTTP status of one signed request
  time RUNS COMMAND...                 -> median and fastest wall time of the command, seconds

A SigV4 signature stays valid for 15 minutes, so the signed request is replayed as is: the
server checks the signature of every copy, as it would for a fresh one.
"""

import json
import statistics
import subprocess
import sys
import time

import boto3
import urllib3
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

REGION = "us-east-1"


def moto_setup(url):
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing",
                                    region_name=REGION)
    organizations = session.client("organizations", endpoint_url=url)
    organizations.create_organization(FeatureSet="ALL")
    created = organizations.create_account(Email="bench-member@example.com", AccountName="Bench Member")
    account_id = created["CreateAccountStatus"]["AccountId"]
    iam = session.client("iam", endpoint_url=url)
    iam.create_user(UserName="bench")
    iam.put_user_policy(UserName="bench", PolicyName="everything", PolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }))
    key = iam.create_access_key(UserName="bench")["AccessKey"]
    # From here on moto checks every request's signature against its IAM keys.
    urllib3.PoolManager().request("POST", url + "/moto-api/reset-auth", body=b"0")
    print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"],
                      "accountId": account_id}))


def member(url, key, secret):
    session = boto3.session.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name=REGION)
    organizations = session.client("organizations", endpoint_url=url)
    management = organizations.describe_organization()["Organization"]["MasterAccountId"]
    for page in organizations.get_paginator("list_accounts").paginate():
        for account in page["Accounts"]:
            if account["Id"] != management and account["State"] == "ACTIVE":
                print(account["Id"])
                return
    sys.exit("the organization has no active member account")


def signed(url, service, path, target, body, key, secret):
    headers = {"Content-Type": "application/json"}
    if target:
        headers = {"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": target}
    request = AWSRequest(method="POST", url=url + path, data=body.encode(), headers=headers)
    SigV4Auth(Credentials(key, secret), service, REGION).add_auth(request)
    return request.prepare()


def wrk_script(*arguments):
    prepared = signed(*arguments)
    path = arguments[2]
    lines = ['wrk.method = "POST"', f"wrk.path = {json.dumps(path)}", f"wrk.body = {json.dumps(prepared.body.decode())}"]
    for name, value in prepared.headers.items():
        if name.lower() != "content-length":
            lines.append(f"wrk.headers[{json.dumps(name)}] = {json.dumps(value)}")
    print("\n".join(lines))


def probe(*arguments):
    prepared = signed(*arguments)
    answer = urllib3.PoolManager().request("POST", prepared.url, body=prepared.body, headers=dict(prepared.headers),
                                           retries=False)
    print(answer.status)
    if answer.status != 200:
        print(answer.data.decode("utf-8", "replace")[:500], file=sys.stderr)


def time_command(runs, *command):
    durations = []
    for _ in range(int(runs)):
        start = time.perf_counter()
        finished = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        durations.append(time.perf_counter() - start)
        if finished.returncode != 0:
            sys.exit(f"{' '.join(command)} failed: {finished.stderr.decode()[:500]}")
    print(f"{statistics.median(durations):.3f} {min(durations):.3f}")


if __name__ == "__main__":
    verb, *rest = sys.argv[1:]
    {"moto-setup": moto_setup, "member": member, "wrk-script": wrk_script, "probe": probe, "time": time_command}[verb](*rest)
