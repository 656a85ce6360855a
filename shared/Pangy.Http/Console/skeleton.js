// Decoders for the stored skeleton (pangyplot-reference.md §7.3) and path (.binpath, §5.1) formats. The browser
// has already inflated the gzip (the routes send Content-Encoding: gzip), so these read the raw varint payloads.

class VarintReader {
  constructor(bytes, start = 0, end = bytes.length) { this.b = bytes; this.i = start; this.end = end; }
  more() { return this.i < this.end; }
  uvarint() {
    let v = 0, mul = 1, byte;
    do {
      if (this.i >= this.end) throw new Error('truncated varint');
      byte = this.b[this.i++];
      v += (byte & 0x7f) * mul;
      mul *= 128;
    } while (byte & 0x80);
    return v;
  }
  svarint() { const u = this.uvarint(); return u % 2 === 0 ? u / 2 : -(u + 1) / 2; }
}

/**
 * One level of polylines.bin: [{chain, points: Float64Array [x0, y0, x1, y1, ...]}], anchors re-centred by half a
 * cell as the reference's decoder does.
 */
export function decodeLevel(bytes, offset, level) {
  const r = new VarintReader(bytes, offset, offset + level.byteLength);
  const n = level.numPolylines, cell = level.gridSize;
  const counts = new Array(n);
  for (let i = 0; i < n; i++) counts[i] = r.uvarint() + 2;
  const chains = new Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) { prev += r.svarint(); chains[i] = prev; }
  const lines = new Array(n);
  for (let i = 0; i < n; i++) {
    const pts = new Float64Array(counts[i] * 2);
    let x = r.svarint() * cell + cell / 2, y = r.svarint() * cell + cell / 2;
    pts[0] = x; pts[1] = y;
    for (let j = 1; j < counts[i]; j++) {
      x += r.svarint() * cell; y += r.svarint() * cell;
      pts[2 * j] = x; pts[2 * j + 1] = y;
    }
    lines[i] = { chain: chains[i], points: pts };
  }
  return lines;
}

/** Every level of the skeleton, in the meta's order. */
export function decodeSkeleton(bytes, meta) {
  let offset = 0;
  return meta.levels.map(level => {
    const lines = level.byteLength > 0 ? decodeLevel(bytes, offset, level) : [];
    offset += level.byteLength;
    return { ...level, lines };
  });
}

/** A .binpath payload: [{seg, reverse}] in path order. */
export function decodePath(bytes) {
  const r = new VarintReader(bytes);
  const steps = [];
  if (!r.more()) return steps;
  let c = r.uvarint();
  steps.push({ seg: Math.floor(c / 2), reverse: c % 2 === 1 });
  while (r.more()) {
    c += r.svarint();
    steps.push({ seg: Math.floor(c / 2), reverse: c % 2 === 1 });
  }
  return steps;
}
