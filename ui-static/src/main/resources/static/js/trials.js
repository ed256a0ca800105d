// The trial table of a study: server-side paging and filters (arm, status), sort by column (by the
// service when it supports ?sort=field,dir, else within the page).
import { ApiError, getJson } from './api.js';
import { h, keepFocus, mount } from './dom.js';
import { TRIAL_STATUSES, fmtDuration, fmtHp, fmtInt, fmtPct, num, titleCase } from './format.js';
import { badge } from './progress.js';
import { replaceQuery } from './router.js';

const LR = 'learning_rate';

// Tuned hyperparameter names by arm; fixed values stay on the trial's own page. Empty: show all.
let tunedByArm = new Map();

function tunedOthers(t) {
  const tuned = tunedByArm.get(t.arm);
  return Object.entries(t.hyperparameters || {}).filter(([k]) => k !== LR && (!tuned || tuned.includes(k)));
}

// key: server field (also used for the client-side fallback); hp: sorts by a hyperparameter, client side only.
const COLUMNS = [
  { key: 'id', label: 'Trial', cell: (t) => h('a', { href: `#/trials/${t.id}` }, `#${t.id}`) },
  { key: 'arm', label: 'Arm', cell: (t) => t.arm },
  { key: 'phase', label: 'Phase', cell: (t) => titleCase(t.phase) },
  { key: 'sampleIndex', label: 'Sample', num: true, cell: (t) => fmtInt(t.sampleIndex) },
  { key: 'status', label: 'Status', cell: (t) => badge(t.status) },
  { key: LR, hp: true, label: 'Learning rate', num: true, cell: (t) => fmtHp(t.hyperparameters?.[LR]) },
  {
    key: null, label: 'Other tuned hyperparameters',
    cell: (t) => h('span', { class: 'hp' }, tunedOthers(t).map(([k, v]) => `${k} ${fmtHp(v)}`).join(' · ')),
  },
  { key: 'stepsCompleted', label: 'Steps', num: true, cell: (t) => fmtInt(t.stepsCompleted) },
  { key: 'bestValAccuracy', label: 'Best val. acc.', num: true, cell: (t) => fmtPct(t.bestValAccuracy) },
  { key: 'finalValAccuracy', label: 'Final val. acc.', num: true, cell: (t) => fmtPct(t.finalValAccuracy) },
  { key: 'stepsToTarget', label: 'Steps to target', num: true, cell: (t) => fmtInt(t.stepsToTarget) },
  { key: 'testAccuracy', label: 'Test acc.', num: true, cell: (t) => fmtPct(t.testAccuracy) },
  { key: 'wallSeconds', label: 'Wall time', num: true, cell: (t) => fmtDuration(t.wallSeconds) },
  { key: 'attempts', label: 'Attempts', num: true, cell: (t) => fmtInt(t.attempts) },
  { key: null, label: 'Failure', cell: (t) => (t.failureMessage ? h('span', { class: 'failure clamp', title: t.failureMessage }, t.failureMessage) : '') },
];

function sortValue(t, column) {
  const v = column.hp ? t.hyperparameters?.[column.key] : t[column.key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || ['NaN', 'Infinity', '-Infinity'].includes(v)) {
    const n = num(v);
    return Number.isNaN(n) ? -Infinity : n; // NaN (diverged) sorts as the worst value
  }
  return String(v);
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null) return 1; // missing values last in both directions
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * state: {arm, status, page, size, sort: 'key,asc'}; the page and filters live in the address so a
 * link reproduces the view.
 */
