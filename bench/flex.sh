#!/usr/bin/env bash
# The pipeline's handlers inside a Flex Consumption instance's envelope (issue 13), compared with an unconstrained
# `pangy add` of the same files. Needs root (a cgroup and a loop mount).
#
#   bench/flex.sh GFA LAYOUT REF [WORK] [MEMORY_MB] [CPUS]
#
#   GFA, LAYOUT  a chromosome's graph and layout (e.g. /tmp/pangy-digests/chr22.gfa and chr22.lay.tsv, made by
#                `pangy synth --out chr22 --ref-bp 50000000 --haplotypes 88 --chrom chr22`)
#   REF          its reference path name (GRCh38 for pangy synth's graphs)
#   WORK         working folder on the machine's disk (default /tmp/pangy-flex): it stands for the mounted share
#   MEMORY_MB    the instance's memory less the platform's ~272 MB (default 1776: the 2048 MB instance)
#   CPUS         CPUs the instance may use, e.g. 0 or 0-1 (default 0: the 2048 MB instance's one vCPU)
#
# The instance: a memory cgroup with MEMORY_MB, a CPU set, and an 800 MB ext4 image mounted as the only local scratch
# (TMPDIR). `pangy up` runs there over WORK/share (uploads and the datastore, whose staging folder holds the
# workspaces, as on the mounted share). The chromosome's files are dropped into the uploads folder the way a blob
# upload appears (written under a hidden name, then renamed); the script polls /datasets/flex/status until the
# chromosome is ready or failed, sampling the cgroup's memory and the scratch disk's use. Then `pangy add` builds the
# same files unconstrained into WORK/free, and every artifact's SHA-256 is compared. FREE=DIR compares with the
# chromosome folder DIR instead (graphs/{dataset}/{chr} of an unconstrained `pangy add` of the same files by the same
# build, made beforehand), which saves building a chr1-sized graph a second time.
set -euo pipefail
gfa=$(realpath "$1"); layout=$(realpath "$2"); ref=$3
work=$(realpath -m "${4:-/tmp/pangy-flex}")
memory_mb=${5:-1776}
cpus=${6:-0}
chr=$(basename "$gfa"); chr=${chr%%.*}
port=5797
[ "$(id -u)" = 0 ] || { echo "flex.sh: needs root (cgroup, loop mount)" >&2; exit 2; }
cd "$(dirname "$0")/.."
dotnet build cli/Pangy.Cli -c Release --nologo -v quiet -clp:ErrorsOnly >/dev/null
pangy=$PWD/cli/Pangy.Cli/bin/Release/net10.0/pangy

cleanup() {
  [ -n "${up_pid:-}" ] && kill "$up_pid" 2>/dev/null && wait "$up_pid" 2>/dev/null || true
  mountpoint -q "$work/scratch" && umount "$work/scratch" || true
  rmdir /sys/fs/cgroup/memory/pangy-flex /sys/fs/cgroup/cpuset/pangy-flex 2>/dev/null || true
}
trap cleanup EXIT
cleanup
rm -rf "$work/share" "$work/free" "$work/scratch.img"
mkdir -p "$work/scratch" "$work/share/uploads/flex" "$work/free"

# The instance's local disk: 800 MB of ext4, nothing else writable locally.
truncate -s 800M "$work/scratch.img"
mkfs.ext4 -q -F "$work/scratch.img"
mount -o loop "$work/scratch.img" "$work/scratch"
chmod 1777 "$work/scratch"

# The instance's memory and CPUs (cgroup v1 here; memory.max_usage_in_bytes is the peak of everything inside).
mem=/sys/fs/cgroup/memory/pangy-flex; cpu=/sys/fs/cgroup/cpuset/pangy-flex
mkdir -p "$mem" "$cpu"
echo $((memory_mb * 1024 * 1024)) > "$mem/memory.limit_in_bytes"
[ -f "$mem/memory.memsw.limit_in_bytes" ] && echo $((memory_mb * 1024 * 1024)) > "$mem/memory.memsw.limit_in_bytes" || true
echo "$cpus" > "$cpu/cpuset.cpus"
cat /sys/fs/cgroup/cpuset/cpuset.mems > "$cpu/cpuset.mems"

