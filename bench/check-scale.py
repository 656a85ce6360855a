#!/usr/bin/env python3
"""Checks a synthetic chromosome's datastore against what the generator wrote (issue 13's "outputs at scale are
correct"), with decoders written here from the contract (pangyplot-reference.md §5.1, §4), not Pangy's own code:

  bench/check-scale.py CHROMOSOME_DIR PREFIX [SAMPLED_PATHS]

  CHROMOSOME_DIR  the datastore's graphs/DB/CHR folder (after pangy add)
  PREFIX          the pangy synth prefix: PREFIX.gfa and PREFIX.json (the generator's truth)
  SAMPLED_PATHS   how many P lines, evenly spread plus the reference, to decode and compare (default 12)

1. bubbles.db's counts by subtype equal the generator's expectedBubbles (simple, insertion, super, total);
2. each sampled .binpath decodes to its GFA P line, step for step and strand for strand;
3. the step index (steps.mmapindex) has one entry per reference step, in 1-based inclusive bp (§3.4): it starts at
   base 1, each step starts right after the one before, and it ends at the reference path's length in bp (from
   segments.db).
Exits non-zero on the first mismatch."""
import array, gzip, json, os, sqlite3, sys


def npy_u4(path):
    with open(path, "rb") as f:
        data = f.read()
    assert data[:6] == b"\x93NUMPY", path
    major = data[6]
    hlen = int.from_bytes(data[8:10], "little") if major == 1 else int.from_bytes(data[8:12], "little")
    start = (10 if major == 1 else 12) + hlen
    header = data[start - hlen:start].decode("latin1")
    assert "'<u4'" in header and "'fortran_order': False" in header, f"{path}: {header}"
    a = array.array("I")
    a.frombytes(data[start:])
    return a


def decode_binpath(path):
    payload = gzip.decompress(open(path, "rb").read())
    steps, value, shift, prev, first = [], 0, 0, 0, True
    for byte in payload:
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte & 0x80:
            continue
        if first:
            c, first = value, False
        else:
            c = prev + ((value >> 1) ^ -(value & 1))
        steps.append((c >> 1, "-" if c & 1 else "+"))
        prev, value, shift = c, 0, 0
    return steps


def main():
    chr_dir, prefix = sys.argv[1], sys.argv[2]
    sampled = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    truth = json.load(open(prefix + ".json"))

    # 1. Bubble counts by kind.
    db = sqlite3.connect(f"file:{os.path.join(chr_dir, 'bubbles.db')}?mode=ro", uri=True)
    counts = dict(db.execute("SELECT subtype, COUNT(*) FROM bubbles GROUP BY subtype"))
    expected = truth["expectedBubbles"]
    for kind in ("simple", "insertion", "super"):
        assert counts.get(kind, 0) == expected[kind], f"{kind} bubbles: {counts.get(kind, 0)}, generator {expected[kind]}"
    assert sum(counts.values()) == expected["total"], f"bubbles: {sum(counts.values())}, generator {expected['total']}"
    print(f"bubbles: {counts} = generator's {expected}")

    # 2. Sampled .binpath files against their P lines.
    index = json.load(open(os.path.join(chr_dir, "paths", "index.json")))["paths"]
    file_of = {e["full_id"]: e["file"] for entries in index.values() for e in entries}
    total = truth["paths"]
    every = max(1, total // sampled)
    checked, ref_steps = 0, None
    with open(prefix + ".gfa", "rb") as gfa:
        p = -1
        for line in gfa:
            if not line.startswith(b"P\t"):
                continue
            p += 1
            name_end = line.index(b"\t", 2)
            name = line[2:name_end].decode()
            is_ref = name == truth["referencePath"]
            if p % every and not is_ref:
                continue
            fields = line.rstrip(b"\n").split(b"\t")
            want = [(int(s[:-1]), chr(s[-1])) for s in fields[2].split(b",")]
            got = decode_binpath(os.path.join(chr_dir, "paths", file_of[name]))
            assert got == want, f"{name}: .binpath has {len(got)} steps, the GFA {len(want)}" + \
                (f"; first difference at step {next(i for i, (a, b) in enumerate(zip(got, want)) if a != b)}" if len(got) == len(want) else "")
            checked += 1
            if is_ref:
                ref_steps = want
    assert ref_steps is not None, "the reference path was not found in the GFA"
    print(f".binpath: {checked} of {total} paths decoded equal to their P lines (every {every}th and the reference)")

    # 3. The step index spans the reference.
    idx = os.path.join(chr_dir, "steps.mmapindex")
    starts, ends, segs = npy_u4(os.path.join(idx, "starts.npy")), npy_u4(os.path.join(idx, "ends.npy")), npy_u4(os.path.join(idx, "segments.npy"))
    assert len(starts) == len(ref_steps) == truth["referenceSteps"], f"step index: {len(starts)} steps, reference {len(ref_steps)}, generator {truth['referenceSteps']}"
    sdb = sqlite3.connect(f"file:{os.path.join(chr_dir, 'segments.db')}?mode=ro", uri=True)
    length = dict(sdb.execute("SELECT id, length FROM segments"))
    ref_bp = sum(length[s] for s, _ in ref_steps)
    assert starts[0] == 1, f"step index starts at {starts[0]}"
    assert all(segs[i] == ref_steps[i][0] for i in range(len(segs))), "step index segments differ from the reference path"
    assert all(starts[i + 1] == ends[i] + 1 for i in range(len(starts) - 1)), "step index is not contiguous"
    assert ends[-1] == ref_bp, f"step index ends at {ends[-1]}, the reference path is {ref_bp} bp"
    print(f"step index: {len(starts)} steps, bp 1-{ends[-1]}, contiguous, = the reference path ({truth['referencePath']})")


if __name__ == "__main__":
    main()
