#!/usr/bin/env bash
# Benchmark of `rootmail serve` (prints figures; not a test).
#
# 1. Requests per second for Account GetPrimaryEmail on `rootmail serve`, every request's
#    SigV4 signature checked, side by side with moto's server answering Organizations
#    DescribeAccount with its signature checking on, under the same wrk load in the same run.
#    Target: rootmail at least 20 times moto's rate.
# 2. Wall time of `aws account get-primary-email --endpoint-url …` against the server and of
#    `rootmail get-primary-email` doing the same work on the same data directory.
#
# Loopback only, bounded: ROUNDS rounds (default 3) of DURATION seconds of load per server
# (default 5), the two servers taking turns so that a busy moment of the machine weighs on both
# alike, medians reported; RUNS timed runs per command (default 5). Needs python3 with boto3 and the AWS CLI (pip install awscli boto3),
# moto's server (pip install 'moto[server]') and wrk (apt-get install wrk); it installs the
# last two when missing. Builds rootmail with `swift build -c release --static-swift-stdlib` unless ROOTMAIL_BIN names
# a binary.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
helper="$root/benchmarks/endpoint_bench.py"
duration="${DURATION:-5}"
rounds="${ROUNDS:-3}"
runs="${RUNS:-5}"
connections="${CONNECTIONS:-16}"
work="$(mktemp -d)"
pids=()

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

say() { printf '%s\n' "$*"; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to 30 s for a line matching the pattern in a log file; prints the line.
wait_for_line() {
    local file="$1" pattern="$2"
    for _ in $(seq 1 300); do
        if grep -m1 -E "$pattern" "$file" 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    say "timed out waiting for '$pattern' in $file:" >&2
    cat "$file" >&2
    return 1
}

# --- tools -------------------------------------------------------------------------------
python3 -c 'import boto3' 2>/dev/null || { say "boto3 missing: pip install awscli boto3"; exit 1; }
command -v aws >/dev/null || { say "the AWS CLI is missing: pip install awscli boto3"; exit 1; }
command -v moto_server >/dev/null || pip install --quiet 'moto[server]'
if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
    else
        say "wrk is missing: sudo apt-get install wrk"; exit 1
    fi
fi

# --- rootmail ----------------------------------------------------------------------------
if [ -n "${ROOTMAIL_BIN:-}" ]; then
    rootmail="$ROOTMAIL_BIN"
else
    say "building rootmail (swift build -c release --static-swift-stdlib)…"
    (cd "$root" && swift build -c release --static-swift-stdlib --product rootmail >/dev/null)
    rootmail="$(cd "$root" && swift build -c release --static-swift-stdlib --show-bin-path)/rootmail"
fi
export ROOTMAIL_HOME="$work/home"
if ! credentials="$("$rootmail" serve credentials 2>/dev/null)"; then
    say "NOTE: this rootmail has no 'serve' command yet (it is wired into the executable by the lead);"
    say "      nothing to measure until then."
    exit 0
fi
eval "$credentials"
"$rootmail" sim throttling off >/dev/null   # AWS's quota (3 GetPrimaryEmail a second) would answer 429s
export AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""

serve_port="$(free_port)"
"$rootmail" serve --port "$serve_port" >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for_line "$work/serve.log" "listening" >/dev/null
serve_url="http://127.0.0.1:$serve_port"
account_id="$(python3 "$helper" member "$serve_url" "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY")"

# --- moto --------------------------------------------------------------------------------
moto_port="$(free_port)"
moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=($!)
wait_for_line "$work/moto.log" "Running on" >/dev/null
moto_url="http://127.0.0.1:$moto_port"
moto="$(python3 "$helper" moto-setup "$moto_url")"
moto_key="$(printf '%s' "$moto" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessKeyId"])')"
moto_secret="$(printf '%s' "$moto" | python3 -c 'import json,sys; print(json.load(sys.stdin)["secretAccessKey"])')"
moto_account="$(printf '%s' "$moto" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accountId"])')"

# --- the two signed requests, checked once, then replayed by wrk --------------------------
rootmail_request=("$serve_url" account /getPrimaryEmail "" "{\"AccountId\":\"$account_id\"}"
                  "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY")
