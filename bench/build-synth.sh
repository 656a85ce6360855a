#!/usr/bin/env bash
# Builds the chr22-sized synthetic datastore the load benchmark serves:
#   pangy synth (50 Mbp, 88 haplotypes) → pangy add (build, bubbles, path blocks, skeleton).
# Usage: bench/build-synth.sh [WORKDIR]   (default /tmp/pangy-bench; the datastore is WORKDIR/datastore)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-/tmp/pangy-bench}
mkdir -p "$work"
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
pangy=cli/Pangy.Cli/bin/Release/net10.0/pangy
[ -f "$work/chr22.gfa" ] || "$pangy" synth --out "$work/chr22" --ref-bp 50000000 --haplotypes 88 --chrom chr22
"$pangy" add --db synth --ref GRCh38 --chr chr22 --gfa "$work/chr22.gfa" --layout "$work/chr22.lay.tsv" \
  --dir "$work/datastore" --force
echo "datastore ready: $work/datastore"
