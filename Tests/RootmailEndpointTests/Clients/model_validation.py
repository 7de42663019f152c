"""The endpoint's input validation judged model-first, with botocore's own service models as
the contract: for each operation the endpoint implements and each member of its input, the
inputs the model refuses (a required member left out, a string too short or too long, a
pattern or enum not met, a number out of range) and the ones it allows (each bound itself,
optional members left out) are derived from the model, sent signed by botocore with its own
validation off, and the answers judged:
  - refused: the model's validation error, naming the member (Account: ValidationException,
    reason fieldValidationFailed, a fieldList entry with the member's name; Organizations:
    InvalidInputException whose Reason is one of the constraints broken, its message naming
    the member);
  - allowed: never refused for a constraint (it may still fail for the organization's state,
    an unknown account for example);
  - every answer, as every caller: an error shape the model lists for that operation.

Patterns are matched against the whole value, as AWS's front ends match them.

Input (stdin, JSON): {"endpoint": URL, "region": R,
  "callers": [{"name", "accessKeyId", "secretAccessKey"}, ...]  (the first sends every case,
                                                                the others the allowed ones),
  "operations": {"account": ["GetPrimaryEmail", ...], "organizations": [...]},
  "suffixes": {"PrimaryEmailAddress": "@b.c"}  (for shapes without a pattern whose values
                                                 need a form: 'a' repeated, then the suffix),
  "table": {"account": {"GetPrimaryEmail": {"members": [{"name", "type", "required", "min", "max",
            "pattern", "enum"}], "errors": [...]}}, ...}  (rootmail's own statement of the
            same facts, compared with the model's member by member)}
Output (stdout, JSON): {"botocore": VERSION, "cases": N, "failures": ["...", ...]}
"""

import json
import re
import sys
import warnings

try:
    import boto3
    import botocore
    import botocore.loaders
    from botocore.config import Config
    from botocore.exceptions import ClientError
except ImportError as error:  # The Swift side turns this into a failing test.
    print(f"boto3/botocore missing ({error}): pip install -U boto3 botocore", file=sys.stderr)
    sys.exit(3)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    try:
        import re._parser as sre_parse
        import re._constants as sre_constants
    except ImportError:
        import sre_parse
        import sre_constants

C = sre_constants
ORGANIZATIONS_REASONS = {
    "required": "INPUT_REQUIRED", "min_length": "MIN_LENGTH_EXCEEDED", "max_length": "MAX_LENGTH_EXCEEDED",
    "min_value": "MIN_VALUE_EXCEEDED", "max_value": "MAX_VALUE_EXCEEDED", "pattern": "INVALID_PATTERN",
    "enum": "INVALID_ENUM",
}


# MARK: Values from patterns

def width(item):
    """(shortest, longest) match of one parsed regex item; longest None when unbounded."""
    op, av = item
    if op in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
        return 1, 1
    if op == C.AT:
        return 0, 0
    if op == C.SUBPATTERN:
        return seq_width(av[-1])
    if op == C.BRANCH:
        widths = [seq_width(alt) for alt in av[1]]
        longest = [w[1] for w in widths]
        return min(w[0] for w in widths), None if None in longest else max(longest)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        low, high, sub = av
        sub_low, sub_high = seq_width(sub)
        unbounded = high == C.MAXREPEAT or sub_high is None
        return low * sub_low, None if unbounded else high * sub_high
    raise ValueError(f"pattern item {op} not handled")


def seq_width(seq):
    low, high = 0, 0
    for item in seq:
        item_low, item_high = width(item)
        low += item_low
        high = None if high is None or item_high is None else high + item_high
    return low, high


def in_class(char, items):
    negate = False
    found = False
    for op, av in items:
        if op == C.NEGATE:
            negate = True
        elif op == C.LITERAL:
            found |= ord(char) == av
        elif op == C.RANGE:
            found |= av[0] <= ord(char) <= av[1]
        elif op == C.CATEGORY:
            found |= {
                C.CATEGORY_DIGIT: char.isdigit(), C.CATEGORY_NOT_DIGIT: not char.isdigit(),
                C.CATEGORY_WORD: char.isalnum() or char == "_", C.CATEGORY_NOT_WORD: not (char.isalnum() or char == "_"),
                C.CATEGORY_SPACE: char.isspace(), C.CATEGORY_NOT_SPACE: not char.isspace(),
            }[av]
    return found != negate