moto_request=("$moto_url" organizations / AWSOrganizationsV20161128.DescribeAccount "{\"AccountId\":\"$moto_account\"}"
              "$moto_key" "$moto_secret")
[ "$(python3 "$helper" probe "${rootmail_request[@]}")" = 200 ] || { say "rootmail serve refused the signed request"; exit 1; }
[ "$(python3 "$helper" probe "${moto_request[@]}")" = 200 ] || { say "moto refused the signed request"; exit 1; }
wrong=("${moto_request[@]}"); wrong[6]="not-the-secret"
[ "$(python3 "$helper" probe "${wrong[@]}" 2>/dev/null)" = 403 ] || { say "moto is not checking signatures"; exit 1; }
python3 "$helper" wrk-script "${rootmail_request[@]}" >"$work/rootmail.lua"
python3 "$helper" wrk-script "${moto_request[@]}" >"$work/moto.lua"

load() {  # url script -> "requests-per-second non-2xx"
    local output rate errors
    output="$(wrk -t2 -c"$connections" -d"${duration}s" -s "$2" "$1")"
    printf '%s\n' "$output" >>"$work/wrk.log"
    rate="$(printf '%s\n' "$output" | awk '/Requests\/sec/ {print $2}')"
    errors="$(printf '%s\n' "$output" | awk '/Non-2xx/ {print $5}')"
    printf '%s %s\n' "$rate" "${errors:-0}"
}

median() { python3 -c 'import statistics, sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

say "load: wrk, 2 threads, $connections connections, $rounds rounds of ${duration}s per server, loopback"
wrk -t2 -c"$connections" -d2s -s "$work/rootmail.lua" "$serve_url" >/dev/null   # warm-up
wrk -t2 -c"$connections" -d2s -s "$work/moto.lua" "$moto_url" >/dev/null
rootmail_rates=(); moto_rates=(); rootmail_errors=0; moto_errors=0
for round in $(seq 1 "$rounds"); do
    read -r rate errors < <(load "$serve_url" "$work/rootmail.lua")
    rootmail_rates+=("$rate"); rootmail_errors=$((rootmail_errors + errors))
    read -r rate errors < <(load "$moto_url" "$work/moto.lua")
    moto_rates+=("$rate"); moto_errors=$((moto_errors + errors))
    say "  round $round: rootmail serve ${rootmail_rates[-1]} req/s, moto ${moto_rates[-1]} req/s"
done
rootmail_rate="$(median "${rootmail_rates[@]}")"
moto_rate="$(median "${moto_rates[@]}")"
moto_version="$(python3 -c 'import moto; print(moto.__version__)')"
printf '%-64s %10.1f req/s  (median; non-2xx: %s)\n' "rootmail serve, Account GetPrimaryEmail, SigV4 checked:" \
    "$rootmail_rate" "$rootmail_errors"
printf '%-64s %10.1f req/s  (median; non-2xx: %s)\n' "moto_server $moto_version, Organizations DescribeAccount, SigV4 checked:" \
    "$moto_rate" "$moto_errors"
python3 -c "
ratio = $rootmail_rate / $moto_rate
print(f'rootmail serve / moto: {ratio:.1f}x (target: at least 20x) -> {\"met\" if ratio >= 20 else \"NOT met\"}')"

# --- wall time of one command ------------------------------------------------------------
read -r aws_median aws_best < <(python3 "$helper" time "$runs" \
    aws --endpoint-url "$serve_url" account get-primary-email --account-id "$account_id")
read -r cli_median cli_best < <(python3 "$helper" time "$runs" \
    "$rootmail" get-primary-email --account-id "$account_id")
printf '%-64s median %.3f s, best %.3f s (%s runs)\n' "aws account get-primary-email (against rootmail serve):" \
    "$aws_median" "$aws_best" "$runs"
printf '%-64s median %.3f s, best %.3f s (%s runs)\n' "rootmail get-primary-email (embedded organization):" \
    "$cli_median" "$cli_best" "$runs"
python3 -c "print(f'aws CLI / rootmail: {$aws_median / $cli_median:.1f}x the wall time')"
