#!/usr/bin/env bash
# Load benchmark of `pangy serve` on loopback with wrk (Debian package: apt-get install -y wrk).
# Usage: bench/run.sh [DATASTORE] [SECONDS]   (default /tmp/pangy-bench/datastore, 30 s per route)
# Serves dataset "synth" (chromosome chr22, reference GRCh38, built by bench/build-synth.sh), writes the request
# lists (bench/make-urls.py), warms each route up once, then runs wrk with 2 threads and 64 connections per route.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-/tmp/pangy-bench/datastore}
secs=${2:-30}
out=$(dirname "$store")/results
mkdir -p "$out"
port=5771
# Server GC (ASP.NET's default; the CLI is built with workstation GC for builds) keeps the tail latency down.
export DOTNET_gcServer=${DOTNET_gcServer:-1}
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
cli/Pangy.Cli/bin/Release/net10.0/pangy serve --dir "$store" --port "$port" --db synth > "$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.2; done
python3 bench/make-urls.py "http://127.0.0.1:$port" synth GRCh38 chr22 "$out" 2000 | tee "$out/urls.log"
for route in select pathdata tiles; do
  [ -f "$out/$route.txt" ] || continue
  # Warm-up: every request once (maps pages in, fills caches), then a short wrk run.
  URLS="$out/$route.txt" wrk -t2 -c64 -d5s -s bench/urls.lua "http://127.0.0.1:$port" > /dev/null
  URLS="$out/$route.txt" wrk -t2 -c64 -d"${secs}s" --latency -s bench/urls.lua "http://127.0.0.1:$port" | tee "$out/wrk-$route.txt"
  # One connection: the service time of a request without queueing.
  URLS="$out/$route.txt" wrk -t1 -c1 -d10s --latency -s bench/urls.lua "http://127.0.0.1:$port" | tee "$out/wrk1-$route.txt"
done
ps -o rss=,vsz= -p "$server" | awk '{printf "server RSS %.0f MB\n", $1/1024}' | tee "$out/rss.txt"
