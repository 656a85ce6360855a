// Small DOM and formatting helpers shared by the views.

/** el('div.cls', {attr: v}, child, ...) — children are nodes or strings. */
export function el(spec, attrs, ...children) {
  const [tag, ...classes] = spec.split('.');
  const node = document.createElement(tag || 'div');
  if (classes.length) node.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
  return node;
}

export const nf = new Intl.NumberFormat('en-US');

export function num(v) { return v === null || v === undefined ? '–' : nf.format(v); }

export function seconds(v) { return v === null || v === undefined ? '–' : `${v < 10 ? v.toFixed(1) : Math.round(v)} s`; }

/** An ISO time as "YYYY-MM-DD HH:MM:SS UTC" (absolute, so a polled page does not change it every second). */
export function when(iso) {
  if (!iso) return '';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : iso;
}

/** The hash route of a view: #/chromosome?db=..&chr=.. */
export function route(view, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return `#/${view}${s ? '?' + s : ''}`;
}

/** Shows a message above the view; errors stay until dismissed, notes go after a while. */
export function showMessage(text, kind = 'error') {
  const box = document.getElementById('messages');
  const close = el('button.close', { type: 'button', 'aria-label': 'Dismiss' }, '×');
  const m = el(`div.message.${kind}`, { role: kind === 'error' ? 'alert' : 'status' }, el('span', {}, text), close);
  close.addEventListener('click', () => m.remove());
  box.append(m);
  if (kind !== 'error') setTimeout(() => m.remove(), 6000);
  return m;
}

export function clearMessages() { document.getElementById('messages').replaceChildren(); }
