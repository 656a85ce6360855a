#!/usr/bin/env bash
# Builds the deployment packages of the Function apps: for each app, `dotnet publish` for linux-x64
# (framework-dependent on the dotnet-isolated 10.0 runtime, not trimmed) and a zip whose root is what the
# Functions host loads (host.json, functions.metadata, worker.config.json, .azurefunctions/, the assemblies).
# The zips are deterministic: the same sources give the same bytes (sorted entries, fixed timestamps and modes,
# source paths mapped away from the clone's location).
#
# Usage: deploy/package.sh [-o OUTDIR] [ingest|skeleton|query ...]   (default: all three, into artifacts/packages)
# Writes OUTDIR/pangy-<app>.zip; deploy them as docs/deploy.md says.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/artifacts/packages"
apps=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o|--out) out="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    ingest|skeleton|query) apps+=("$1"); shift ;;
    *) echo "package.sh: unknown argument '$1' (apps are ingest, skeleton, query)" >&2; exit 2 ;;
  esac
done
[ ${#apps[@]} -gt 0 ] || apps=(ingest skeleton query)
mkdir -p "$out"
out="$(cd "$out" && pwd)"

project_of() {
  case "$1" in
    ingest) echo "$root/functions/Ingest/Pangy.Functions.Ingest.csproj" ;;
    skeleton) echo "$root/functions/Skeleton/Pangy.Functions.Skeleton.csproj" ;;
    query) echo "$root/functions/Query/Pangy.Functions.Query.csproj" ;;
  esac
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for app in "${apps[@]}"; do
  project="$(project_of "$app")"
  if ! grep -q 'Microsoft.Azure.Functions.Worker.Sdk' "$project"; then
    echo "package.sh: $project is not an isolated-worker Function app (no Microsoft.Azure.Functions.Worker.Sdk reference)" >&2
    exit 1
  fi
  publish="$work/$app"
  # PathMap: the assemblies and their PDBs name /_/ instead of this clone's folder, so any clone gives the same bytes.
  # A build tree of its own (artifacts/package-build): these global properties never invalidate the ordinary
  # build's outputs, and a second packaging is incremental.
  dotnet publish "$project" -c Release -r linux-x64 --self-contained false \
    -p:PublishTrimmed=false -p:PublishReadyToRun=false -p:PathMap="$root=/_/" \
    --artifacts-path "$root/artifacts/package-build" -o "$publish" --nologo -v quiet -clp:ErrorsOnly
  for required in host.json functions.metadata worker.config.json .azurefunctions; do
    [ -e "$publish/$required" ] || { echo "package.sh: $app's publish output has no $required" >&2; exit 1; }
  done
  python3 - "$publish" "$out/pangy-$app.zip" <<'PY'
import os, stat, sys, zipfile
src, dest = sys.argv[1], sys.argv[2]
files = []
for folder, dirs, names in os.walk(src):
    for name in names:
        path = os.path.join(folder, name)
        files.append((os.path.relpath(path, src).replace(os.sep, "/"), path))
files.sort(key=lambda f: f[0].encode("utf-8"))
tmp = dest + ".tmp"
with zipfile.ZipFile(tmp, "w") as z:
    for name, path in files:
        info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
        # Only the mode matters to the host: executables (the apphost) keep theirs, the rest are plain files.
        executable = os.stat(path).st_mode & stat.S_IXUSR and not name.endswith((".dll", ".json", ".pdb", ".so"))
        info.external_attr = (stat.S_IFREG | (0o755 if executable else 0o644)) << 16
        info.create_system = 3
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(path, "rb") as f:
            z.writestr(info, f.read(), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
os.replace(tmp, dest)
PY
  echo "$out/pangy-$app.zip"
done
