// The report's verdict sections: comparisons, fairness checks, best points and the tuning-effort table.
import { h, mount, table } from './dom.js';
import { fmtDuration, fmtHp, fmtInt, fmtNum, fmtPct, titleCase } from './format.js';

const MISSING = 'The report is not available yet.';

const pp = (v) => (v === null || v === undefined ? '—' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${fmtNum(Math.abs(Number(v)) * 100, 2)}`);

function interval(row) {
  if (row.estimate === null || row.estimate === undefined) return '—';
  return `${pp(row.estimate)} [${pp(row.lower)}, ${pp(row.upper)}]`;
}

function outcomeBadge(outcome) {
  return h('span', { class: `badge outcome-${String(outcome).toLowerCase()}`, 'data-outcome': outcome }, titleCase(outcome));
}

/** The claims a study set out to show, judged: outcome, interval, and how many seeds would settle the open ones. */
export function renderClaims(el, report) {
  if (!report) return mount(el, h('p', { class: 'hint' }, MISSING));
  const family = report.claims;
  if (!family?.results?.length) {
    return mount(el, h('p', { class: 'hint' }, 'This study states no claims; the comparisons below are exploratory.'));
  }
  return mount(el,
    h('p', { class: 'hint', 'data-testid': 'claims-family' }, family.text),
    table([
      { label: 'Claim', cell: (c) => c.statement },
      { label: 'Outcome', cell: (c) => outcomeBadge(c.outcome) },
      { label: 'Difference, points', class: 'num nowrap', cell: interval },
      { label: 'Basis', cell: (c) => (c.basis === 'best_of_k' ? `best of ${c.k}` : 'final phase') },
      { label: 'n', class: 'num', cell: (c) => (c.candidateN === null || c.candidateN === undefined ? '—' : `${c.candidateN} vs ${c.baselineN}`) },
      { label: 'Seeds to settle it', class: 'num', cell: (c) => (c.seedsNeeded ? fmtInt(c.seedsNeeded) : '—') },
      { label: 'Reading', cell: (c) => c.text || '' },
    ], family.results, { class: 'data', 'data-testid': 'claims' }));
}

/** Exploratory comparisons: unadjusted 95% intervals, no verdict. */
export function renderComparisons(el, report) {
  if (!report) return mount(el, h('p', { class: 'hint' }, MISSING));
  if (!report.comparisons?.length) return mount(el, h('p', { class: 'hint' }, 'No exploratory comparisons.'));
  return mount(el,
    h('p', { class: 'hint' }, 'Exploratory: unadjusted 95% intervals, for looking, not for concluding; only claims are judged.'),
    table([
      { label: 'Candidate vs baseline', cell: (c) => h('strong', {}, `${c.candidate} vs ${c.baseline}`) },
      { label: 'Difference, points', class: 'num nowrap', cell: interval },
      { label: 'Basis', cell: (c) => (c.basis === 'best_of_k' ? `best of ${c.k}` : 'final phase') },
      { label: 'Reading', cell: (c) => c.text || '' },
    ], report.comparisons, { class: 'data', 'data-testid': 'comparisons' }));
}

export function renderFairness(el, report) {
  if (!report) return mount(el, h('p', { class: 'hint' }, MISSING));
  const checks = report.fairnessChecks || [];
  if (!checks.length) return mount(el, h('p', { class: 'hint' }, 'No fairness checks reported.'));
  const warnings = checks.filter((c) => c.status !== 'PASS').length;
  return mount(el,
    h('p', { class: warnings ? 'warn-text' : 'ok-text' },
      warnings ? `${warnings} of ${checks.length} checks need attention.` : `All ${checks.length} checks pass.`),
    h('ul', { class: 'checks', 'data-testid': 'fairness-checks' }, checks.map((c) => h('li', {},
      h('span', { class: `badge check-${String(c.status).toLowerCase()}` }, c.status),
      h('div', {}, h('strong', {}, c.name), h('div', {}, c.message))))));
}

/** Best tuning point and final-phase summary of each arm. */
export function renderBest(el, report) {
  if (!report) return mount(el, h('p', { class: 'hint' }, MISSING));
  return mount(el, table([
    { label: 'Arm', cell: (a) => h('strong', {}, a.name) },
    { label: 'Best val. accuracy', class: 'num', cell: (a) => (a.best ? fmtPct(a.best.bestValAccuracy) : '—') },
    { label: 'Steps to target', class: 'num', cell: (a) => (a.best ? fmtInt(a.best.stepsToTarget) : '—') },
    { label: 'Best trial', cell: (a) => (a.best ? h('a', { href: `#/trials/${a.best.trialId}` }, `#${a.best.trialId} (sample ${a.best.sampleIndex})`) : '—') },
    {
      label: 'Tuned hyperparameters',
      // The tuned ones; the trial's page lists every value.
      cell: (a) => (a.best ? h('span', { class: 'hp' }, Object.entries(a.best.hyperparameters || {})
        .filter(([k]) => !a.tunedHyperparameters?.length || a.tunedHyperparameters.includes(k))
        .map(([k, v]) => `${k} ${fmtHp(v)}`).join(' · ')) : '—'),
    },
    { label: 'Final median test acc.', class: 'num', cell: (a) => fmtPct(a.finalPhase?.summary?.median) },
    {
      label: 'Mean ± sd',
      class: 'num nowrap',
      cell: (a) => (a.finalPhase?.summary ? `${fmtPct(a.finalPhase.summary.mean)} ± ${fmtNum(a.finalPhase.summary.sd * 100, 2)}` : '—'),
    },
    { label: 'Runs reaching target', class: 'num', cell: (a) => fmtPct(a.finalPhase?.summary?.fractionReachingTarget, 0) },
  ], report.arms || [], { class: 'data', 'data-testid': 'best-points' }));
}

