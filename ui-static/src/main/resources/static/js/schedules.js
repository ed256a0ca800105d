// Schedules: studies run on a cron (a nightly regression check) and their claims' outcomes over time.
import { deleteJson, getJson, postJson } from './api.js';
import { BASE_OPTION, chartFigure } from './charts.js';
import { h, mount, section, table } from './dom.js';
import { fmtDate, fmtUntil, titleCase } from './format.js';
import { poll } from './live.js';
import { badge } from './progress.js';

// The report's outcome colours (css .outcome-*), so a regression is a change of colour along a row.
export const OUTCOME_COLORS = {
  PASS: '#23794a', FAIL: '#b03030', INCONCLUSIVE: '#d99a1e', INSUFFICIENT_DATA: '#9498a0', EXPLORATORY: '#9498a0',
};

function outcomeBadge(outcome) {
  return h('span', { class: `badge outcome-${String(outcome).toLowerCase()}`, 'data-outcome': outcome }, titleCase(outcome));
}

function nextFiring(s) {
  if (s.paused) return h('span', { class: 'badge status-cancelled' }, 'paused');
  return s.nextFireAt ? `${fmtDate(s.nextFireAt)} (${fmtUntil(s.nextFireAt)})` : '—';
}

export function schedulesView(root) {
  const error = h('p', { class: 'error', role: 'alert' });
  const body = h('div', { class: 'table-wrap' }, h('p', { class: 'hint' }, 'Loading…'));
  mount(root, h('div', { class: 'page-head' }, h('h1', {}, 'Schedules')), error,
    h('section', { class: 'card', 'aria-label': 'Schedules' },
      h('p', { class: 'hint' }, 'Study specs that run on a cron, e.g. every night; each firing starts a study labelled schedule=<id>. Create one with POST /api/v1/schedules (see the README).'),
      body));

  async function refresh() {
    const schedules = await getJson('/schedules');
    error.textContent = '';
    mount(body, schedules.length ? table([
      { label: 'Schedule', cell: (s) => h('a', { href: `#/schedules/${s.id}`, class: 'schedule-link' }, s.name) },
      { label: 'Cron', cell: (s) => h('span', {}, h('code', {}, s.cron), ` ${s.timeZone}`) },
      { label: 'Next firing', class: 'nowrap', cell: nextFiring },
      { label: 'Studies', cell: (s) => h('a', { href: `#/studies?label=${encodeURIComponent(`schedule:${s.id}`)}` }, 'all studies') },
      { label: 'Created', class: 'nowrap', cell: (s) => `${fmtDate(s.createdAt)} by ${s.createdBy}` },
    ], schedules, { class: 'data', 'data-testid': 'schedules-table' }) : h('p', { class: 'empty' }, 'No schedules yet.'));
    return true;
  }

  const poller = poll(refresh, 10_000, (e) => {
    error.textContent = `Could not load schedules: ${e.message}`;
  });
  return () => poller.stop();
}

/**
 * One row per claim, one column per firing, each cell coloured by the claim's outcome in that run's study; a
 * firing that started no study is a hollow marker on the "firing" row. Clicking a cell opens its study.
 */
