// Status badges and per-arm progress bars, shared by the studies list and the study page.
import { h } from './dom.js';
import { STATUS_COLORS, TRIAL_STATUSES, fmtInt, titleCase } from './format.js';

export function badge(status) {
  return h('span', { class: `badge status-${String(status).toLowerCase()}` }, titleCase(status));
}

/** A study's labels as chips; each one links to the studies list filtered by it. */
export function labelChips(labels = {}) {
  const entries = Object.entries(labels || {});
  if (!entries.length) return null;
  return h('ul', { class: 'labels', 'aria-label': 'Labels', 'data-testid': 'labels' }, entries.map(([key, value]) =>
    h('li', {}, h('a', { class: 'label-chip', href: `#/studies?label=${encodeURIComponent(`${key}:${value}`)}`, title: `Studies labelled ${key}: ${value}` },
      h('span', { class: 'label-key' }, key), h('span', { class: 'label-value' }, value)))));
}

/** A stacked bar of trial statuses; each segment carries its count in the title and accessible label. */
export function statusBar(counts = {}, total) {
  const sum = Object.values(counts).reduce((a, b) => a + b, 0);
  const denominator = Math.max(total || 0, sum, 1);
  const label = TRIAL_STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${titleCase(s)}`).join(', ') || 'no trials';
  return h('div', { class: 'bar', role: 'img', 'aria-label': label, title: label },
    TRIAL_STATUSES.filter((s) => counts[s]).map((s) => h('span', {
      class: 'bar-seg', style: `width:${(100 * counts[s]) / denominator}%;background:${STATUS_COLORS[s]}`,
    })));
}

/** Finished / planned trials of an arm's tuning phase, compact form for tables. */
export function armProgressLine(arm) {
  return h('div', { class: 'arm-progress' },
    h('span', { class: 'arm-name' }, arm.name),
    statusBar(arm.tuning, arm.planned),
    h('span', { class: 'count' }, `${fmtInt(arm.finished ?? 0)}/${fmtInt(arm.planned ?? 0)}`));
}

/** A legend explaining the bar colours. */
export function statusLegend() {
  return h('ul', { class: 'legend', 'aria-label': 'Trial status colours' },
    TRIAL_STATUSES.map((s) => h('li', {}, h('span', { class: 'swatch', style: `background:${STATUS_COLORS[s]}` }), titleCase(s))));
}
