#!/usr/bin/env bash
# Runs every test of the solution. This is the README's test command and what CI calls.
# Installs what the tests run besides .NET: the npm tools pinned by package-lock.json (Azurite), when missing or stale.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
dotnet test Pangy.sln -c Release --nologo "$@"
