#!/usr/bin/env bash
# Runs every test of the solution. This is the README's test command and what CI calls.
# Installs what the tests run besides .NET: the npm tools pinned by package-lock.json (Azurite), when missing or stale.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -f node_modules/.package-lock.json ] || ! cmp -s <(sed 1,3d package-lock.json) <(sed 1,3d node_modules/.package-lock.json 2>/dev/null) && [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet test Pangy.sln -c Release --nologo "$@"