export function trialTable(studyId, query) {
  tunedByArm = new Map();
  const state = {
    arm: query.get('arm') || '',
    status: query.get('status') || '',
    page: Number(query.get('tpage')) || 0,
    size: Number(query.get('tsize')) || 50,
    sort: query.get('sort') || '',
  };
  let serverSorted = false;
  let sortSupported = true;
  let lastItems = [];
  let lastKey = '';
  let total = 0;

  const armSelect = h('select', { id: 'filter-arm', name: 'arm' }, h('option', { value: '' }, 'All arms'));
  const statusSelect = h('select', { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, 'All statuses'), TRIAL_STATUSES.map((s) => h('option', { value: s }, titleCase(s))));
  const sizeSelect = h('select', { id: 'page-size', name: 'size' }, [25, 50, 100, 200].map((n) => h('option', { value: n }, String(n))));
  statusSelect.value = state.status;
  sizeSelect.value = String(state.size);
  const body = h('div', { class: 'table-wrap scroll', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Trial pages' });
  const note = h('p', { class: 'hint' });

  const el = h('div', { class: 'trials' },
    h('div', { class: 'filters' },
      h('label', { for: 'filter-arm' }, 'Arm'), armSelect,
      h('label', { for: 'filter-status' }, 'Status'), statusSelect,
      h('label', { for: 'page-size' }, 'Rows'), sizeSelect),
    body, pager, note);

  function sync() {
    replaceQuery({ arm: state.arm, status: state.status, tpage: state.page || '', tsize: state.size !== 50 ? state.size : '', sort: state.sort });
  }

  function onFilter() {
    state.arm = armSelect.value;
    state.status = statusSelect.value;
    state.size = Number(sizeSelect.value);
    state.page = 0;
    sync();
    refresh();
  }
  armSelect.addEventListener('change', onFilter);
  statusSelect.addEventListener('change', onFilter);
  sizeSelect.addEventListener('change', onFilter);

  function setSort(column) {
    const [key, dir] = state.sort.split(',');
    const numeric = column.num;
    state.sort = key === column.key ? `${key},${dir === 'asc' ? 'desc' : 'asc'}` : `${column.key},${numeric ? 'desc' : 'asc'}`;
    state.page = 0;
    sync();
    refresh();
  }

  function sorted(items) {
    if (!state.sort) return items;
    const [key, dir] = state.sort.split(',');
    const column = COLUMNS.find((c) => c.key === key);
    if (!column) return items;
    const sign = dir === 'desc' ? -1 : 1;
    return [...items].sort((a, b) => {
      const va = sortValue(a, column);
      const vb = sortValue(b, column);
      if (va === null || vb === null) return compare(va, vb);
      return sign * compare(va, vb);
    });
  }

  function render() {
    const [sortKey, dir] = state.sort.split(',');
    const header = h('tr', {}, COLUMNS.map((c) => {
      const active = c.key && c.key === sortKey;
      const th = h('th', { scope: 'col', class: c.num ? 'num' : null, 'aria-sort': active ? (dir === 'asc' ? 'ascending' : 'descending') : null },
        c.key ? h('button', { type: 'button', class: 'sort', 'data-key': c.key, onclick: () => setSort(c) }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, active ? (dir === 'asc' ? ' ▲' : ' ▼') : '')) : c.label);
      return th;
    }));
    const rows = sorted(lastItems).map((t) => h('tr', { 'data-status': t.status }, COLUMNS.map((c) => h('td', { class: c.num ? 'num' : null }, c.cell(t)))));
    keepFocus(body, () => mount(body, lastItems.length
      ? h('table', { class: 'data compact', 'data-testid': 'trials-table' }, h('thead', {}, header), h('tbody', {}, rows))
      : h('p', { class: 'empty' }, 'No trials match.')));
    const first = total ? state.page * state.size + 1 : 0;
    const last = Math.min(total, (state.page + 1) * state.size);
    const lastPage = Math.max(0, Math.ceil(total / state.size) - 1);
    const go = (p) => () => {
      state.page = p;
      sync();
      refresh();
    };
    const pageButton = (key, label, disabled, target) => h('button', { type: 'button', 'data-key': key, disabled, onclick: go(target) }, label);
    keepFocus(pager, () => mount(pager,
      pageButton('first', '⇤ First', state.page === 0, 0),
      pageButton('previous', '← Previous', state.page === 0, state.page - 1),
      h('span', {}, `${fmtInt(first)}–${fmtInt(last)} of ${fmtInt(total)}`),
      pageButton('next', 'Next →', state.page >= lastPage, state.page + 1),
      pageButton('last', 'Last ⇥', state.page >= lastPage, lastPage)));
    note.textContent = state.sort && !serverSorted && total > lastItems.length ? 'Sorted within this page: filter by arm or status to narrow the list.' : '';
  }

  async function loadOnce() {
    const column = COLUMNS.find((c) => c.key === state.sort.split(',')[0]);
    const askServer = Boolean(sortSupported && state.sort && column && !column.hp);
    const q = { arm: state.arm, status: state.status, page: state.page, size: state.size };
    let result;
    try {
      result = await getJson(`/studies/${studyId}/trials`, askServer ? { ...q, sort: state.sort } : q);
    } catch (e) {
      if (!(askServer && e instanceof ApiError && e.status === 400)) throw e;
      sortSupported = false; // the service rejects this sort: sort each page here from now on
      result = await getJson(`/studies/${studyId}/trials`, q);
    }
    // A service that sorts says so by echoing the sort; otherwise each page is sorted here.
    serverSorted = askServer && result.sort === state.sort;
    // Unchanged rows are not rebuilt: keyboard focus in the table survives polling.
    const key = JSON.stringify([result, state]);
    if (key === lastKey) return;
    lastKey = key;
    lastItems = result.items;
    total = result.total;
    render();
  }

  // One request at a time; a filter change during a request runs once more afterwards.
  let running = null;
  let queued = false;
  async function refresh() {
    if (running) {
      queued = true;
      return running;
    }
    running = (async () => {
      do {
        queued = false;
        await loadOnce();
      } while (queued);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  return {
    el,
    refresh,
    /** tuned: Map(arm name -> tuned hyperparameter names), from the study's spec. */
    setArms(arms, tuned) {
      if (tuned?.size) tunedByArm = tuned;
      const names = arms.map((a) => a.name);
      if ([...armSelect.options].slice(1).map((o) => o.value).join() === names.join()) return;
      mount(armSelect, h('option', { value: '' }, 'All arms'), names.map((n) => h('option', { value: n }, n)));
      armSelect.value = state.arm;
    },
  };
}