/**
 * Tuning effort per arm: everything that was spent, failures included; trials and attempts lost to
 * infrastructure are shown but not charged.
 */
export function renderEffort(el, report) {
  if (!report) return mount(el, h('p', { class: 'hint' }, MISSING));
  const rows = (report.arms || []).map((a) => ({ name: a.name, tuned: a.tunedHyperparameters || [], ...(a.effort || {}) }));
  const sum = (key) => rows.reduce((s, r) => s + (Number(r[key]) || 0), 0);
  const total = { name: 'all arms', tuned: null, total: true };
  for (const key of ['planned', 'succeeded', 'diverged', 'failed', 'cancelled', 'lost', 'unfinished', 'lostAttempts', 'trainingSteps', 'computeSeconds']) total[key] = sum(key);
  return mount(el, table([
    { label: 'Arm', cell: (r) => (r.total ? h('em', {}, r.name) : h('strong', {}, r.name)) },
    { label: 'Tuned hyperparameters', cell: (r) => (r.tuned ? r.tuned.join(', ') || '—' : '') },
    { label: 'Planned', class: 'num', cell: (r) => fmtInt(r.planned) },
    { label: 'Succeeded', class: 'num', cell: (r) => fmtInt(r.succeeded) },
    { label: 'Diverged', class: 'num', cell: (r) => fmtInt(r.diverged) },
    { label: 'Failed', class: 'num', cell: (r) => fmtInt(r.failed) },
    { label: 'Cancelled', class: 'num', cell: (r) => fmtInt(r.cancelled) },
    { label: 'Lost trials (not charged)', class: 'num', cell: (r) => fmtInt(r.lost) },
    { label: 'Unfinished', class: 'num', cell: (r) => fmtInt(r.unfinished) },
    { label: 'Lost attempts (not charged)', class: 'num', cell: (r) => fmtInt(r.lostAttempts) },
    { label: 'Training steps', class: 'num', cell: (r) => fmtInt(r.trainingSteps) },
    { label: 'Compute', class: 'num nowrap', cell: (r) => fmtDuration(r.computeSeconds) },
  ], rows.length > 1 ? [...rows, total] : rows, { class: 'data', 'data-testid': 'effort-table' }));
}
