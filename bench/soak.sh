#!/usr/bin/env bash
# The long soak of `pangy serve` (docs/reliability.md): the CI soak test run longer and with more clients.
#   bench/soak.sh [SECONDS] [CLIENTS] [DIR,DB,GENOME,CHROMOSOME] [CACHE_MB]
#     e.g. bench/soak.sh 300 64 /tmp/pangy-flex/free,flex,GRCh38,chr22 256
# Without the datastore argument DRB1-3123 is built by the test. The summary (requests, 2xx/4xx/5xx, malformed,
# RSS before/after) goes to soak-report.txt and stdout. CACHE_MB is the server's query cache budget (pangy serve
# --cache-mb, default 256): its own memory may grow by that much as the caches fill.
set -euo pipefail
cd "$(dirname "$0")/.."
export PANGY_SOAK_SECONDS="${1:-300}" PANGY_SOAK_CLIENTS="${2:-64}" PANGY_SOAK_DATASTORE="${3:-}" PANGY_SOAK_CACHE_MB="${4:-256}" PANGY_SOAK_REPORT="$PWD/soak-report.txt"
rm -f "$PANGY_SOAK_REPORT"
dotnet test tests/Pangy.Cli.Tests -c Release --nologo --filter "FullyQualifiedName~ServeSoakTests" || status=$?
cat "$PANGY_SOAK_REPORT"
exit "${status:-0}"
