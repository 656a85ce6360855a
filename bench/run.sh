#!/usr/bin/env bash
# Load benchmark of `pangy serve` on loopback with wrk (Debian package: apt-get install -y wrk).
# Usage: bench/run.sh [DATASTORE] [SECONDS] [CHR]   (default /tmp/pangy-bench/datastore, 30 s per route, chr22)
# ROUTES="select-deflate pathdata" runs only those routes (names as in the summary).
# Serves dataset "synth" (chromosome CHR, reference GRCh38, built by bench/build-synth.sh), writes the request
# lists (bench/make-urls.py) unless they exist, warms each route up, then runs wrk with 2 threads and 64 connections
# per route, then one connection. /select runs twice: with "Accept-Encoding: deflate" (what browsers send; the answer
# is assembled from cached compressed fragments) and without (identity JSON).
# Besides wrk's latencies it records where the CPU went during each 64-connection run, per request: the server
# process in user mode and in the kernel (its socket writes; loopback delivery mostly runs there too), wrk (user +
# kernel), and the whole machine (busy time from /proc/stat), all from /proc.
set -euo pipefail
cd "$(dirname "$0")/.."
store=${1:-/tmp/pangy-bench/datastore}
secs=${2:-30}
chr=${3:-chr22}
out=$(dirname "$store")/results
mkdir -p "$out"
port=5771
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly
# pangy serve switches itself to server GC (it re-runs the command in a child process with DOTNET_gcServer=1).
cli/Pangy.Cli/bin/Release/net10.0/pangy serve --dir "$store" --port "$port" --db synth > "$out/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" > /dev/null && break; sleep 0.2; done
# The process that answers: the server-GC child when pangy serve started one, else pangy itself.
worker=$(pgrep -P "$server" | head -1 || true)
worker=${worker:-$server}
[ -s "$out/select.txt" ] || python3 bench/make-urls.py "http://127.0.0.1:$port" synth GRCh38 "$chr" "$out" 2000 | tee "$out/urls.log"

ticks=$(getconf CLK_TCK)
proc_cpu() { awk '{print $14, $15}' "/proc/$1/stat"; }          # utime, stime of a process, in ticks
machine_cpu() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }  # user, nice, system, irq, softirq

summary="$out/summary.txt"
printf '%-16s %9s %8s %8s %8s %9s  %s\n' route req/s p50 p90 p99 KB/answer "CPU µs per request: server user + kernel / wrk / machine" > "$summary"

run() {
  local name=$1 list=$2 encoding=$3
  [ -f "$list" ] || return 0
  [ -z "${ROUTES:-}" ] || [[ " $ROUTES " == *" $name "* ]] || return 0
  # Warm-up: every request once (maps pages in, fills the caches: the compressed /select groups are built on first
  # use), then a short wrk run.
  sed "s|^|http://127.0.0.1:$port|" "$list" | xargs -P 2 -n 100 curl -s -H "Accept-Encoding: ${encoding:-identity}" > /dev/null
  ENCODING=$encoding URLS=$list wrk -t2 -c64 -d5s -s bench/urls.lua "http://127.0.0.1:$port" > /dev/null
  local u0 k0 m0 u1 k1 m1 wrkcpu
  read -r u0 k0 < <(proc_cpu "$worker"); m0=$(machine_cpu)
  /usr/bin/time -f '%U %S' -o "$out/wrktime-$name.txt" env ENCODING="$encoding" URLS="$list" \
    wrk -t2 -c64 -d"${secs}s" --latency -s bench/urls.lua "http://127.0.0.1:$port" > "$out/wrk-$name.txt"
  read -r u1 k1 < <(proc_cpu "$worker"); m1=$(machine_cpu)
  cat "$out/wrk-$name.txt"
  wrkcpu=$(awk '{print $1 + $2}' "$out/wrktime-$name.txt")
  awk -v name="$name" -v u=$((u1 - u0)) -v k=$((k1 - k0)) -v m=$((m1 - m0)) -v w="$wrkcpu" -v hz="$ticks" '
    /Requests\/sec/ {rps = $2}
    /^ +50%/ {p50 = $2} /^ +90%/ {p90 = $2} /^ +99%/ {p99 = $2}
    / requests in / {n = $1; read = $5; secs = $4}
    END {
      kb = read; unit = substr(kb, length(kb) - 1); kb = substr(kb, 1, length(kb) - 2)
      if (unit == "GB") kb *= 1024 * 1024; else if (unit == "MB") kb *= 1024
      printf "%-16s %9.0f %8s %8s %8s %9.1f  %.0f + %.0f / %.0f / %.0f\n", name, rps, p50, p90, p99, kb / n,
        u / hz / n * 1e6, k / hz / n * 1e6, w / n * 1e6, m / hz / n * 1e6
    }' "$out/wrk-$name.txt" >> "$summary"
  # One connection: the service time of a request without queueing.
  ENCODING=$encoding URLS=$list wrk -t1 -c1 -d10s --latency -s bench/urls.lua "http://127.0.0.1:$port" | tee "$out/wrk1-$name.txt"
}

run select-deflate "$out/select.txt" deflate
run select-identity "$out/select.txt" ""
run pathdata "$out/pathdata.txt" ""
run tiles "$out/tiles.txt" ""
ps -o rss= -p "$worker" | awk '{printf "server RSS %.0f MB\n", $1/1024}' | tee "$out/rss.txt"
cat "$summary"
