#!/usr/bin/env bash
# Benchmark of `pangy add` (chromosome build + bubbles) on a synthetic graph.
#   bench/chromosome-build.sh [chr22|chr1] [WORKDIR]
# Generates the graph once (pangy synth, 88 haplotypes), then times `pangy add --timings` with /usr/bin/time -v.
# Run it on a quiet machine and compare numbers only within one run.
set -euo pipefail
size=${1:-chr22}
work=${2:-${TMPDIR:-/tmp}/pangy-bench}
case "$size" in
  chr22) bp=50000000 ;;
  chr1) bp=248000000 ;;
  *) echo "size must be chr22 or chr1" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/.."
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
pangy=$PWD/cli/Pangy.Cli/bin/Release/net10.0/pangy
mkdir -p "$work"
[ -f "$work/$size.gfa" ] || "$pangy" synth --out "$work/$size" --ref-bp "$bp" --haplotypes 88 --chrom "$size"
ls -l "$work/$size.gfa" "$work/$size.lay.tsv"
# (No max RSS here: pangy resets the kernel's high-water mark between stages and reports each stage's peak itself.)
/usr/bin/time -f "wall %e s, user %U s, sys %S s" \
  "$pangy" add --db bench --ref GRCh38 --chr "$size" --gfa "$work/$size.gfa" --layout "$work/$size.lay.tsv" \
  --dir "$work/datastore" --force --timings
