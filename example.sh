#!/usr/bin/env bash
# The main job on the bundled example: builds the HLA-DRB1 pangenome graph (DRB1-3123, 12 haplotypes) into
# ./datastore (chromosome build, bubbles, skeleton), adds its gene annotations, and serves the query API on
# http://127.0.0.1:5700, printing a few example URLs. Ctrl+C stops the server.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
pangy=cli/Pangy.Cli/bin/Release/net10.0/pangy
"$pangy" add --db example --ref 'gi|568815592' --chr DRB1 \
  --gfa tests/data/drb1/DRB1-3123.gfa --layout tests/data/drb1/DRB1-3123.lay.tsv --dir datastore --force
"$pangy" annotate --ref 'gi|568815592' --name example --gff3 tests/data/drb1/drb1_annotations.gff3 --dir datastore --force
echo "  genes (the fixture's annotations use chr6): http://127.0.0.1:${PORT:-5700}/genes?db=example&genome=gi%7C568815592&chromosome=chr6"
exec "$pangy" serve --dir datastore --db example --port "${PORT:-5700}"
