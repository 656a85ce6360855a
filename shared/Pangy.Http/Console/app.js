// The console's entry: a hash router over three views (datasets, chromosome, region), the search box, global keys,
// and one error boundary so that a failure is a message on the page, never a blank one.

import { getJson, ApiError } from './api.js';
import { el, route, showMessage, clearMessages } from './dom.js';
import { datasetsView } from './datasets.js';
import { chromosomeView } from './chromosome.js';
import { regionView } from './region.js';

const main = document.getElementById('view');
const crumbs = document.getElementById('crumbs');
const views = { '': datasetsView, chromosome: chromosomeView, region: regionView };
let dispose = null, generation = 0, datasets = null;

/** /datasets, fetched once per page load for the references (the datasets view polls on its own). */
function listDatasets() {
  datasets ??= getJson('datasets').catch(e => { datasets = null; throw e; });
  return datasets;
}

const ctx = {
  crumbs(items) {
    crumbs.replaceChildren(...items.flatMap((c, i) => [...(i ? [el('span.sep', { 'aria-hidden': 'true' }, '›')] : []),
      c.href ? el('a', { href: c.href }, c.text) : el('span', { 'aria-current': 'page' }, c.text)]));
  },
  async reference(db, chr) {
    const find = list => list.datasets.find(d => d.name === db)?.chromosomes.find(c => c.name === chr);
    let found = find(await listDatasets());
    // A chromosome built since the page loaded: ask again once.
    if (!found) { datasets = null; found = find(await listDatasets()); }
    return found?.reference ?? null;
  },
  // The annotation chromosome for a graph whose name is not one (DRB1's genes are on chr6): the chromosome of the
  // annotated genes that fall inside the graph's reference range.
  async annotationChromosome(db, genome, chr) {
    const [meta, found] = await Promise.all([getJson('graph-meta', { db, chromosome: chr }), getJson('search', { db, type: 'gene', query: '' })]);
    const r = meta.bp_range;
    const inside = (found ?? []).filter(g => r && g.start >= r.start && g.end <= r.end);
    return inside.length ? inside[0].chrom : null;
  },
  async chromosomesOf(db) {
    const list = await listDatasets();
    return list.datasets.find(d => d.name === db)?.chromosomes ?? [];
  },
};

async function render() {
  const gen = ++generation;
  if (dispose) { try { dispose(); } catch { /* the old view is gone */ } dispose = null; }
  clearMessages();
  const hash = location.hash.replace(/^#\/?/, '');
  const [name, query] = hash.split('?');
  const params = Object.fromEntries(new URLSearchParams(query ?? ''));
  const view = views[name];
  delete main.dataset.ready;
  crumbs.replaceChildren();
  main.replaceChildren(el('p.muted', {}, 'Loading…'));
  if (!view) { fail(new ApiError(`no such page: #/${hash}`, 404)); return; }
  if (name && (!params.db || !params.chr)) { fail(new ApiError('this page needs a dataset and a chromosome (db=…&chr=…)', 400)); return; }
  try {
    const d = await view(main, ctx, params);
    if (gen !== generation) { d?.(); return; }
    dispose = d;
  } catch (e) {
    if (gen === generation) fail(e);
  }
}

function fail(e) {
  console.warn(e);
  main.dataset.view = 'error';
  main.replaceChildren(el('h1', {}, 'Something went wrong'), el('p.message.error', { role: 'alert' }, e.message ?? String(e)),
    el('p', {}, el('a', { href: route('', {}) }, '← Back to the datasets')));
}

// Search: chrom:start-end opens a region; anything else is a gene name.
const form = document.getElementById('search');
const box = document.getElementById('search-box');
const results = document.getElementById('search-results');

function currentDb() {
  return new URLSearchParams(location.hash.split('?')[1] ?? '').get('db');
}

async function chromosomeFor(chrom, db) {
  const list = await listDatasets();
  const candidates = db ? list.datasets.filter(d => d.name === db) : list.datasets;
  for (const d of [...candidates, ...list.datasets]) if (d.chromosomes.some(c => c.name === chrom)) return { db: d.name, chr: chrom };
  return null;
}

// A gene on an annotation chromosome opens on the graph chromosome of the same name, else on the current one.
async function openGene(g) {
  const here = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const target = await chromosomeFor(g.chrom, currentDb()) ?? (here.get('chr') ? { db: here.get('db'), chr: here.get('chr') } : null)
    ?? await firstChromosome();
  if (!target) { showMessage(`no chromosome to show ${g.gene} on`); return; }
  const pad = Math.round((g.end - g.start) * 0.1);
  location.hash = route('region', { ...target, start: Math.max(0, g.start - pad), end: g.end + pad, genes: g.chrom });
}

async function firstChromosome() {
  const list = await listDatasets();
  const d = list.datasets.find(x => x.chromosomes.length);
  return d ? { db: d.name, chr: d.chromosomes[0].name } : null;
}

form.addEventListener('submit', async e => {
  e.preventDefault();
  const text = box.value.trim();
  results.hidden = true;
  if (!text) return;
  const m = /^([^:\s]+):([\d,]+)\s*[-–]\s*([\d,]+)$/.exec(text);
  try {
    if (m) {
      const [start, end] = [Number(m[2].replaceAll(',', '')), Number(m[3].replaceAll(',', ''))];
      const target = await chromosomeFor(m[1], currentDb());
      if (!target) { showMessage(`no dataset has a chromosome named ${m[1]}`); return; }
      location.hash = route('region', { ...target, start: Math.min(start, end), end: Math.max(start, end) });
      return;
    }
    const found = await getJson('search', { db: currentDb(), type: 'gene', query: text });
    if (!found.length) { showMessage(`no gene matches “${text}”`, 'note'); return; }
    if (found.length === 1) { openGene(found[0]); return; }
    results.replaceChildren(...found.map(g => el('li', {}, el('button', { type: 'button', onclick: () => { results.hidden = true; openGene(g); } },
      `${g.gene} — ${g.chrom}:${g.start}-${g.end}`))));
    results.hidden = false;
    results.querySelector('button')?.focus();
  } catch (err) { showMessage(err.message); }
});

document.addEventListener('keydown', e => {
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === 'Escape') { results.hidden = true; if (typing) e.target.blur(); return; }
  if (typing) return;
  if (e.key === '/') { e.preventDefault(); box.focus(); box.select(); }
  else if (e.key === 'd') location.hash = route('', {});
});

window.addEventListener('hashchange', render);
window.addEventListener('unhandledrejection', e => showMessage(e.reason?.message ?? String(e.reason)));
window.addEventListener('error', e => showMessage(e.message));
render();
