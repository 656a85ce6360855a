#!/usr/bin/env bash
# `bicep snapshot` of the example lab (main.bicepparam) at a fixed, made-up scope, so that names and ids built
# from the subscription and resource group resolve and the snapshot is the same on every machine.
#   infra/bicep/snapshot.sh overwrite   after a deliberate change: review the diff of main.snapshot.json, commit it
#   infra/bicep/snapshot.sh validate    what the tests run: fails when the templates would deploy something else
# The compiler is $BICEP, else the one the infra tests restore from NuGet (dotnet restore tests/Pangy.Infra.Tests).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mode="${1:-validate}"
case "$mode" in overwrite|validate) ;; *) echo "snapshot.sh: mode is overwrite or validate, not '$mode'" >&2; exit 2 ;; esac
bicep="${BICEP:-}"
if [ -z "$bicep" ]; then
  version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' "$here/../../Directory.Packages.props")"
  bicep="${NUGET_PACKAGES:-$HOME/.nuget/packages}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
fi
[ -x "$bicep" ] || { echo "snapshot.sh: no Bicep compiler at $bicep (dotnet restore tests/Pangy.Infra.Tests, or set BICEP)" >&2; exit 1; }
exec "$bicep" snapshot "$here/main.bicepparam" --mode "$mode" \
  --tenant-id 00000000-0000-0000-0000-000000000002 \
  --subscription-id 00000000-0000-0000-0000-000000000001 \
  --resource-group rg-pangy-example \
  --location westeurope \
  --deployment-name pangy-example