export function trendOption(runs) {
  const claims = [];
  for (const run of runs) for (const c of run.claims || []) if (!claims.includes(c.statement)) claims.push(c.statement);
  const rows = [...claims, 'firing'];
  const x = runs.map((r) => fmtDate(r.firedAt));
  const cells = [];
  runs.forEach((run, i) => {
    if (run.outcome !== 'STARTED') {
      cells.push({ value: [i, rows.length - 1], outcome: run.outcome, run, itemStyle: { color: '#fff', borderColor: '#9498a0', borderWidth: 2 } });
      return;
    }
    for (const c of run.claims || []) {
      cells.push({ value: [i, claims.indexOf(c.statement)], outcome: c.outcome, claim: c, run, itemStyle: { color: OUTCOME_COLORS[c.outcome] || '#9498a0' } });
    }
    cells.push({ value: [i, rows.length - 1], outcome: run.studyStatus || 'STARTED', run, itemStyle: { color: '#4269d0' } });
  });
  if (!cells.length) return null;
  const pp = (v) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : ''}${(100 * v).toFixed(1)}`);
  return {
    ...BASE_OPTION,
    grid: { left: 16, right: 24, top: 16, bottom: 56, containLabel: true },
    xAxis: { type: 'category', data: x, axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: rows, inverse: true, axisLabel: { width: 320, overflow: 'truncate' } },
    tooltip: {
      confine: true,
      formatter: (p) => {
        const d = p.data;
        const when = fmtDate(d.run.firedAt);
        if (d.claim) return `${when}<br>${d.claim.statement}<br><b>${titleCase(d.outcome)}</b> ${pp(d.claim.estimate)} [${pp(d.claim.lower)}, ${pp(d.claim.upper)}] points<br>study ${d.run.studyId} (${titleCase(d.run.studyStatus)})`;
        return `${when}<br>${titleCase(d.run.outcome)}${d.run.message ? `: ${d.run.message}` : ''}${d.run.studyId ? `<br>study ${d.run.studyId}` : ''}`;
      },
    },
    series: [{ type: 'scatter', symbol: 'roundRect', symbolSize: 18, data: cells }],
  };
}

export function scheduleView(root, { match }) {
  const id = match[1];
  const error = h('p', { class: 'error', role: 'alert' });
  const head = h('div', { class: 'page-head' }, h('h1', {}, `Schedule ${id}`));
  const facts = h('dl', { class: 'facts' });
  const actions = h('div', { class: 'actions' });
  const trend = chartFigure('schedule-trend', 'Claims over time',
    'Each column is a firing, each row a claim of the spec, coloured by its outcome in that night\'s study (green pass, red fail, amber inconclusive, grey insufficient data). A colour change along a row is a regression or a fix.',
    { height: 260, onClick: (p) => { if (p.data?.run?.studyId) location.hash = `#/studies/${p.data.run.studyId}`; } });
  const runs = h('div', { class: 'table-wrap' });
  const spec = h('pre', { class: 'spec' });
  mount(root, head, error, h('section', { class: 'card' }, facts, actions), trend.el,
    section('Firings', runs), section('Spec each firing submits', spec));

  async function act(path, method = 'POST') {
    try {
      if (method === 'DELETE') {
        await deleteJson(path);
        location.hash = '#/schedules';
        return;
      }
      await postJson(path);
      poller.now();
    } catch (e) {
      error.textContent = e.message;
    }
  }

  async function refresh() {
    const detail = await getJson(`/schedules/${id}`);
    error.textContent = '';
    const s = detail.schedule;
    mount(head, h('h1', {}, s.name), s.paused ? h('span', { class: 'badge status-cancelled' }, 'paused') : null);
    mount(facts,
      h('dt', {}, 'Cron'), h('dd', {}, h('code', {}, s.cron), ` in ${s.timeZone}`),
      h('dt', {}, 'Next firing'), h('dd', { 'data-testid': 'next-firing' }, nextFiring(s)),
      h('dt', {}, 'Created'), h('dd', {}, `${fmtDate(s.createdAt)} by ${s.createdBy}`),
      h('dt', {}, 'Studies'), h('dd', {}, h('a', { href: `#/studies?label=${encodeURIComponent(`schedule:${s.id}`)}` }, `labelled schedule:${s.id}`)));
    mount(actions,
      h('button', { type: 'button', onclick: () => act(`/schedules/${id}/${s.paused ? 'resume' : 'pause'}`) }, s.paused ? 'Resume' : 'Pause'),
      h('button', { type: 'button', class: 'danger', onclick: () => { if (confirm(`Delete schedule "${s.name}" and its history? Its studies stay.`)) act(`/schedules/${id}`, 'DELETE'); } }, 'Delete'));
    trend.update(trendOption(detail.runs), 'No firing yet.');
    const newestFirst = [...detail.runs].reverse();
    mount(runs, newestFirst.length ? table([
      { label: 'Fired', class: 'nowrap', cell: (r) => fmtDate(r.firedAt) },
      { label: 'Firing', cell: (r) => h('span', {}, titleCase(r.outcome), r.message ? h('div', { class: 'hint' }, r.message) : null) },
      { label: 'Study', cell: (r) => (r.studyId ? h('span', {}, h('a', { href: `#/studies/${r.studyId}` }, `study ${r.studyId}`), ' ', badge(r.studyStatus)) : '—') },
      { label: 'Claims', cell: (r) => ((r.claims || []).length ? h('ul', { class: 'claim-outcomes' }, r.claims.map((c) => h('li', {}, outcomeBadge(c.outcome), ' ', c.statement))) : '—') },
    ], newestFirst, { class: 'data', 'data-testid': 'schedule-runs' }) : h('p', { class: 'empty' }, 'No firing yet.'));
    spec.textContent = JSON.stringify(s.spec, null, 2);
    return true;
  }

  const poller = poll(refresh, 5000, (e) => {
    error.textContent = `Could not load the schedule: ${e.message}`;
  });
  return () => {
    poller.stop();
    trend.dispose();
  };
}
