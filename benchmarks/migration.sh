#!/usr/bin/env bash
# Benchmark of a migration at AWS's quota (prints figures; not a test).
#
# On the embedded organization with its quotas on (StartPrimaryEmailUpdate 1 per second per
# caller, 3 per 30 s per account; AcceptPrimaryEmailUpdate 1 per second per caller), ACCOUNTS
# generated accounts (default 100) move from scale.northwind.example to newcorp.example with
# `rootmail migrate start --mailbox maildir:… --yes`, the codes read from the organization's own
# Maildir as they arrive. The physical limit is the Start quota: N accounts take at least N - 1
# seconds. Prints accounts per second against the quota, and the share of the quota reached
# (target: at least 90%), and how many rows failed (target: none).
#
# Builds rootmail with `swift build -c release --static-swift-stdlib` unless ROOTMAIL_BIN names a binary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
accounts="${1:-100}"
if [ -z "${ROOTMAIL_BIN:-}" ]; then
    (cd "$root" && swift build -c release --static-swift-stdlib --product rootmail >&2)
    ROOTMAIL_BIN="$root/.build/release/rootmail"
fi
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export ROOTMAIL_HOME="$home"
"$ROOTMAIL_BIN" sim throttling on >/dev/null
"$ROOTMAIL_BIN" sim generate "$accounts" >/dev/null

began=$(date +%s.%N)
"$ROOTMAIL_BIN" migrate start --rewrite-domain scale.northwind.example=newcorp.example \
    --mailbox "maildir:$home/mail" --wait 60 --yes --output json 2>"$home/progress.log" >"$home/result.json"
ended=$(date +%s.%N)

python3 - "$home/result.json" "$began" "$ended" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
elapsed = float(sys.argv[3]) - float(sys.argv[2])
rows = result["Rows"]
done = sum(1 for row in rows if row["State"] == "done")
failed = sum(1 for row in rows if row["State"] == "failed")
skipped = sum(1 for row in rows if row["State"] == "skipped")
# N Starts at one per second need N - 1 seconds after the first; the Accepts run beside them.
quota_seconds = max(done - 1, 1)
rate = done / elapsed
print(f"{done} accounts changed in {elapsed:.1f} s ({skipped} left out by the plan's checks, {failed} failed)")
print(f"{rate:.2f} accounts per second against a quota of 1 Start per second: "
      f"{100 * quota_seconds / elapsed:.0f}% of the quota (target at least 90%)")
print(("PASS" if quota_seconds / elapsed >= 0.9 and failed == 0 else "FAIL") + "  at least 90% of the quota, no row failed")
PY
