"""botocore's own credential resolver, the oracle for rootmail's credential chain.

Reads a JSON list of cases from standard input, each {"environment": {...}, "profile": NAME or
null}; for each it replaces os.environ with the case's environment, asks
botocore.session.Session(profile=NAME).get_credentials(), and prints one JSON list of answers:
{"access_key", "token", "method"} or {"error": botocore's exception class} or {"none": true}.
"""

import json
import os
import sys

import botocore.exceptions
import botocore.session


def resolve(case):
    os.environ.clear()
    os.environ.update(case["environment"])
    try:
        credentials = botocore.session.Session(profile=case.get("profile")).get_credentials()
        if credentials is None:
            return {"none": True}
        frozen = credentials.get_frozen_credentials()
        return {"access_key": frozen.access_key, "token": frozen.token, "method": credentials.method}
    except botocore.exceptions.BotoCoreError as error:
        return {"error": type(error).__name__}
    except ValueError as error:
        return {"error": type(error).__name__}


if __name__ == "__main__":
    print(json.dumps([resolve(case) for case in json.load(sys.stdin)]))
