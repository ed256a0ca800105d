// The bearer token lives in session storage only: it is sent as a header, never as a cookie,
// so there is no CSRF surface and closing the tab signs out.
const KEY = 'fairtune.token';

export function token() {
  return sessionStorage.getItem(KEY);
}

export function setToken(value) {
  sessionStorage.setItem(KEY, value.trim());
}

export function clearToken() {
  sessionStorage.removeItem(KEY);
}

/**
 * The service prints a sign-in link that carries the token once (#token=...). Store it and remove it
 * from the address bar (and so from history) before anything else runs.
 */
export function takeTokenFromFragment() {
  if (!location.hash.startsWith('#token=')) return false;
  const value = new URLSearchParams(location.hash.slice(1)).get('token');
  if (value) setToken(value);
  history.replaceState(null, '', `${location.pathname}${location.search}#/studies`);
  return Boolean(value);
}
