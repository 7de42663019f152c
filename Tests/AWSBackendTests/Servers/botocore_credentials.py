"""botocore's own credential resolver, the oracle for rootmail's credential chain.

Reads a JSON list of cases from standard input, each {"environment": {...}, "profile": NAME or
null, "container_address": HOST:PORT or null}; for each it replaces os.environ with the case's
environment, asks botocore.session.Session(profile=NAME).get_credentials(), and prints one JSON
list of answers: {"access_key", "token", "method"} or {"error": the exception's class, "message"}
or {"none": true}. A container_address takes the place of 169.254.170.2, the ECS address a
relative container URI is on, which the tests cannot reach: only the address changes, not how
botocore chooses or reads the URI. botocore computes its SSO token cache folder
(~/.aws/sso/cache) once, when it is imported: it is computed again from each case's HOME.
"""

import json
import os
import sys

import botocore.exceptions
import botocore.credentials
import botocore.session
import botocore.tokens
import botocore.utils

ECS_ADDRESS = botocore.utils.ContainerMetadataFetcher.IP_ADDRESS


def resolve(case):
    os.environ.clear()
    os.environ.update(case["environment"])
    botocore.utils.ContainerMetadataFetcher.IP_ADDRESS = case.get("container_address") or ECS_ADDRESS
    sso_cache = os.path.expanduser(os.path.join("~", ".aws", "sso", "cache"))
    botocore.credentials.SSOProvider._SSO_TOKEN_CACHE_DIR = sso_cache
    botocore.tokens.SSOTokenProvider._SSO_TOKEN_CACHE_DIR = sso_cache
    try:
        credentials = botocore.session.Session(profile=case.get("profile")).get_credentials()
        if credentials is None:
            return {"none": True}
        frozen = credentials.get_frozen_credentials()
        return {"access_key": frozen.access_key, "token": frozen.token, "method": credentials.method}
    except (botocore.exceptions.BotoCoreError, ValueError, OSError) as error:
        return {"error": type(error).__name__, "message": str(error)}


if __name__ == "__main__":
    print(json.dumps([resolve(case) for case in json.load(sys.stdin)]))