def generate_item(item, length):
    op, av = item
    if op == C.LITERAL:
        return chr(av)
    if op == C.IN:
        return next(char for char in "a1bA_-.@z9" if in_class(char, av))
    if op == C.ANY:
        return "a"
    if op == C.AT:
        return ""
    if op == C.SUBPATTERN:
        return generate(av[-1], length)
    if op == C.BRANCH:
        def distance(alt):
            low, high = seq_width(alt)
            return max(0, low - length, length - (high if high is not None else length))
        return generate(min(av[1], key=distance), length)
    low, high, sub = av
    sub_low, _ = seq_width(sub)
    count = low if sub_low == 0 else max(low, length // sub_low)
    if high != C.MAXREPEAT:
        count = min(count, high)
    if sub_low == 0:
        count = max(low, min(length, high if high != C.MAXREPEAT else length))
    # The same repetition each time: made once (a NextToken is 100,000 of them).
    return generate(sub, sub_low or 1) * count


def generate(seq, length):
    """A string the parsed pattern matches, as close to `length` as the pattern allows."""
    widths = [width(item) for item in seq]
    spare = length - sum(w[0] for w in widths)
    parts = []
    for item, (low, high) in zip(seq, widths):
        room = spare if high is None else min(spare, high - low)
        room = max(room, 0)
        parts.append(generate_item(item, low + room))
        spare -= room
    return "".join(parts)


class Member:
    """One input member and its shape's facts from the model."""

    def __init__(self, name, shape_name, shape, required, suffixes):
        self.name = name
        self.shape_name = shape_name
        self.type = shape["type"]
        self.min = shape.get("min")
        self.max = shape.get("max")
        self.pattern = shape.get("pattern")
        self.enum = shape.get("enum")
        self.required = required
        self.suffix = suffixes.get(shape_name)

    def broken(self, value):
        """The constraints `value` breaks."""
        broken = set()
        if self.type == "string":
            if self.min is not None and len(value) < self.min:
                broken.add("min_length")
            if self.max is not None and len(value) > self.max:
                broken.add("max_length")
            if self.pattern is not None and re.fullmatch(self.pattern, value) is None:
                broken.add("pattern")
            if self.enum is not None and value not in self.enum:
                broken.add("enum")
        elif self.type in ("integer", "long"):
            if self.min is not None and value < self.min:
                broken.add("min_value")
            if self.max is not None and value > self.max:
                broken.add("max_value")
        return broken

    def string_of_length(self, length):
        if self.suffix is not None:
            return "a" * max(length - len(self.suffix), 1) + self.suffix
        if self.pattern is None:
            return "a" * length
        return generate(sre_parse.parse(self.pattern), length)

    def allowed(self):
        """Values the model allows: each bound, and a value between them."""
        if not hasattr(self, "_allowed"):
            self._allowed = self._make_allowed()
        return self._allowed

    def _make_allowed(self):
        if self.enum is not None:
            return list(self.enum)
        if self.type in ("integer", "long"):
            low, high = self.min if self.min is not None else 0, self.max if self.max is not None else 100
            return sorted({low, high, (low + high) // 2})
        low = self.min or 0
        high = self.max if self.max is not None else low + 64
        values = []
        for length in sorted({low, high, (low + high) // 2}):
            value = self.string_of_length(length)
            if not self.broken(value) and value not in values:
                values.append(value)
        return values

    def refused(self):
        """(value, constraints broken) for each constraint of the member."""
        if self.type in ("integer", "long"):
            values = [v for v in (None if self.min is None else self.min - 1,
                                  None if self.max is None else self.max + 1) if v is not None]
        else:
            base = self.allowed()[0]
            values = []
            if self.min:
                values.append(base[: self.min - 1])
            if self.max is not None:
                longest = self.allowed()[-1]
                values.append(longest + longest[-1:] * (self.max + 1 - len(longest)) or "a" * (self.max + 1))
            if self.pattern is not None:
                for wrong in "! #Z":
                    candidate = wrong + base[1:] if base else wrong
                    if "pattern" in self.broken(candidate):
                        values.append(candidate)
                        break
            if self.enum is not None:
                values.append("NOT_" + "_".join(self.enum)[:20])
        return [(value, self.broken(value)) for value in values if self.broken(value)]


# MARK: The judging

class Judge:
    def __init__(self, spec):
        self.spec = spec
        self.loader = botocore.loaders.Loader()
        self.failures = []
        self.cases = 0
        self.clients = {}

    def client(self, service, caller):
        key = (service, caller["name"])
        if key not in self.clients:
            session = boto3.session.Session(aws_access_key_id=caller["accessKeyId"],
                                            aws_secret_access_key=caller["secretAccessKey"],
                                            region_name=self.spec["region"])
            config = Config(parameter_validation=False, retries={"total_max_attempts": 1})
            self.clients[key] = session.client(service, endpoint_url=self.spec["endpoint"], config=config)
        return self.clients[key]

    def call(self, service, operation, params, caller):
        self.cases += 1
        method = getattr(self.client(service, caller), botocore.xform_name(operation))
        try:
            method(**params)
            return None
        except ClientError as error:
            return error.response

    def fail(self, service, operation, caller, params, text):
        shown = {k: (v if not isinstance(v, str) or len(v) <= 40 else f"{v[:20]}…({len(v)} chars)") for k, v in params.items()}
        self.failures.append(f"{service} {operation} as {caller['name']} with {json.dumps(shown, ensure_ascii=False)}: {text}")

    def check_modeled(self, service, operation, errors, caller, params, answer):
        if answer is None:
            return
        code = answer["Error"].get("Code")
        if code not in errors:
            self.fail(service, operation, caller, params,
                      f"answered {code} ({answer['Error'].get('Message')}), which the model does not list "
                      f"for {operation} (it lists {', '.join(sorted(errors))})")

    def refusal_of(self, service, answer, member):
        """Whether the answer refuses `member` for a constraint, and the Organizations reason."""
        if answer is None:
            return False, None
        error = answer["Error"]
        if service == "account":
            fields = [field.get("name") for field in answer.get("fieldList", [])]
            return error.get("Code") == "ValidationException" and member in fields, None
        reason = answer.get("Reason") or error.get("Reason")
        constraint = reason in ORGANIZATIONS_REASONS.values()
        return error.get("Code") == "InvalidInputException" and constraint and member in error.get("Message", ""), reason

    def run(self):
        callers = self.spec["callers"]
        for service, operations in self.spec["operations"].items():
            model = self.loader.load_service_model(service, "service-2")
            for operation in operations:
                if operation not in model["operations"]:
                    self.failures.append(f"botocore {botocore.__version__} has no {service} {operation}: the contract is "
                                         "the newest botocore on PyPI (pip install -U boto3 botocore)")
                    continue
                self.judge_operation(service, model, operation, callers)
        return {"botocore": botocore.__version__, "cases": self.cases, "failures": self.failures}

    def compare_table(self, service, operation, members, errors):
        stated = self.spec.get("table", {}).get(service, {}).get(operation)
        if stated is None:
            self.failures.append(f"{service} {operation}: rootmail's table has no entry for it")
            return
        if set(stated["errors"]) != errors:
            self.failures.append(f"{service} {operation}: rootmail's table lists the errors {sorted(stated['errors'])}, "
                                 f"the model {sorted(errors)}")
        model_facts = {m.name: {"type": "integer" if m.type in ("integer", "long") else m.type, "required": m.required,
                                "min": m.min, "max": m.max, "pattern": m.pattern, "enum": m.enum} for m in members}
        table_facts = {m["name"]: {key: m.get(key) for key in ("type", "required", "min", "max", "pattern", "enum")}
                       for m in stated["members"]}
        for name in sorted(set(model_facts) | set(table_facts)):
            if model_facts.get(name) != table_facts.get(name):
                self.failures.append(f"{service} {operation} {name}: rootmail's table says {table_facts.get(name)}, "
                                     f"the model {model_facts.get(name)}")

    def judge_operation(self, service, model, operation, callers):
        definition = model["operations"][operation]
        errors = {model["shapes"][e["shape"]].get("error", {}).get("code", e["shape"]) for e in definition.get("errors", [])}
        input_shape = model["shapes"][definition["input"]["shape"]] if "input" in definition else {"members": {}}
        required = set(input_shape.get("required", []))
        members = [Member(name, ref["shape"], model["shapes"][ref["shape"]], name in required, self.spec["suffixes"])
                   for name, ref in input_shape["members"].items()]
        self.compare_table(service, operation, members, errors)
        base = {m.name: m.allowed()[0] for m in members if m.required}
        first = callers[0]

        def send(params, caller=first):
            answer = self.call(service, operation, params, caller)
            self.check_modeled(service, operation, errors, caller, params, answer)
            return answer

        def expect_allowed(params, member, caller=first):
            answer = send(params, caller)
            refused, _ = self.refusal_of(service, answer, member)
            if refused:
                self.fail(service, operation, caller, params,
                          f"refused {member}, which the model allows: {answer['Error'].get('Code')} {answer['Error'].get('Message')}")

        def expect_refused(params, member, broken):
            answer = send(params)
            refused, reason = self.refusal_of(service, answer, member)
            wanted = "ValidationException naming it in fieldList" if service == "account" else \
                "InvalidInputException naming it, Reason one of " + "/".join(sorted(ORGANIZATIONS_REASONS[b] for b in broken))
            if not refused or (service == "organizations" and reason not in {ORGANIZATIONS_REASONS[b] for b in broken}):
                got = "success" if answer is None else f"{answer['Error'].get('Code')} {answer.get('Reason', '')} " \
                                                       f"{answer['Error'].get('Message')}"
                self.fail(service, operation, first, params,
                          f"{member} breaks {', '.join(sorted(broken))}: wanted {wanted}, got {got}")

        expect_allowed(dict(base), "(none)")
        for member in members:
            if member.required:
                params = {k: v for k, v in base.items() if k != member.name}
                expect_refused(params, member.name, {"required"})
            else:
                expect_allowed(dict(base), member.name)
            for value in member.allowed():
                expect_allowed({**base, member.name: value}, member.name)
            for value, broken in member.refused():
                expect_refused({**base, member.name: value}, member.name, broken)
        for caller in callers[1:]:
            for member in members or [None]:
                values = member.allowed() if member else [None]
                for value in values[:1]:
                    params = dict(base) if member is None else {**base, member.name: value}
                    expect_allowed(params, member.name if member else "(none)", caller)


def main():
    spec = json.load(sys.stdin)
    print(json.dumps(Judge(spec).run()))


if __name__ == "__main__":
    main()
