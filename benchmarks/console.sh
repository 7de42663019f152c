#!/usr/bin/env bash
# Builds a release rootmail as scripts/console does (Swift's libraries linked in statically, which
# takes the dynamic loading of Foundation and ICU off every start) and measures its console (see
# console.py). Prints figures.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import pyte" 2>/dev/null || python3 -m pip install --quiet pyte
swift build -c release --static-swift-stdlib --product rootmail >&2
python3 benchmarks/console.py .build/release/rootmail "$@"
