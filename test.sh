#!/usr/bin/env bash
# Runs every test of the solution. This is the README's test command and what CI calls.
set -euo pipefail
cd "$(dirname "$0")"
dotnet test Pangy.sln -c Release --nologo "$@"
