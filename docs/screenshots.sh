#!/usr/bin/env bash
# Regenerates docs/console-region.png from a real run: the console's browser tests build DRB1-3123 with the Core
# stages, start the real server and drive Debian's headless Chromium; the region test writes region.png.
# Needs what ./test.sh and .ci/run install (the .NET SDK, `apt-get install -y chromium`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
PANGY_SCREENSHOTS="$out" dotnet test tests/Pangy.Console.Tests -c Release --nologo \
  --filter "FullyQualifiedName~ConsoleViewTests.Region_view" >/dev/null
cp "$out/region.png" docs/console-region.png
echo "docs/console-region.png: $(wc -c < docs/console-region.png) bytes"
