// The query API as the console uses it. Every call resolves relative to the server's base (the folder above
// console/), so the console works under a route prefix too. Failures become ApiError with a readable message.

export const base = new URL('..', import.meta.url);

export class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

function url(path, params) {
  const u = new URL(path, base);
  for (const [k, v] of Object.entries(params ?? {})) if (v !== undefined && v !== null) u.searchParams.set(k, v);
  return u;
}

async function fail(resp, path) {
  let reason = `${resp.status} ${resp.statusText}`;
  try {
    const body = await resp.json();
    if (body && body.error) reason = `${resp.status}: ${body.error}`;
  } catch { /* not JSON */ }
  return new ApiError(`${path}: ${reason}`, resp.status);
}

async function send(path, params, init) {
  let resp;
  try { resp = await fetch(url(path, params), init); }
  catch (e) { throw new ApiError(`${path}: the server did not answer (${e.message})`, 0); }
  if (!resp.ok) throw await fail(resp, path);
  return resp;
}

/** GET a JSON route. */
export async function getJson(path, params, init) {
  return (await send(path, params, init)).json();
}

/** GET a JSON route; null when it answers 404 (a route or an object that does not exist). */
export async function getJsonOr404(path, params, init) {
  try { return await getJson(path, params, init); }
  catch (e) { if (e.status === 404) return null; throw e; }
}

/** GET bytes (the browser has already undone Content-Encoding: gzip). */
export async function getBytes(path, params, init) {
  return new Uint8Array(await (await send(path, params, init)).arrayBuffer());
}

/** POST JSON and return the answer as a Blob with its suggested file name. */
export async function postForFile(path, body, fallbackName) {
  const resp = await send(path, {}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const disposition = resp.headers.get('Content-Disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return { blob: await resp.blob(), name: m ? decodeURIComponent(m[1]) : fallbackName };
}
