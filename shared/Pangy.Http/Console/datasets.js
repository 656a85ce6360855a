// The datasets view: every dataset and chromosome with its state, counts, timings and failure reason, kept live by
// polling. The pipeline's status (/datasets/{db}/status) is used when the dataset has one; a datastore built by
// `pangy add` has none (404), and then /datasets' artifact check gives the state and /graph-meta the counts.

import { getJson, getJsonOr404, ApiError } from './api.js';
import { el, num, seconds, when, route, showMessage } from './dom.js';

const POLL_MS = 2000;
const STATUS_RETRY_MS = 30000;
// The artifact check's states; the pipeline's status adds `waiting` (a chromosome with only some of its inputs).
const STATES = ['queued', 'building', 'built', 'ready', 'failed'];

export function datasetsView(main, ctx) {
  const noStatusUntil = new Map();  // dataset → time before which its status route is not asked again (it answered 404)
  const graphMeta = new Map();      // "db/chr" → graph-meta promise (counts without a pipeline status)
  let timer = null, stopped = false, errorShown = null;

  main.dataset.view = 'datasets';
  const body = el('div.datasets');
  main.replaceChildren(el('h1', {}, 'Datasets'), body);

  async function statusOf(name) {
    if ((noStatusUntil.get(name) ?? 0) > Date.now()) return null;
    const status = await getJsonOr404(`datasets/${encodeURIComponent(name)}/status`);
    if (status === null) noStatusUntil.set(name, Date.now() + STATUS_RETRY_MS);
    return status;
  }

  function metaOf(db, chr) {
    const key = `${db}/${chr}`;
    if (!graphMeta.has(key)) graphMeta.set(key, getJson('graph-meta', { db, chromosome: chr }).catch(() => null));
    return graphMeta.get(key);
  }

  async function poll() {
    try {
      const list = await getJson('datasets');
      const rows = await Promise.all(list.datasets.map(async ds => {
        const status = await statusOf(ds.name);
        return { ds, status, chromosomes: await merge(ds, status) };
      }));
      if (stopped) return;
      render(list, rows);
      if (errorShown) { errorShown.remove(); errorShown = null; }
    } catch (e) {
      if (stopped) return;
      if (!errorShown || !errorShown.isConnected) errorShown = showMessage(e instanceof ApiError ? e.message : String(e));
    } finally {
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    }
  }

  // One row per chromosome: the pipeline's entry when there is one, else the artifact check.
  async function merge(ds, status) {
    const byName = new Map((status?.chromosomes ?? []).map(c => [c.chromosome, c]));
    const names = [...new Set([...ds.chromosomes.map(c => c.name), ...byName.keys()])];
    return Promise.all(names.map(async name => {
      const listed = ds.chromosomes.find(c => c.name === name);
      const s = byName.get(name);
      if (s) return { name, reference: listed?.reference ?? null, state: s.state, updated: s.updated, timings: s.timings ?? {}, counts: s.counts ?? {}, error: s.error ?? null, source: 'status' };
      const state = STATES.includes(listed.state) ? listed.state : listed.state === 'partial' ? 'built' : listed.state;
      let counts = {};
      if (state === 'ready' || state === 'built') {
        const m = await metaOf(ds.name, name);
        if (m) counts = { segments: m.total_segments, links: m.total_links, paths: m.sample_count, bubbles: m.total_bubbles };
      }
      return { name, reference: listed.reference, state, updated: null, timings: {}, counts, error: null, source: 'artifacts' };
    }));
  }

  let shown = null;
  function render(list, rows) {
    // Redraw only what changed, and keep the keyboard focus where it was (polling must not steal it).
    const key = JSON.stringify([list.default, rows]);
    if (key === shown) return;
    shown = key;
    const focused = body.contains(document.activeElement) ? document.activeElement.getAttribute('href') : null;
    draw(list, rows);
    if (focused) body.querySelector(`a[href="${CSS.escape(focused)}"]`)?.focus();
  }

  function draw(list, rows) {
    if (rows.length === 0) {
      body.replaceChildren(el('p.empty', {}, 'No datasets yet. Add one with ', el('code', {}, 'pangy add'), ' or drop files into the uploads container.'));
      return;
    }
    body.replaceChildren(...rows.map(({ ds, status, chromosomes }) => el('section.dataset', { 'aria-labelledby': `ds-${ds.name}`, dataset: { dataset: ds.name } },
      el('h2', { id: `ds-${ds.name}` }, ds.name, list.default === ds.name ? el('span.tag', {}, 'default') : null,
        el('span.source', {}, status ? 'pipeline status' : 'built with pangy add (no pipeline status)')),
      el('div.table-wrap', {}, el('table', {},
        el('thead', {}, el('tr', {}, ['Chromosome', 'State', 'Segments', 'Links', 'Paths', 'Bubbles', 'Build', 'Skeleton', 'Updated', ''].map(h => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, chromosomes.flatMap(c => chromosomeRows(ds.name, c))))),
      (status?.uploads ?? []).length ? el('div.uploads', {}, el('h3', {}, 'Uploads not used'),
        el('ul', {}, status.uploads.map(u => el('li', {}, el('code', {}, u.name), ': ', u.problem)))) : null)));
  }

  function chromosomeRows(db, c) {
    const open = c.state === 'ready' || c.state === 'built';
    const tr = el('tr', { dataset: { chromosome: c.name, state: c.state, segments: c.counts.segments ?? '', links: c.counts.links ?? '', paths: c.counts.paths ?? '', bubbles: c.counts.bubbles ?? '' } },
      el('th', { scope: 'row' }, open ? el('a', { href: route('chromosome', { db, chr: c.name }) }, c.name) : c.name,
        c.reference ? el('div.ref', {}, c.reference) : null),
      el('td', {}, el(`span.state.${c.state}`, {}, c.state)),
      el('td.n', {}, num(c.counts.segments)), el('td.n', {}, num(c.counts.links)),
      el('td.n', { title: c.source === 'artifacts' ? 'samples (graph meta)' : null }, num(c.counts.paths)), el('td.n', {}, num(c.counts.bubbles)),
      el('td.n', {}, seconds(c.timings.build_s)), el('td.n', {}, seconds(c.timings.skeleton_s)),
      el('td', { title: c.updated ?? '' }, when(c.updated)),
      el('td', {}, open ? el('a', { href: route('chromosome', { db, chr: c.name }), 'aria-label': `View ${c.name}` }, 'view →') : ''));
    if (!c.error) return [tr];
    const where = [c.error.file, c.error.line].filter(x => x !== null && x !== undefined).join(':');
    return [tr, el('tr.error-row', {}, el('td', { colspan: 10 }, el('strong', {}, 'Failed: '), where ? el('code', {}, where) : null, where ? ' — ' : null, c.error.reason))];
  }

  poll();
  return () => { stopped = true; clearTimeout(timer); };
}
