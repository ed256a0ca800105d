// Trial detail: hyperparameters, metrics, learning curve, attempts and the failure reason.
import { ApiError, getJson, getOptional } from './api.js';
import { chartFigure } from './charts.js';
import { h, mount, section, table } from './dom.js';
import { TERMINAL_TRIAL, fmtAge, fmtDate, fmtDuration, fmtHp, fmtInt, fmtNum, fmtPct, titleCase } from './format.js';
import { poll } from './live.js';
import { badge } from './progress.js';
import { trialCurveOption } from './study-charts.js';

export function trialView(root, { match }) {
  const id = Number(match[1]);
  const head = h('div', { class: 'page-head' }, h('h1', {}, `Trial #${id}`));
  const error = h('p', { class: 'error', role: 'alert' });
  const facts = h('div');
  const hyper = h('div');
  const failure = h('div');
  const attempts = h('div');
  const curve = chartFigure('trial-curve', 'Learning curve',
    'Validation accuracy and losses (top) and the learning rate (bottom) over training steps.', { height: 420 });
  let target = null;
  let studyLoaded = false;
  let lastKey = ''; // unchanged data is not re-rendered, so polling keeps focus and open details

  mount(root, head, error,
    h('div', { class: 'two-col' }, section('Result', facts), section('Hyperparameters', hyper)),
    failure,
    curve.el,
    section('Attempts', attempts));

  async function refresh() {
    let data;
    try {
      data = await getJson(`/trials/${id}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      error.textContent = `Trial ${id} does not exist.`;
      return false;
    }
    const t = data.trial;
    const key = JSON.stringify(data);
    if (key === lastKey) return !TERMINAL_TRIAL.has(t.status);
    lastKey = key;
    if (!studyLoaded) {
      // The study gives the target line and the name for the way back.
      studyLoaded = true;
      const study = await getOptional(`/studies/${t.studyId}`).catch(() => null);
      if (study?.workload) target = { metric: study.workload.targetMetric, value: study.workload.targetValue };
      head.dataset.studyName = study?.summary?.name || `study ${t.studyId}`;
    }
    document.title = `Trial #${id} · Fairtune`;
    mount(head,
      h('div', {},
        h('p', { class: 'crumbs' }, h('a', { href: `#/studies/${t.studyId}` }, `← ${head.dataset.studyName}`)),
        h('h1', {}, `Trial #${t.id} · ${t.arm} `, badge(t.status)),
        h('p', { class: 'lead' }, `${titleCase(t.phase)} phase · sample ${t.sampleIndex} · seed ${t.seed} · optimizer ${t.optimizer}`)));

    const item = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
    mount(facts, h('dl', { class: 'facts' },
      item('Steps completed', fmtInt(t.stepsCompleted)),
      item('Best validation accuracy', fmtPct(t.bestValAccuracy)),
      item('Final validation accuracy', fmtPct(t.finalValAccuracy)),
      item('Steps to target', t.stepsToTarget === null || t.stepsToTarget === undefined ? 'not reached' : fmtInt(t.stepsToTarget)),
      t.phase === 'FINAL' ? item('Test accuracy', fmtPct(t.testAccuracy)) : null,
      t.phase === 'FINAL' ? item('Test loss', fmtNum(t.testLoss)) : null,
      item('Wall time', fmtDuration(t.wallSeconds)),
      item('Throughput', t.samplesPerSecond ? `${fmtNum(t.samplesPerSecond, 4)} samples/s` : '—'),
      item('Attempts', fmtInt(t.attempts)),
      item('Created', fmtDate(t.createdAt)),
      item('Started', fmtDate(t.startedAt)),
      item('Finished', fmtDate(t.finishedAt))));

    mount(hyper, table([
      { label: 'Name', cell: ([k]) => h('code', {}, k) },
      { label: 'Value', class: 'num', cell: ([, v]) => fmtHp(v) },
    ], Object.entries(t.hyperparameters || {}), { class: 'data compact', 'data-testid': 'hyperparameters' }));

    const reason = t.failureMessage || data.failureCause;
    mount(failure, reason ? section(t.status === 'DIVERGED' ? 'Divergence' : 'Failure reason',
      t.failureMessage ? h('p', { class: 'failure-message' }, t.failureMessage) : null,
      data.failureCause ? h('details', { open: !t.failureMessage }, h('summary', {}, 'Cause'), h('pre', { class: 'cause' }, data.failureCause)) : null) : null);

    curve.update(trialCurveOption(data.curve, target), t.status === 'PENDING' || t.status === 'QUEUED' ? 'The trial has not started.' : 'No measurements yet.');

    mount(attempts, (data.attempts || []).length ? table([
      { label: '#', class: 'num', cell: (a) => String(a.number) },
      { label: 'Status', cell: (a) => badge(a.status) },
      { label: 'Worker', cell: (a) => a.worker || '—' },
      { label: 'Started', class: 'nowrap', cell: (a) => fmtDate(a.startedAt) },
      { label: 'Last heartbeat', class: 'nowrap', cell: (a) => (a.finishedAt ? fmtDate(a.lastHeartbeatAt) : fmtAge(a.lastHeartbeatAt)) },
      { label: 'Finished', class: 'nowrap', cell: (a) => fmtDate(a.finishedAt) },
      { label: 'End reason', cell: (a) => a.endReason || '' },
    ], data.attempts, { class: 'data compact', 'data-testid': 'attempts' }) : h('p', { class: 'hint' }, 'No attempt yet.'));
    return !TERMINAL_TRIAL.has(t.status);
  }

  const poller = poll(refresh, 2000, (e) => {
    error.textContent = `Could not refresh: ${e.message}`;
  });
  return () => {
    poller.stop();
    curve.dispose();
  };
}
