#!/usr/bin/env bash
# Digests of every artifact `pangy add` + `pangy annotate` write, for checking that a change keeps outputs
# byte-identical: on DRB1-3123 and on a chr22-sized synthetic graph (generated once into WORK).
#   bench/artifact-digests.sh OUT.txt [WORK]     (WORK defaults to /tmp/pangy-digests)
# Compare two runs with `diff before.txt after.txt`.
set -euo pipefail
out=$(realpath -m "$1")
work=${2:-/tmp/pangy-digests}
cd "$(dirname "$0")/.."
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
pangy=$PWD/cli/Pangy.Cli/bin/Release/net10.0/pangy
mkdir -p "$work"
[ -f "$work/chr22.gfa" ] || "$pangy" synth --out "$work/chr22" --ref-bp 50000000 --haplotypes 88 --chrom chr22 >/dev/null
ds=$(mktemp -d "$work/ds.XXXXXX")
"$pangy" add --db drb1 --ref 'gi|568815592' --chr DRB1 --gfa tests/data/drb1/DRB1-3123.gfa \
  --layout tests/data/drb1/DRB1-3123.lay.tsv --dir "$ds" >/dev/null
"$pangy" annotate --ref 'gi|568815592' --name drb1 --gff3 tests/data/drb1/drb1_annotations.gff3 --dir "$ds" >/dev/null
"$pangy" add --db synth --ref GRCh38 --chr chr22 --gfa "$work/chr22.gfa" --layout "$work/chr22.lay.tsv" --dir "$ds" >/dev/null
(cd "$ds" && find graphs annotations -type f | LC_ALL=C sort | xargs sha256sum) > "$out"
rm -rf "$ds"
echo "$(wc -l < "$out") artifacts digested into $out"
