// Fetch wrapper for /api/v1: adds the bearer header, turns RFC 9457 problem details into ApiError.
import { token } from './auth.js';

const BASE = 'api/v1'; // relative, so the dashboard also works behind a path prefix

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Field errors of a validation problem: [{field, message}]. */
  get fieldErrors() {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

const unauthorizedListeners = new Set();

/** Called on any 401: the token is missing, wrong or revoked. */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

function url(path, query) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, v);
  }
  const qs = params.toString();
  return `${BASE}${path}${qs ? `?${qs}` : ''}`;
}

async function request(path, { method = 'GET', query, body, accept = 'application/json', signal } = {}) {
  const headers = { Accept: `${accept}, application/problem+json` };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url(path, query), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
    signal,
  });
  if (response.status === 401) unauthorizedListeners.forEach((l) => l());
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) problem = await response.json().catch(() => null);
    if (!problem) problem = { title: response.statusText || `HTTP ${response.status}`, status: response.status };
    throw new ApiError(response.status, problem);
  }
  return response;
}

// Seeds are 64-bit, and a JS double would lose their digits. The API writes its own seeds as strings; a spec echoed
// as submitted (a study's spec, the templates) keeps its number, so that one is read as a string here.
const BIG_SEED = /("(?:seed|searchSeed)"\s*:\s*)(-?\d{16,})/g;

async function parse(response) {
  if (response.status === 204) return null;
  return JSON.parse((await response.text()).replace(BIG_SEED, '$1"$2"'));
}

export async function getJson(path, query, options = {}) {
  return parse(await request(path, { ...options, query }));
}

export async function postJson(path, body, query) {
  return parse(await request(path, { method: 'POST', body, query }));
}

export async function deleteJson(path) {
  return parse(await request(path, { method: 'DELETE' }));
}

/** Like getJson, but null when the endpoint or resource does not exist (yet). */
export async function getOptional(path, query, options) {
  try {
    return await getJson(path, query, options);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 405 || e.status === 501)) return null;
    throw e;
  }
}

/**
 * Links cannot carry the Authorization header, so downloads are fetched and handed to the browser
 * as a blob URL.
 */
export async function download(path, filename, accept) {
  const response = await request(path, { accept });
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const a = Object.assign(document.createElement('a'), { href, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

/**
 * Every item of a paged list endpoint, page by page with the largest page the server grants.
 * Stops at maxItems so a huge study cannot freeze the tab.
 */
export async function getAllPages(path, query, { pageSize = 500, maxItems = 20000, signal } = {}) {
  const items = [];
  let total = Infinity;
  for (let page = 0; items.length < Math.min(total, maxItems); page++) {
    let result;
    try {
      result = await getJson(path, { ...query, page, size: pageSize }, { signal });
    } catch (e) {
      // A server that rejects large pages outright: fall back to a modest size once.
      if (!(e instanceof ApiError && e.status === 400 && page === 0 && pageSize > 100)) throw e;
      pageSize = 100;
      page = -1;
      continue;
    }
    items.push(...result.items);
    total = result.total ?? items.length;
    if (result.items.length === 0) break;
    // The server may cap the page size: continue with the size it granted.
    const granted = result.items.length;
    if (granted < pageSize && items.length < total) {
      pageSize = granted;
      page = Math.floor(items.length / pageSize) - 1;
    }
  }
  return { items, total };
}
