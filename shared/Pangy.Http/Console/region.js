// The region view: /select drawn on a canvas (bubbles collapsed as /select returns them, segments at their layout
// coordinates once a bubble is popped with /pop, and the links between them), a path highlighted from /path-data,
// the genes of the region from /genes, and the export routes (/gfa, /layout) for what is on screen.

import { getJson, getBytes, postForFile, ApiError } from './api.js';
import { el, num, route, showMessage } from './dom.js';
import { CanvasView } from './canvas-view.js';
import { decodePath } from './skeleton.js';
import { subtypeColor } from './colors.js';

const HIT_PX = 10;
/** How far past the region /genes is asked, so that genes that only overlap it are found too. */
const GENE_MARGIN = 2_000_000;

export async function regionView(main, ctx, params) {
  const { db, chr } = params;
  const start = Number(params.start), end = Number(params.end);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) throw new ApiError(`not a region: ${params.start}-${params.end}`, 400);
  main.dataset.view = 'region';
  ctx.crumbs([{ text: db, href: route('', {}) }, { text: chr, href: route('chromosome', { db, chr }) }, { text: `${num(start)}–${num(end)}` }]);
  const genome = params.ref || await ctx.reference(db, chr);
  const q = { db, genome, chromosome: chr };

  // The graph on screen: nodes by id (bubbles and segments), links by id, and each segment's owner while collapsed.
  const nodes = new Map(), links = new Map();
  let selected = null, pathSteps = null, pathSegs = null;

  const select = await getJson('select', { ...q, start, end });
  for (const n of select.nodes) nodes.set(n.id, n);
  for (const l of select.links) links.set(l.id, l);

  const canvas = el('canvas.graph', { tabindex: 0, role: 'img', 'aria-label': 'Region graph: n and p select a bubble, Enter pops it, arrows pan, + and - zoom, 0 fits' });
  const geneCanvas = el('canvas.genes', { 'aria-hidden': 'true' });
  const geneList = el('ul.gene-list', { 'aria-label': 'Genes in the region' });
  const info = el('div.info', { 'aria-live': 'polite' });
  const counts = el('p.counts');
  const sampleSelect = el('select', { id: 'path-sample', 'aria-label': 'Highlight a path' }, el('option', { value: '' }, 'Highlight a path…'));
  const controls = el('div.controls', { role: 'toolbar', 'aria-label': 'Region controls' },
    el('button', { type: 'button', onclick: () => view.zoomAt(view.width() / 2, view.height() / 2, 1.4), 'aria-label': 'Zoom in' }, '+'),
    el('button', { type: 'button', onclick: () => view.zoomAt(view.width() / 2, view.height() / 2, 1 / 1.4), 'aria-label': 'Zoom out' }, '−'),
    el('button', { type: 'button', onclick: () => view.fit() }, 'Fit'),
    el('button', { type: 'button', id: 'pop-selected', onclick: () => popSelected() }, 'Pop bubble'),
    sampleSelect,
    el('button', { type: 'button', id: 'export-gfa', onclick: () => exportAs('gfa', `${chr}_export.gfa`) }, 'Export GFA'),
    el('button', { type: 'button', id: 'export-layout', onclick: () => exportAs('layout', `${chr}_export.zip`) }, 'Export layout (zip)'));
  main.replaceChildren(el('h1', {}, `${chr}:${num(start)}–${num(end)} `, el('span.sub', {}, db)), controls,
    el('div.stage', {}, canvas, geneCanvas), counts, el('div.side', {}, info, el('div', {}, el('h2', {}, 'Genes'), geneList)));

  // Where a segment is drawn: its own coordinates once popped, else the bubble that holds it.
  function segmentOwners() {
    const owner = new Map();
    for (const n of nodes.values()) {
      if (n.type !== 'bubble') continue;
      for (const s of [...n.inside_segs, ...n.source_segs, ...n.sink_segs]) if (!owner.has(s)) owner.set(s, n);
    }
    return owner;
  }

  function center(n) { return [(n.x1 + n.x2) / 2, (n.y1 + n.y2) / 2]; }

  function bounds() {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of nodes.values()) {
      if (n.x1 === null || n.x1 === undefined) continue;
      x0 = Math.min(x0, n.x1, n.x2); x1 = Math.max(x1, n.x1, n.x2); y0 = Math.min(y0, n.y1, n.y2); y1 = Math.max(y1, n.y1, n.y2);
    }
    return Number.isFinite(x0) ? [x0, y0, x1, y1] : [0, 0, 1, 1];
  }

  function radius(n, v) { return Math.max(3, Math.min(14, 2 + Math.log2(1 + n.size) * 1.5)) * Math.min(1.6, Math.max(0.6, v.scale * 4)); }

  const view = new CanvasView(canvas, {
    draw(g, v) {
      const owner = segmentOwners();
      const pos = id => {
        const n = nodes.get(id);
        if (n) return center(n);
        const o = owner.get(Number(id.slice(1)));
        return o ? center(o) : null;
      };
      let drawnLinks = 0, drawnNodes = 0, bubbles = 0, segments = 0;
      g.lineCap = 'round'; g.lineJoin = 'round';
      g.strokeStyle = 'rgba(80, 90, 100, 0.55)'; g.lineWidth = 1;
      g.beginPath();
      for (const l of links.values()) {
        const a = pos(l.source), b = pos(l.target);
        if (!a && !b) continue;
        // A link to a segment outside the region is drawn as a short stub from the end that is here.
        const [ax, ay] = v.toScreen(...(a ?? b)), [bx, by] = b && a ? v.toScreen(...b) : [ax + 3, ay - 3];
        g.moveTo(ax, ay); g.lineTo(bx, by);
        drawnLinks++;
      }
      g.stroke();
      if (pathSteps) {
        // The path's route through what is on screen: each step at its segment, or at the bubble that holds it.
        g.strokeStyle = 'rgba(214, 158, 46, 0.6)'; g.lineWidth = 5;
        g.beginPath();
        let last = null;
        for (const s of pathSteps) {
          const p = pos('s' + s.seg);
          if (!p || (last && last[0] === p[0] && last[1] === p[1])) continue;
          const [sx, sy] = v.toScreen(...p);
          if (last) g.lineTo(sx, sy); else g.moveTo(sx, sy);
          last = p;
        }
        g.stroke();
      }
      for (const n of nodes.values()) {
        const onPath = pathSegs && (n.type === 'segment' ? pathSegs.has(Number(n.id.slice(1))) : [...n.inside_segs, ...n.source_segs, ...n.sink_segs].some(s => pathSegs.has(s)));
        if (n.type === 'segment') {
          const [ax, ay] = v.toScreen(n.x1, n.y1), [bx, by] = v.toScreen(n.x2, n.y2);
          g.strokeStyle = onPath ? '#d69e2e' : '#1f4e79'; g.lineWidth = onPath ? 5 : 3;
          g.beginPath(); g.moveTo(ax, ay); g.lineTo(bx === ax && by === ay ? bx + 1 : bx, by); g.stroke();
          segments++;
        } else {
          const [cx, cy] = v.toScreen(...center(n));
          g.fillStyle = subtypeColor[n.subtype] ?? '#718096';
          g.beginPath(); g.arc(cx, cy, radius(n, v), 0, 2 * Math.PI); g.fill();
          if (onPath) { g.strokeStyle = '#975a16'; g.lineWidth = 1.5; g.stroke(); }
          bubbles++;
        }
        if (n === selected) {
          const [cx, cy] = v.toScreen(...center(n));
          g.strokeStyle = '#e53e3e'; g.lineWidth = 2;
          g.beginPath(); g.arc(cx, cy, radius(n.type === 'bubble' ? n : { size: 1 }, v) + 5, 0, 2 * Math.PI); g.stroke();
        }
        drawnNodes++;
      }
      Object.assign(canvas.dataset, { nodes: drawnNodes, links: drawnLinks, bubbles, segments, selected: selected?.id ?? '', pathSteps: pathSteps?.length ?? '' });
      counts.textContent = `${num(bubbles)} bubbles, ${num(segments)} segments, ${num(drawnLinks)} links drawn` +
        (pathSteps ? ` · path ${sampleSelect.value}: ${num(pathSteps.length)} steps in the region` : '');
    },
    click(x, y) {
      const hit = hitTest(x, y);
      if (hit && hit === selected && hit.type === 'bubble') popSelected();
      else choose(hit);
    },
  });

  function hitTest(x, y) {
    let best = null, bestD = Infinity;
    const [sx, sy] = view.toScreen(x, y);
    for (const n of nodes.values()) {
      const [cx, cy] = view.toScreen(...center(n));
      const d = Math.hypot(cx - sx, cy - sy);
      if (d < bestD) { bestD = d; best = n; }
    }
    return bestD <= HIT_PX + (best?.type === 'bubble' ? radius(best, view) : 0) ? best : null;
  }

  function choose(n) {
    selected = n;
    if (!n) info.replaceChildren(el('p.muted', {}, 'Click a bubble to select it, click again (or press Enter) to pop it.'));
    else if (n.type === 'bubble') {
      info.replaceChildren(el('h2', {}, `Bubble ${n.id}`), el('dl.stats', {},
        ...[['Subtype', n.subtype], ['Chain', `${n.chain} step ${n.chain_step}`], ['Segments inside', num(n.size)], ['Length', `${num(n.length)} bp`],
          ['Sources', n.source_segs.map(s => 's' + s).join(', ')], ['Sinks', n.sink_segs.map(s => 's' + s).join(', ')]]
          .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
    } else {
      info.replaceChildren(el('h2', {}, `Segment ${n.id}`), el('dl.stats', {},
        ...[['Length', `${num(n.length)} bp`], ['GC', num(n.gc_count)], ['Reference', n.bp_start === null ? 'off the reference' : `${num(n.bp_start)}–${num(n.bp_end)}`],
          ['Sequence', (n.seq ?? '').length > 60 ? n.seq.slice(0, 60) + '…' : n.seq ?? '']]
          .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
    }
    view.draw();
  }

  async function popSelected() {
    const b = selected;
    if (!b || b.type !== 'bubble') { showMessage('Select a bubble first (click it, or press n).', 'note'); return; }
    try {
      const popped = await getJson('pop', { ...q, id: b.id });
      nodes.delete(b.id);
      for (const n of popped.nodes) nodes.set(n.id, n);
      for (const l of popped.links) links.set(l.id, l);
      selected = null;
      choose(null);
    } catch (e) { showMessage(e.message); }
  }

  // Keyboard: n / p walk the bubbles left to right, Enter pops the selected one.
  canvas.addEventListener('keydown', e => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'n' || e.key === 'p') {
      const list = [...nodes.values()].filter(n => n.type === 'bubble').sort((a, b) => center(a)[0] - center(b)[0]);
      if (!list.length) return;
      const i = list.indexOf(selected);
      choose(list[(i + (e.key === 'n' ? 1 : list.length - 1) + (i < 0 && e.key === 'p' ? 1 : 0)) % list.length]);
      e.preventDefault();
    } else if (e.key === 'Enter') { popSelected(); e.preventDefault(); }
  });

  async function exportAs(kind, fallback) {
    const ids = [...nodes.values()];
    const body = { db, genome, chromosome: chr,
      bubble_ids: ids.filter(n => n.type === 'bubble').map(n => n.id), segment_ids: ids.filter(n => n.type === 'segment').map(n => n.id) };
    try {
      const { blob, name } = await postForFile(kind, body, fallback);
      const a = el('a', { href: URL.createObjectURL(blob), download: name });
      document.body.append(a); a.click(); a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      showMessage(`Exported ${name} (${num(blob.size)} bytes).`, 'note');
    } catch (e) { showMessage(e.message); }
  }

  // Paths: the chromosome's samples, and the chosen one's steps in this region.
  getJson('pathorder', q).then(order => {
    for (const name of Object.keys(order).sort((a, b) => order[a] - order[b])) sampleSelect.append(el('option', { value: name }, name));
  }).catch(e => showMessage(e.message));
  sampleSelect.addEventListener('change', async () => {
    const sample = sampleSelect.value;
    if (!sample) { pathSteps = pathSegs = null; view.draw(); return; }
    try {
      const steps = decodePath(await getBytes('path-data', { ...q, sample, index: 0, start, end }));
      pathSteps = steps; pathSegs = new Set(steps.map(s => s.seg));
      view.draw();
    } catch (e) { showMessage(e.message); }
  });

  // Genes: on the graph's chromosome name, else on the annotation chromosome whose genes fall in this reference range.
  // /genes lists only genes that lie wholly inside the window, so the window is widened and the overlapping kept.
  const overlapping = async chrom => (await getJson('genes', { db, genome, chromosome: chrom, start: Math.max(0, start - GENE_MARGIN), end: end + GENE_MARGIN }))
    .genes.filter(x => x.end >= start && x.start <= end);
  let geneChrom = params.genes || chr, genes = [];
  try {
    genes = await overlapping(geneChrom);
    if (!genes.length && !params.genes) {
      const guess = await ctx.annotationChromosome(db, genome, chr);
      if (guess && guess !== chr) {
        geneChrom = guess;
        genes = await overlapping(geneChrom);
      }
    }
  } catch (e) { if (!(e instanceof ApiError && e.status === 404)) showMessage(e.message); }
  main.dataset.genes = genes.map(x => x.gene).join(',');
  main.dataset.geneChromosome = geneChrom;
  geneList.replaceChildren(...(genes.length ? genes.map(x => el('li', {}, el('strong', {}, x.gene), ` ${x.chrom}:${num(x.start)}–${num(x.end)} ${x.strand}`))
    : [el('li.muted', {}, 'No genes annotated in this range.')]));
  function drawGenes() {
    const dpr = window.devicePixelRatio || 1, w = geneCanvas.clientWidth, h = geneCanvas.clientHeight;
    geneCanvas.width = Math.round(w * dpr); geneCanvas.height = Math.round(h * dpr);
    const g = geneCanvas.getContext('2d');
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    const pad = 16, X = bp => pad + (bp - start) / Math.max(1, end - start) * (w - 2 * pad);
    g.strokeStyle = '#555'; g.fillStyle = '#333'; g.font = '11px system-ui, sans-serif';
    g.beginPath(); g.moveTo(pad, h - 14); g.lineTo(w - pad, h - 14); g.stroke();
    const ticks = Math.max(1, Math.min(4, Math.floor(w / 120)));
    for (let i = 0; i <= ticks; i++) {
      const bp = Math.round(start + (end - start) * i / ticks);
      g.textAlign = i === 0 ? 'left' : i === ticks ? 'right' : 'center';
      g.fillText(num(bp), X(bp), h - 2);
    }
    genes.forEach((x, i) => {
      const y = 6 + (i % 2) * 16, a = X(Math.max(start, x.start)), b = X(Math.min(end, x.end));
      g.fillStyle = x.strand === '-' ? '#805ad5' : '#2b6cb0';
      g.fillRect(a, y, Math.max(2, b - a), 8);
      g.fillStyle = '#111'; g.textAlign = 'left';
      g.fillText(`${x.gene} ${x.strand === '-' ? '←' : '→'}`, Math.min(a + 2, w - 80), y + 18 > h - 16 ? y - 1 : y + 18);
    });
  }
  new ResizeObserver(drawGenes).observe(geneCanvas);

  view.setBounds(bounds());
  choose(null);
  canvas.focus({ preventScroll: true });
  main.dataset.ready = 'true';
  return () => view.dispose();
}
