// Studies list: status, per-arm progress, created, duration; paged, refreshed live.
import { getJson } from './api.js';
import { h, keepFocus, mount, table } from './dom.js';
import { fmtDate, fmtDuration, fmtInt } from './format.js';
import { poll } from './live.js';
import { armProgressLine, badge, labelChips, statusLegend } from './progress.js';
import { replaceQuery } from './router.js';

const PAGE_SIZE = 20;

export function studiesView(root, { query }) {
  let page = Math.max(0, Number(query.get('page')) || 0);
  const label = query.get('label') || '';
  let lastKey = '';
  const body = h('div', { class: 'table-wrap', 'aria-live': 'polite', 'aria-busy': 'true' }, h('p', { class: 'hint' }, 'Loading…'));
  const pager = h('nav', { class: 'pager', 'aria-label': 'Studies pages' });
  const error = h('p', { class: 'error', role: 'alert' });

  mount(root,
    h('div', { class: 'page-head' },
      h('h1', {}, 'Studies', label ? h('span', { class: 'hint filter-note', 'data-testid': 'label-filter' }, ` labelled ${label} `, h('a', { href: '#/studies' }, 'show all')) : null),
      h('a', { class: 'button primary', href: '#/new' }, 'New study')),
    h('section', { class: 'card', 'aria-label': 'Studies' }, error, body, pager, statusLegend()));

  function go(p) {
    page = p;
    replaceQuery({ page: page || undefined, label: label || undefined });
    poller.now();
  }

  async function refresh() {
    const result = await getJson('/studies', label ? { page, size: PAGE_SIZE, label } : { page, size: PAGE_SIZE });
    error.textContent = '';
    // Unchanged pages are not rebuilt, so polling keeps keyboard focus in the table.
    const key = JSON.stringify(result);
    if (key === lastKey) return true;
    lastKey = key;
    body.setAttribute('aria-busy', 'false');
    if (!result.items.length && page > 0) {
      page = 0; // the page vanished (e.g. a bookmarked page number): show the first
      replaceQuery(label ? { label } : {});
      return refresh();
    }
    keepFocus(body, () => {
      if (!result.items.length) {
        mount(body, h('p', { class: 'empty' }, 'No studies yet. ', h('a', { href: '#/new' }, 'Create one from a template.')));
      } else {
        mount(body, table([
          {
            label: 'Study',
            cell: (s) => h('div', {}, h('a', { href: `#/studies/${s.id}`, class: 'study-link' }, s.name),
              s.description ? h('div', { class: 'hint clamp' }, s.description) : null, labelChips(s.labels)),
          },
          { label: 'Status', cell: (s) => badge(s.status) },
          { label: 'Progress per arm (tuning)', class: 'progress-col', cell: (s) => (s.arms || []).map(armProgressLine) },
          { label: 'Created', class: 'nowrap', cell: (s) => fmtDate(s.createdAt) },
          { label: 'Duration', class: 'nowrap num', cell: (s) => fmtDuration(s.durationSeconds) },
        ], result.items, { class: 'data studies', 'data-testid': 'studies-table' }));
      }
    });
    const first = result.total ? page * PAGE_SIZE + 1 : 0;
    const last = Math.min(result.total, (page + 1) * PAGE_SIZE);
    keepFocus(pager, () => mount(pager,
      h('button', { type: 'button', 'data-key': 'newer', disabled: page === 0, onclick: () => go(page - 1) }, '← Newer'),
      h('span', {}, `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(result.total)}`),
      h('button', { type: 'button', 'data-key': 'older', disabled: last >= result.total, onclick: () => go(page + 1) }, 'Older →')));
    return true;
  }

  const poller = poll(refresh, 5000, (e) => {
    error.textContent = `Could not load studies: ${e.message}`;
  });
  return () => poller.stop();
}
