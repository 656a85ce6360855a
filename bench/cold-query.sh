#!/usr/bin/env bash
# A cold Query instance's first answer (issue 13): page cache dropped, a fresh `pangy serve`, then the first /select of
# a 100 kb window. Prints the time from process start to the answer and what the serving process read from disk for
# it (read_bytes of /proc/PID/io: bytes that really came from the device, not from the page cache; and of those, the
# datastore's, counted with fincore as the chromosome's pages now cached). Needs root.
#
#   bench/cold-query.sh DATASTORE DB CHR GENOME [START] [RUNS]
#
# e.g. bench/cold-query.sh /tmp/pangy-flex/free flex chr22 GRCh38 25000000 3
# START is the window's first base (default 25,000,000); the window is 100 kb. RUNS repeats the whole measurement.
# PANGY=path/to/pangy measures that binary instead of this tree's (e.g. one published from an earlier commit, for a
# before/after comparison in one run). Besides the wall time it prints the CPU time the server had used by the answer
# (user + kernel, load-independent where the wall time is not), and the runtime's and app's share of the reads (the
# rest of read_bytes).
set -euo pipefail
root=$(realpath "$1"); db=$2; chr=$3; genome=$4; start=${5:-25000000}; runs=${6:-3}
end=$((start + 100000))
port=5798
[ "$(id -u)" = 0 ] || { echo "cold-query.sh: needs root (drop_caches)" >&2; exit 2; }
cd "$(dirname "$0")/.."
if [ -n "${PANGY:-}" ]; then pangy=$(realpath "$PANGY")
else
  dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
  pangy=$PWD/cli/Pangy.Cli/bin/Release/net10.0/pangy
fi
g=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$genome")
url="http://127.0.0.1:$port/select?db=$db&genome=$g&chromosome=$chr&start=$start&end=$end"
echo "datastore $root ($(du -sh "$root/graphs/$db/$chr" | cut -f1) for $chr); $url"
for run in $(seq "$runs"); do
  sync; echo 3 > /proc/sys/vm/drop_caches
  t0=$(date +%s%N)
  # Server GC set here so that serve does not start itself again as a child (the PID read below is the server's);
  # tiered compilation too, which that child would get (the project turns it off for the batch commands).
  DOTNET_gcServer=1 DOTNET_TieredCompilation=1 "$pangy" serve --dir "$root" --port $port --organism none >/dev/null 2>&1 &
  pid=$!
  code=000
  until [ "$code" = 200 ]; do
    code=$(curl -s -o /tmp/cold-query.json -w '%{http_code}' -H 'Accept-Encoding: deflate' "$url" || true)
    kill -0 $pid 2>/dev/null || { echo "pangy serve exited" >&2; exit 1; }
    [ "$code" = 200 ] || sleep 0.02
  done
  t1=$(date +%s%N)
  read_bytes=$(awk '/^read_bytes/ {print $2}' /proc/$pid/io)
  cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) * 1000 / hz}' /proc/$pid/stat)
  # Of which the datastore: its files' pages now in the page cache (everything was dropped before the start).
  store_bytes=$(find "$root/graphs/$db/$chr" -type f -print0 | xargs -0 fincore -b -n -o RES | awk '{s += $1} END {print s + 0}')
  rss=$(awk '/^VmHWM/ {print $2}' /proc/$pid/status)
  # A second request, now warm, for comparison.
  t2=$(date +%s%N); curl -s -o /dev/null -H 'Accept-Encoding: deflate' "$url"; t3=$(date +%s%N)
  kill $pid; wait $pid 2>/dev/null || true
  printf 'run %d: first answer %.2f s after process start (CPU %.0f ms); read from disk %.1f MB (datastore files %.1f MB, runtime and app %.1f MB); peak RSS %.0f MB; answer %d bytes; second request %.1f ms\n' \
    "$run" "$(echo "($t1 - $t0) / 1000000000" | bc -l)" "$cpu_ms" "$(echo "$read_bytes / 1048576" | bc -l)" "$(echo "$store_bytes / 1048576" | bc -l)" \
    "$(echo "($read_bytes - $store_bytes) / 1048576" | bc -l)" "$(echo "$rss / 1024" | bc -l)" \
    "$(stat -c %s /tmp/cold-query.json)" "$(echo "($t3 - $t2) / 1000000" | bc -l)"
done
