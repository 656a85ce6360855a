#!/usr/bin/env bash
# Bytes of a datastore: per chromosome file (paths/ and each *.mmapindex/ as one row each, their files summed),
# then per SQLite table and index (dbstat: every page, payload and slack alike).
#   bench/datastore-size.sh DATASTORE_DIR      (the --dir of pangy add, or one graphs/{dataset}/{chromosome} dir)
# Needs sqlite3 built with dbstat (Debian's is: apt-get install sqlite3).
set -euo pipefail
root=$(realpath "$1")
if [ -d "$root/graphs" ]; then
  mapfile -t chroms < <(find "$root/graphs" -mindepth 2 -maxdepth 2 -type d | LC_ALL=C sort)
else
  chroms=("$root")
fi
for dir in "${chroms[@]}"; do
  echo "== $dir"
  ( cd "$dir"
    for entry in $(ls -A | LC_ALL=C sort); do
      printf '%12d  %s\n' "$(du -sb --apparent-size "$entry" | cut -f1)" "$entry"
    done
    if [ -d paths ]; then
      for kind in binpath blk; do
        bytes=$(find paths -type f -name "*.$kind" -printf '%s\n' | awk '{s += $1} END {print s + 0}')
        printf '%12d    paths/*.%s (%d files)\n' "$bytes" "$kind" "$(find paths -type f -name "*.$kind" | wc -l)"
      done
    fi
    printf '%12d  total\n' "$(du -sb --apparent-size . | cut -f1)"
    for db in *.db; do
      [ -f "$db" ] || continue
      echo "-- $db (page_size $(sqlite3 "$db" 'PRAGMA page_size'))"
      sqlite3 -separator ' ' "$db" \
        "SELECT printf('%12d  %s', SUM(pgsize), name) FROM dbstat GROUP BY name ORDER BY SUM(pgsize) DESC"
    done )
done
