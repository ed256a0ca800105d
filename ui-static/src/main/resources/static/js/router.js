// Hash routing keeps the dashboard a static site: #/studies, #/studies/12, #/new, #/schedules, #/schedules/3,
// #/workers, #/trials/55.

/**
 * routes: [{pattern: RegExp, view(root, {match, query}) -> cleanup?}]. A view returns a function that
 * stops its timers and charts when the route changes.
 */
export function startRouter(routes, root, { fallback = '/studies', beforeRender } = {}) {
  let cleanup = null;

  function render() {
    const { path, query } = parseHash();
    const route = routes.find((r) => r.pattern.test(path));
    if (!route) {
      location.replace(`#${fallback}`);
      return;
    }
    if (cleanup) cleanup();
    cleanup = null;
    root.replaceChildren();
    beforeRender?.(path);
    cleanup = route.view(root, { match: path.match(route.pattern), query }) || null;
    root.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  window.addEventListener('hashchange', render);
  render();
  return {
    rerender: render,
    stop() {
      window.removeEventListener('hashchange', render);
      if (cleanup) cleanup();
    },
  };
}

export function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, qs = ''] = raw.split('?');
  return { path, query: new URLSearchParams(qs) };
}

/** Records view state (filters, page) in the address without re-rendering the view. */
export function replaceQuery(query) {
  const { path } = parseHash();
  const qs = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')).toString();
  history.replaceState(null, '', `#${path}${qs ? `?${qs}` : ''}`);
}
