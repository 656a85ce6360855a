#!/usr/bin/env python3
"""Writes the request lists of the load benchmark from a running `pangy serve`:
select.txt (100 kb windows at random positions), pathdata.txt (region /path-data of a random haplotype subpath
covering each window) and tiles.txt (/detail-tiles over the layout x span of a 100 kb window).
Usage: make-urls.py BASE_URL DB GENOME CHROM OUTDIR [COUNT]"""
import json, random, sys, urllib.parse, urllib.request

base, db, genome, chrom, out = sys.argv[1:6]
count = int(sys.argv[6]) if len(sys.argv) > 6 else 2000
window = 100_000
rng = random.Random(22)
q = f"db={urllib.parse.quote(db)}&genome={urllib.parse.quote(genome)}&chromosome={urllib.parse.quote(chrom)}"

def get(path):
    with urllib.request.urlopen(base + path) as r:
        return json.load(r)

samples = get(f"/samples?db={urllib.parse.quote(db)}")
spans = {}  # sample -> [(bp_start, bp_end)]
for s in samples:
    meta = get(f"/path-meta?{q}&sample={urllib.parse.quote(s)}")
    spans[s] = [(m["bp_start"], m["bp_end"]) for m in meta]
ref = next(s for s in samples if any(m for m in spans[s]))
lo = min(a for a, b in spans[ref] if a is not None)
hi = max(b for a, b in spans[ref] if b is not None)
meta = get(f"/graph-meta?db={urllib.parse.quote(db)}&chromosome={urllib.parse.quote(chrom)}")
bbox = meta.get("layout_bbox")

windows = [rng.randrange(lo, hi - window) for _ in range(count)]
with open(f"{out}/select.txt", "w") as f:
    for s in windows:
        f.write(f"/select?{q}&start={s}&end={s + window}\n")
with open(f"{out}/pathdata.txt", "w") as f:
    haps = [s for s in samples if s != ref]
    for s in windows:
        for _ in range(100):
            h = rng.choice(haps)
            hits = [i for i, (a, b) in enumerate(spans[h]) if a is not None and a <= s and b >= s + window]
            if hits:
                f.write(f"/path-data?{q}&sample={urllib.parse.quote(h)}&index={hits[0]}&start={s}&end={s + window}\n")
                break
if bbox:
    width = (bbox["max_x"] - bbox["min_x"]) * window / (hi - lo)
    with open(f"{out}/tiles.txt", "w") as f:
        for s in windows:
            x = bbox["min_x"] + (bbox["max_x"] - bbox["min_x"]) * (s - lo) / (hi - lo)
            f.write(f"/detail-tiles?{q}&start={s}&end={s + window}&ppbp=0.01&layout_min_x={x:.1f}&layout_max_x={x + width:.1f}\n")
print(f"reference span {lo}-{hi}, {len(samples)} samples, {count} windows of {window} bp; layout bbox {bbox}")
