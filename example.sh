#!/usr/bin/env bash
# The main job on the bundled example: builds the HLA-DRB1 pangenome graph (DRB1-3123, 12 haplotypes)
# into ./datastore/graphs/example/DRB1/.
set -euo pipefail
cd "$(dirname "$0")"
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
pangy=cli/Pangy.Cli/bin/Release/net10.0/pangy
"$pangy" add --db example --ref 'gi|568815592' --chr DRB1 \
  --gfa tests/data/drb1/DRB1-3123.gfa --layout tests/data/drb1/DRB1-3123.lay.tsv \
  --dir datastore --force
