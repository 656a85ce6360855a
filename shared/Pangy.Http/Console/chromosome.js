// The chromosome view: the skeleton's polylines at the level that fits the zoom, the reference spine with its
// coordinates, a coordinate axis (or the cytobands when the server has them for this chromosome), pan and zoom,
// and a click that opens the region under the cursor.

import { getJson, getBytes } from './api.js';
import { el, num, route } from './dom.js';
import { CanvasView } from './canvas-view.js';
import { decodeSkeleton } from './skeleton.js';
import { chainColor } from './colors.js';

/** A cell smaller than this many pixels adds detail that cannot be seen, so a coarser level is drawn. */
const MIN_CELL_PX = 4;
/** The region a click opens spans this many spine points each side (the spine has one point per 50 reference steps). */
const CLICK_SPINE_POINTS = 2;

export async function chromosomeView(main, ctx, params) {
  const { db, chr } = params;
  main.dataset.view = 'chromosome';
  ctx.crumbs([{ text: db, href: route('', {}) }, { text: chr }]);
  const reference = params.ref || await ctx.reference(db, chr);
  const [meta, graphMeta, bytes, cytobands] = await Promise.all([
    getJson('skeleton', { db, chromosome: chr }),
    getJson('graph-meta', { db, chromosome: chr }),
    getBytes('skeleton-bin', { db, chromosome: chr }),
    getJson('cytoband', { db }).then(c => c?.chromosome?.[chr] ?? null).catch(() => null),
  ]);
  const spine = reference ? (await getJson('spine', { db, chromosome: chr, ref: reference })).spine ?? [] : [];
  const levels = decodeSkeleton(bytes, meta);
  const bbox = graphMeta.layout_bbox;
  const range = graphMeta.bp_range ?? (spine.length ? { start: spine[0][2], end: spine[spine.length - 1][2] } : null);

  const canvas = el('canvas.graph', { tabindex: 0, role: 'img', 'aria-label': `Skeleton of ${chr}: arrows pan, + and - zoom, 0 fits, Enter opens the region at the centre` });
  const axis = el('canvas.axis', { 'aria-hidden': 'true' });
  const levelInfo = el('span.level');
  const wholeHref = range ? route('region', { db, chr, start: range.start, end: range.end }) : null;
  const controls = el('div.controls', { role: 'toolbar', 'aria-label': 'View controls' },
    el('button', { type: 'button', onclick: () => view.zoomAt(view.width() / 2, view.height() / 2, 1.4), 'aria-label': 'Zoom in' }, '+'),
    el('button', { type: 'button', onclick: () => view.zoomAt(view.width() / 2, view.height() / 2, 1 / 1.4), 'aria-label': 'Zoom out' }, '−'),
    el('button', { type: 'button', onclick: () => view.fit() }, 'Fit'),
    levelInfo,
    wholeHref ? el('a.button', { href: wholeHref, id: 'open-whole' }, `Open ${num(range.start)}–${num(range.end)} as a region`) : null);
  const stats = el('dl.stats', {},
    ...[['Segments', graphMeta.total_segments], ['Links', graphMeta.total_links], ['Bubbles', graphMeta.total_bubbles], ['Samples', graphMeta.sample_count],
      ['Reference', reference ?? '–'], ['Range', range ? `${num(range.start)}–${num(range.end)}` : '–']]
      .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'number' ? num(v) : v)]));
  main.replaceChildren(el('h1', {}, `${chr} `, el('span.sub', {}, db)), controls, el('div.stage', {}, canvas, axis), stats,
    el('p.hint', {}, 'Click the drawing (or press Enter) to open the region under the cursor.'));

  function levelFor(scale) {
    // The finest level whose cell is still visible; levels are in ladder order (finest first).
    for (const l of levels) if (l.gridSize * scale >= MIN_CELL_PX && l.numPolylines > 0) return l;
    return levels.findLast(l => l.numPolylines > 0) ?? levels[levels.length - 1];
  }

  function nearestSpine(x, y) {
    let best = -1, bestD = Infinity;
    spine.forEach(([sx, sy], i) => { const d = (sx - x) ** 2 + (sy - y) ** 2; if (d < bestD) { bestD = d; best = i; } });
    return best;
  }

  function openAt(x, y) {
    if (!spine.length) return;
    const i = nearestSpine(x, y);
    const a = spine[Math.max(0, i - CLICK_SPINE_POINTS)][2], b = spine[Math.min(spine.length - 1, i + CLICK_SPINE_POINTS)][2];
    location.hash = route('region', { db, chr, start: Math.min(a, b), end: Math.max(a, b) });
  }

  const view = new CanvasView(canvas, {
    draw(g, v) {
      const level = levelFor(v.scale);
      const [vx0, vy0, vx1, vy1] = v.visible();
      let drawn = 0;
      g.lineWidth = 1.5; g.lineJoin = 'round'; g.lineCap = 'round';
      for (const line of level.lines) {
        const p = line.points;
        let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
        for (let i = 0; i < p.length; i += 2) { minX = Math.min(minX, p[i]); maxX = Math.max(maxX, p[i]); minY = Math.min(minY, p[i + 1]); maxY = Math.max(maxY, p[i + 1]); }
        if (maxX < vx0 || minX > vx1 || maxY < vy0 || minY > vy1) continue;
        g.strokeStyle = chainColor(line.chain);
        g.beginPath();
        for (let i = 0; i < p.length; i += 2) {
          const [sx, sy] = v.toScreen(p[i], p[i + 1]);
          if (i === 0) g.moveTo(sx, sy); else g.lineTo(sx, sy);
        }
        g.stroke();
        drawn++;
      }
      if (spine.length > 1) {
        g.strokeStyle = 'rgba(20, 20, 20, 0.55)'; g.lineWidth = 3;
        g.beginPath();
        spine.forEach(([x, y], i) => { const [sx, sy] = v.toScreen(x, y); if (i === 0) g.moveTo(sx, sy); else g.lineTo(sx, sy); });
        g.stroke();
        // Reference coordinates along the spine, spaced to stay readable.
        g.fillStyle = '#222'; g.font = '11px system-ui, sans-serif'; g.textAlign = 'center';
        let lastX = -Infinity;
        for (const [x, y, bp] of spine) {
          const [sx, sy] = v.toScreen(x, y);
          if (sx - lastX < 90 || sx < 0 || sx > v.width()) continue;
          lastX = sx;
          g.beginPath(); g.arc(sx, sy, 3, 0, 2 * Math.PI); g.fill();
          g.fillText(num(bp), sx, sy - 8);
        }
      }
      canvas.dataset.level = level.gridSize;
      canvas.dataset.polylines = level.numPolylines;
      canvas.dataset.drawn = drawn;
      levelInfo.textContent = `${level.label}: ${num(drawn)} of ${num(level.numPolylines)} polylines`;
      drawAxis(v);
    },
    click: (x, y) => openAt(x, y),
  });
  canvas.addEventListener('keydown', e => {
    if (e.key !== 'Enter') return;
    const [x, y] = view.toWorld(view.width() / 2, view.height() / 2);
    openAt(x, y);
  });

  // The axis: the reference range, the cytobands when known, and the part of it in view (from the spine points on screen).
  function drawAxis(v) {
    const dpr = window.devicePixelRatio || 1, w = axis.clientWidth, h = axis.clientHeight;
    if (axis.width !== Math.round(w * dpr)) { axis.width = Math.round(w * dpr); axis.height = Math.round(h * dpr); }
    const g = axis.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.clearRect(0, 0, w, h);
    if (!range) return;
    const pad = 16, span = Math.max(1, range.end - range.start), X = bp => pad + (bp - range.start) / span * (w - 2 * pad);
    if (cytobands?.length) {
      for (const b of cytobands) { g.fillStyle = b.color; g.fillRect(X(b.start), 4, Math.max(1, X(b.end) - X(b.start)), 10); }
      g.strokeStyle = '#555'; g.strokeRect(pad, 4, w - 2 * pad, 10);
    } else {
      g.fillStyle = '#d9e2ec'; g.fillRect(pad, 6, w - 2 * pad, 6);
    }
    const [vx0, vy0, vx1, vy1] = v.visible();
    const inView = spine.filter(([x, y]) => x >= vx0 && x <= vx1 && y >= vy0 && y <= vy1).map(p => p[2]);
    if (inView.length) {
      const a = X(Math.min(...inView)), b = X(Math.max(...inView));
      g.fillStyle = 'rgba(31, 78, 121, 0.35)'; g.fillRect(a, 2, Math.max(3, b - a), 14);
    }
    g.fillStyle = '#333'; g.font = '11px system-ui, sans-serif'; g.strokeStyle = '#333';
    const ticks = Math.max(1, Math.min(6, Math.floor(w / 120)));
    for (let i = 0; i <= ticks; i++) {
      const bp = Math.round(range.start + span * i / ticks), x = X(bp);
      g.beginPath(); g.moveTo(x, 16); g.lineTo(x, 21); g.stroke();
      g.textAlign = i === 0 ? 'left' : i === ticks ? 'right' : 'center';
      g.fillText(num(bp), x, 33);
    }
  }

  view.setBounds([bbox.min_x, bbox.min_y, bbox.max_x, bbox.max_y]);
  view.draw();
  canvas.focus({ preventScroll: true });
  main.dataset.ready = 'true';
  return () => view.dispose();
}
