"""Builds the organization the moto tests read, then turns on moto's signature checking.

Usage: moto_organization.py ENDPOINT. Creates an organization with ALL features, two nested
organizational units (Workloads, and Production inside it), 45 member accounts (the first five
in Production, the next five in Workloads), an IAM user with an inline policy allowing
everything and an access key, and a role that user may assume. Then POST /moto-api/reset-auth
with body 0 makes moto check every later request's signature and permissions. Prints one JSON
object: the access key, the management account, the member ids and the units.
"""

import json
import sys
import urllib.request

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="setup", aws_secret_access_key="setup", region_name="us-east-1")
organizations = session.client("organizations", endpoint_url=endpoint)
iam = session.client("iam", endpoint_url=endpoint)

organization = organizations.create_organization(FeatureSet="ALL")["Organization"]
root = organizations.list_roots()["Roots"][0]["Id"]
workloads = organizations.create_organizational_unit(ParentId=root, Name="Workloads")["OrganizationalUnit"]["Id"]
production = organizations.create_organizational_unit(ParentId=workloads, Name="Production")["OrganizationalUnit"]["Id"]

members = []
for number in range(1, 46):
    status = organizations.create_account(Email=f"member{number:02d}@example.com", AccountName=f"Member {number:02d}")
    account = status["CreateAccountStatus"]["AccountId"]
    members.append(account)
    if number <= 5:
        organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=production)
    elif number <= 10:
        organizations.move_account(AccountId=account, SourceParentId=root, DestinationParentId=workloads)

allow_everything = json.dumps({"Version": "2012-10-17",
                               "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
user = iam.create_user(UserName="rootmail-tester")["User"]["Arn"]
iam.put_user_policy(UserName="rootmail-tester", PolicyName="everything", PolicyDocument=allow_everything)
key = iam.create_access_key(UserName="rootmail-tester")["AccessKey"]
# moto matches the trust policy's principal against the caller's ARN exactly.
trust = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Principal": {"AWS": user}, "Action": "sts:AssumeRole"}]})
role = iam.create_role(RoleName="rootmail-admin", AssumeRolePolicyDocument=trust)["Role"]["Arn"]
iam.put_role_policy(RoleName="rootmail-admin", PolicyName="everything", PolicyDocument=allow_everything)

request = urllib.request.Request(f"{endpoint}/moto-api/reset-auth", data=b"0", method="POST",
                                 headers={"Content-Type": "text/plain"})
urllib.request.urlopen(request).read()

print(json.dumps({
    "accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"], "roleArn": role,
    "organizationId": organization["Id"], "managementAccount": organization["MasterAccountId"],
    "rootId": root, "members": members, "workloads": workloads, "production": production,
}))
