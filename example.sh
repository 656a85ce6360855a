#!/usr/bin/env bash
# The main job on the bundled example, the way a lab uses Pangy: starts `pangy up` (the event-driven pipeline on this
# machine, watching ./example/uploads), drops the HLA-DRB1 pangenome (DRB1-3123, 12 haplotypes) and its gene
# annotations into the uploads folder by the upload contract, waits until the chromosome is ready, and prints a few
# URLs of the query API on http://127.0.0.1:5700. Ctrl+C stops it.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
pangy=cli/Pangy.Cli/bin/Release/net10.0/pangy
port=${PORT:-5700}
base="http://127.0.0.1:$port"
work=example
mkdir -p "$work/uploads"
"$pangy" up --dir "$work" --port "$port" &
up=$!
trap 'kill $up 2>/dev/null; wait $up 2>/dev/null || true' EXIT INT TERM

# The upload contract: {dataset}/dataset.json, {dataset}/{chrom}.gfa, {dataset}/{chrom}.lay.tsv,
# annotations/{ref}/{name}.gff3. Written aside and moved in, so the watcher sees whole files.
mkdir -p "$work/uploads/drb1" "$work/uploads/annotations/gi|568815592" "$work/.incoming"
cp tests/data/drb1/DRB1-3123.gfa "$work/.incoming/DRB1.gfa"
cp tests/data/drb1/DRB1-3123.lay.tsv "$work/.incoming/DRB1.lay.tsv"
cp tests/data/drb1/drb1_annotations.gff3 "$work/.incoming/drb1.gff3"
echo '{"ref": "gi|568815592", "annotations": "drb1"}' > "$work/.incoming/dataset.json"
mv "$work/.incoming/DRB1.gfa" "$work/.incoming/DRB1.lay.tsv" "$work/.incoming/dataset.json" "$work/uploads/drb1/"
mv "$work/.incoming/drb1.gff3" "$work/uploads/annotations/gi|568815592/"

for _ in $(seq 1 300); do
  state=$(curl -sf "$base/datasets/drb1/status" | grep -o '"state":"[a-z]*"' | head -1 || true)
  case "$state" in
    *ready*) break ;;
    *failed*) curl -s "$base/datasets/drb1/status"; echo; exit 1 ;;
  esac
  sleep 0.5
done
q='db=drb1&genome=gi%7C568815592&chromosome=DRB1'
echo
echo "drb1/DRB1 is ready:"
echo "  $base/datasets/drb1/status"
echo "  $base/datasets"
echo "  $base/select?$q&start=32580000&end=32585000"
echo "  $base/path-data?$q&sample=gi%7C568815592&index=0&start=32580000&end=32585000"
echo "  $base/genes?db=drb1&genome=gi%7C568815592&chromosome=chr6&start=32578000&end=32590000   (the fixture's genes use chr6)"
echo "Drop more files into $work/uploads/ to build more; Ctrl+C stops."
wait $up