# pangy up inside the instance: a fresh shell joins both cgroups, then becomes pangy.
TMPDIR=$work/scratch bash -c "echo \$\$ > $mem/cgroup.procs; echo \$\$ > $cpu/cgroup.procs; exec \"$pangy\" up --dir \"$work/share\" --port $port" \
  > "$work/up.log" 2>&1 &
up_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

drop() { cp "$1" "$work/share/uploads/flex/.$2.part" && mv "$work/share/uploads/flex/.$2.part" "$work/share/uploads/flex/$2"; }
start=$(date +%s.%N)
printf '{"ref": "%s"}\n' "$ref" > "$work/share/uploads/flex/.dataset.json.part"
mv "$work/share/uploads/flex/.dataset.json.part" "$work/share/uploads/flex/dataset.json"
drop "$layout" "$chr.lay.tsv"
drop "$gfa" "$chr.gfa"

scratch_peak=0; state=""
while :; do
  used=$(df -k --output=used "$work/scratch" | tail -1 | tr -d ' ')
  [ "$used" -gt "$scratch_peak" ] && scratch_peak=$used
  status=$(curl -sf "http://127.0.0.1:$port/datasets/flex/status" || true)
  state=$(printf '%s' "$status" | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["chromosomes"][0]["state"])
except Exception: print("")' )
  case "$state" in ready|failed) break ;; esac
  kill -0 "$up_pid" 2>/dev/null || { state="crashed"; break; }
  sleep 0.5
done
end=$(date +%s.%N)
peak=$(cat "$mem/memory.max_usage_in_bytes")
failcnt=$(cat "$mem/memory.failcnt")
printf '%s' "$status" > "$work/status.json"
kill "$up_pid"; wait "$up_pid" 2>/dev/null || true; up_pid=

# The same files, unconstrained (or the folder FREE names).
if [ -n "${FREE:-}" ]; then
  free_dir=$(realpath "$FREE"); echo "(given: $free_dir)" > "$work/free.time"
else
  /usr/bin/time -f "%e s %M KB" -o "$work/free.time" "$pangy" add --db flex --ref "$ref" --chr "$chr" --gfa "$gfa" --layout "$layout" \
    --dir "$work/free" >/dev/null 2>&1
  free_dir=$work/free/graphs/flex/$chr
fi
(cd "$work/share/datastore/graphs/flex/$chr" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work/flex.sha256"
(cd "$free_dir" && find . -type f | LC_ALL=C sort | xargs sha256sum) > "$work/free.sha256"
if cmp -s "$work/flex.sha256" "$work/free.sha256"; then same="byte-identical ($(wc -l < "$work/free.sha256") files)"
else same="DIFFERENT: diff $work/flex.sha256 $work/free.sha256"; fi

python3 - "$work/status.json" <<EOF
import json, sys
s = json.load(open(sys.argv[1]))["chromosomes"][0]
t = s.get("timings") or {}
print(f"chromosome       $chr ({s['state']})")
print(f"instance         {$memory_mb} MB memory, CPUs $cpus, 800 MB scratch (TMPDIR), datastore on $work/share")
print(f"upload → {s['state']:<8} {$end - $start:.1f} s (graph stages {t.get('build_s', 0):.1f} s, skeleton {t.get('skeleton_s', 0):.1f} s)")
print(f"memory peak      {$peak / 2**20:.0f} MB (cgroup, everything in the instance; limit hits: $failcnt)")
print(f"scratch peak     {$scratch_peak / 1024:.0f} MB of 800")
if s.get("error"): print(f"error            {s['error']}")
EOF
echo "unconstrained    pangy add: $(cat "$work/free.time")"
echo "artifacts        $same"
[ "$state" = ready ]
