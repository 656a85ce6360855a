#!/usr/bin/env bash
# The long reader fuzz run (docs/reliability.md): the CI test with more cases per reader.
#   tests/fuzz.sh [CASES_PER_READER] [SEED] [READERS]     e.g. tests/fuzz.sh 50000 7 gfa,odgi-lay
# Summaries go to stdout and to fuzz-report.txt; inputs of findings to fuzz-findings/ (minimize them into
# tests/data/bad or a unit test before fixing).
set -euo pipefail
cd "$(dirname "$0")/.."
export PANGY_FUZZ_CASES="${1:-20000}" PANGY_FUZZ_SEED="${2:-1}" PANGY_FUZZ_READERS="${3:-}"
export PANGY_FUZZ_REPORT="$PWD/fuzz-report.txt" PANGY_FUZZ_SAVE="$PWD/fuzz-findings"
rm -f "$PANGY_FUZZ_REPORT"
echo "fuzz: $PANGY_FUZZ_CASES cases per reader, seed $PANGY_FUZZ_SEED, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet test tests/Pangy.Core.Tests -c Release --nologo --filter "FullyQualifiedName~ReaderFuzzTests" || status=$?
cat "$PANGY_FUZZ_REPORT"
exit "${status:-0}"
