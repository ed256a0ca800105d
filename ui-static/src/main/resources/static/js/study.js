// Study page: progress, charts, verdict and trials, kept live by polling until the study ends.
import { ApiError, download, getAllPages, getJson, getOptional, postJson } from './api.js';
import { armColor, chartFigure } from './charts.js';
import { h, mount, section, table, toast } from './dom.js';
import { TERMINAL_STUDY, TRIAL_STATUSES, finite, fmtDate, fmtDuration, fmtInt, fmtPct, titleCase } from './format.js';
import { poll } from './live.js';
import { badge, labelChips, statusBar, statusLegend } from './progress.js';
import { CURVE_METRICS, bestCurvesOption, bestOfKOption, finalBoxOption, lrScatterOption } from './study-charts.js';
import { tunedNames } from './spec-locate.js';
import { trialTable } from './trials.js';
import { forestOption } from './forest.js';
import { renderBest, renderClaims, renderComparisons, renderEffort, renderFairness } from './verdict.js';

const POLL_MS = 2000;
const TOP_CURVES = 3; // learning curves shown per arm

export function studyView(root, { match, query }) {
  const id = Number(match[1]);
  const head = h('div', { class: 'page-head' }, h('h1', {}, `Study ${id}`));
  const facts = h('dl', { class: 'facts' });
  const meta = h('div', { class: 'meta' }, facts);
  const error = h('p', { class: 'error', role: 'alert' });
  const progress = h('div');
  // Why queued trials do not start (no live worker has the study's trainer); empty while they can.
  const waiting = h('p', { class: 'check-warn waiting', role: 'status', 'data-testid': 'study-waiting', hidden: true });
  const claims = h('div');
  const comparisons = h('div');
  const forest = chartFigure('claims-forest', 'Claims',
    'Each claim’s interval of candidate − baseline in points, against 0 and its margin (shaded); green PASS, red FAIL, amber INCONCLUSIVE, grey INSUFFICIENT_DATA.',
    { height: 200 });
  const fairness = h('div');
  const best = h('div');
  const effort = h('div');
  const trials = trialTable(id, query);
  const openTrial = (e) => {
    const trialId = Array.isArray(e.data) ? e.data[2] : e.data?.trialId;
    if (trialId) location.hash = `#/trials/${trialId}`;
  };

  const charts = {
    curves: chartFigure('best-curves', 'Learning curves of the best trials',
      `The ${TOP_CURVES} best tuning trials of each arm by validation accuracy; the best drawn boldest.`),
    lr: chartFigure('lr-scatter', 'Validation accuracy vs learning rate',
      'Every finished tuning trial (log axis); diverged trials as triangles at the bottom. Click a point to open its trial.',
      { onClick: openTrial }),
    bestOfK: chartFigure('best-of-k', 'Best of k trials',
      'Expected best validation accuracy after k tuning trials per arm, with its interval as a band.'),
    box: chartFigure('final-box', 'Final phase: test accuracy over seeds',
      'The best point of each arm re-trained with fresh seeds; the dashed line is the target.', { onClick: openTrial }),
  };
  const metricSelect = h('select', { id: 'curve-metric', 'aria-label': 'Metric of the learning curves' },
    Object.entries(CURVE_METRICS).map(([key, m]) => h('option', { value: key }, m.label)));
  charts.curves.controls.append(metricSelect);

  mount(root, head, meta, error,
    section('Progress', waiting, progress, statusLegend()),
    section('Claims', forest.el, claims),
    section('Exploratory comparisons', comparisons),
    h('div', { class: 'chart-grid' }, Object.values(charts).map((c) => c.el)),
    section('Fairness checks', fairness),
    section('Best point per arm', best),
    section('Tuning effort', effort),
    section('Trials', trials.el));

  let detail = null;
  let report = null;
  let signature = '';
  let scatterKey = null;
  let scatterAt = 0;
  let top = []; // [{arm, id, rank}] best tuning trials per arm
  const curveCache = new Map(); // trial id -> curve; a finished trial's curve never changes

  const colors = () => new Map((detail?.summary.arms || []).map((a, i) => [a.name, armColor(i)]));
  const currentTarget = () => (detail?.workload ? { metric: detail.workload.targetMetric, value: detail.workload.targetValue } : report?.target);

  // Parts with buttons or an open <details> are rebuilt only when they change, so polling never steals
  // keyboard focus or closes what the user opened.
  let headKey = '';
  let specShown = false;

  function renderHead() {
    const s = detail.summary;
    const active = !TERMINAL_STUDY.has(s.status);
    const key = JSON.stringify([s.name, s.description, s.status, s.labels]);
    if (key !== headKey) mount(head,
      h('div', {}, h('h1', {}, s.name, ' ', badge(s.status)), s.description ? h('p', { class: 'lead' }, s.description) : null,
        labelChips(s.labels)),
      h('div', { class: 'actions' },
        h('button', { type: 'button', onclick: () => fetchFile('report.md', `${s.name}-report.md`, 'text/markdown') }, 'report.md'),
        h('button', { type: 'button', onclick: () => fetchFile('trials.csv', `${s.name}-trials.csv`, 'text/csv') }, 'trials.csv'),
        active ? h('button', { type: 'button', class: 'danger', id: 'cancel-study', onclick: cancel }, 'Cancel study') : null));
    headKey = key;
    const w = detail.workload || {};
    const b = detail.budget || {};
    const item = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
    mount(facts,
        item('Created', `${fmtDate(s.createdAt)}${detail.createdBy ? ` by ${detail.createdBy}` : ''}`),
        item(s.finishedAt ? 'Finished' : 'Running for', s.finishedAt ? `${fmtDate(s.finishedAt)} (${fmtDuration(s.durationSeconds)})` : fmtDuration(s.durationSeconds)),
        item('Trainer', w.trainer ? w.trainer : 'built-in (DL4J)'),
        item('Workload', `${w.dataset ?? '?'} · ${w.model ?? '?'} · batch ${fmtInt(w.batchSize)} · ${fmtInt(w.trainingSteps)} steps (eval every ${fmtInt(w.evalEverySteps)})`),
        item('Target', w.targetMetric ? `${w.targetMetric} ≥ ${fmtPct(w.targetValue, 1)}` : '—'),
        item('Search', `${detail.searchAlgorithm ?? '?'}, seed ${detail.searchSeed ?? '?'}`),
        item('Budget', `${fmtInt(b.trialsPerArm)} trials per arm · ${fmtInt(b.maxParallelTrials)} in parallel · ${fmtInt(b.maxAttemptsPerTrial)} attempts · ${fmtInt(b.finalSeeds)} final seeds`));
    if (detail.spec && !specShown) {
      specShown = true;
      meta.append(h('details', {}, h('summary', {}, 'Spec (JSON)'), h('pre', { class: 'spec' }, JSON.stringify(detail.spec, null, 2))));
    }
  }

  function renderProgress() {
    const arms = detail.summary.arms || [];
    const c = colors();
    const count = (a, s) => (a.tuning?.[s] || 0) + (a.finalPhase?.[s] || 0);
    mount(progress, table([
      { label: 'Arm', cell: (a) => h('span', { class: 'arm-name' }, h('span', { class: 'swatch', style: `background:${c.get(a.name)}` }), a.name) },
      { label: 'Optimizer', cell: (a) => [a.optimizer, h('div', { class: 'hint' }, [a.scheduleType, a.weightDecayKind && `weight decay ${String(a.weightDecayKind).toLowerCase()}`].filter(Boolean).join(' · '))] },
      { label: 'Tuning', class: 'progress-col', cell: (a) => h('div', { class: 'arm-progress' }, statusBar(a.tuning, a.planned), h('span', { class: 'count' }, `${fmtInt(a.finished)}/${fmtInt(a.planned)}`)) },
      {
        label: 'Final phase', class: 'progress-col',
        cell: (a) => {
          const n = Object.values(a.finalPhase || {}).reduce((x, y) => x + y, 0);
          return n ? h('div', { class: 'arm-progress' }, statusBar(a.finalPhase, n), h('span', { class: 'count' }, `${fmtInt(a.finalPhase.SUCCEEDED || 0)}/${fmtInt(n)}`)) : h('span', { class: 'hint' }, 'after tuning');
        },
      },
      ...TRIAL_STATUSES.map((s) => ({ label: titleCase(s), class: 'num', cell: (a) => (count(a, s) ? fmtInt(count(a, s)) : h('span', { class: 'zero' }, '0')) })),
    ], arms, { class: 'data', 'data-testid': 'progress-table' }));
  }

  function renderCharts() {
    const c = colors();
    const target = currentTarget();
    const arms = report?.arms || [];
    const missing = report ? 'No finished trials yet.' : 'The report is not available yet.';
    charts.bestOfK.update(bestOfKOption(arms.map((a) => ({ name: a.name, color: c.get(a.name), points: a.bestOfK }))), missing);
    const anyFinal = arms.some((a) => a.finalPhase?.summary?.n > 0);
    charts.box.update(finalBoxOption(arms.map((a) => ({ name: a.name, color: c.get(a.name), summary: a.finalPhase?.summary, runs: a.finalPhase?.runs })), target),
      !report ? missing : anyFinal ? 'No data yet.' : 'The final phase starts when tuning ends.');
  }

  function renderCurves() {
    const c = colors();
    const trials = top.map((t) => ({ ...t, color: c.get(t.arm), curve: curveCache.get(t.id) }));
    charts.curves.update(bestCurvesOption(trials, metricSelect.value, currentTarget()), 'No finished tuning trials yet.');
  }

  /** Picks the best tuning trials of each arm from the finished ones and fetches curves not seen yet. */
  async function refreshTopCurves(succeeded) {
    const byArm = new Map();
    for (const t of succeeded) byArm.set(t.arm, [...(byArm.get(t.arm) || []), t]);
    top = (detail.summary.arms || []).flatMap(({ name }) => (byArm.get(name) || [])
      .sort((a, b) => finite(b.bestValAccuracy) - finite(a.bestValAccuracy))
      .slice(0, TOP_CURVES)
      .map((t, rank) => ({ arm: name, id: t.id, rank })));
    const missing = top.filter((t) => !curveCache.has(t.id));
    const details = await Promise.all(missing.map((t) => getOptional(`/trials/${t.id}`)));
    missing.forEach((t, i) => curveCache.set(t.id, details[i]?.curve || []));
    renderCurves();
  }

  async function refreshScatter(force) {
    const arms = detail.summary.arms || [];
    const key = arms.map((a) => `${a.tuning?.SUCCEEDED || 0}/${a.tuning?.DIVERGED || 0}`).join();
    if (key === scatterKey && !force) return;
    // Re-reading every finished trial is the heaviest request here: throttle it for big studies.
    const finished = arms.reduce((n, a) => n + (a.finished || 0), 0);
    if (!force && Date.now() - scatterAt < (finished > 2000 ? 20000 : finished > 200 ? 5000 : 0)) return;
    scatterAt = Date.now();
    const [ok, diverged] = await Promise.all([
      getAllPages(`/studies/${id}/trials`, { status: 'SUCCEEDED' }),
      getAllPages(`/studies/${id}/trials`, { status: 'DIVERGED' }),
    ]);
    scatterKey = key;
    const c = colors();
    const target = currentTarget();
    const lr = (t) => finite(t.hyperparameters?.learning_rate);
    const tuning = (list) => list.items.filter((t) => t.phase !== 'FINAL' && lr(t) > 0);
    const best = ok.items.filter((t) => t.phase !== 'FINAL' && finite(t.bestValAccuracy) !== null);
    charts.lr.update(lrScatterOption(arms.map((a) => ({
      name: a.name,
      color: c.get(a.name),
      succeeded: tuning(ok).filter((t) => t.arm === a.name && finite(t.bestValAccuracy) !== null).map((t) => [lr(t), finite(t.bestValAccuracy), t.id]),
      diverged: tuning(diverged).filter((t) => t.arm === a.name).map((t) => [lr(t), t.id]),
    })), target), 'No finished tuning trials yet.');
    await refreshTopCurves(best);
  }

  async function refreshReport() {
    report = await getOptional(`/studies/${id}/report`);
    renderClaims(claims, report);
    renderComparisons(comparisons, report);
    const results = report?.claims?.results || [];
    forest.el.hidden = !results.length;
    forest.el.querySelector('[data-chart]').style.height = `${Math.max(140, 64 + 44 * results.length)}px`;
    forest.update(forestOption(results), 'No claims.');
    renderFairness(fairness, report);
    renderBest(best, report);
    renderEffort(effort, report);
    renderCharts();
  }

  async function refresh() {
    try {
      detail = await getJson(`/studies/${id}`);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 404)) throw e;
      error.textContent = `Study ${id} does not exist.`;
      return false;
    }
    error.textContent = '';
    const s = detail.summary;
    document.title = `${s.name} · Fairtune`;
    renderHead();
    waiting.textContent = detail.waiting || '';
    waiting.hidden = !detail.waiting;
    renderProgress();
    trials.setArms(s.arms || [], tunedNames(detail.spec));
    const terminal = TERMINAL_STUDY.has(s.status);
    const next = JSON.stringify([s.status, (s.arms || []).map((a) => [a.tuning, a.finalPhase])]);
    const changed = next !== signature;
    signature = next;
    // The trial table refreshes every time (steps of running trials move); the rest on change.
    await Promise.all([
      trials.refresh(),
      changed || terminal ? refreshReport() : null,
      refreshScatter(terminal),
    ]);
    return !terminal;
  }

  async function fetchFile(name, filename, accept) {
    try {
      await download(`/studies/${id}/${name}`, filename, accept);
    } catch (e) {
      toast(e instanceof ApiError && e.status === 404 ? `${name} is not available on this service.` : `Download failed: ${e.message}`);
    }
  }

  async function cancel() {
    if (!confirm(`Cancel study “${detail.summary.name}”? Queued and running trials stop; finished trials are kept.`)) return;
    try {
      await postJson(`/studies/${id}/cancel`);
      toast('Study cancelled.');
      await refresh();
    } catch (e) {
      toast(e instanceof ApiError && e.status === 403 ? 'Your token may not cancel studies.' : `Cancel failed: ${e.message}`);
    }
  }

  metricSelect.addEventListener('change', renderCurves);
  const poller = poll(refresh, POLL_MS, (e) => {
    error.textContent = `Could not refresh: ${e.message}`;
  });
  return () => {
    poller.stop();
    Object.values(charts).forEach((c) => c.dispose());
  };
}
