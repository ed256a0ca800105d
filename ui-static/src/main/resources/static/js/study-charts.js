// ECharts options for the study page: best-trial curves, accuracy vs learning rate, best-of-k,
// final-phase box plots (Nado et al. 2021, Figure 4) and a single trial's curve.
import { BASE_OPTION, thin } from './charts.js';
import { finite, fmtHp, fmtNum, fmtPct } from './format.js';

export const CURVE_METRICS = {
  validationAccuracy: { label: 'validation accuracy', accuracy: true },
  validationLoss: { label: 'validation loss' },
  trainLoss: { label: 'train loss' },
  learningRate: { label: 'learning rate' },
};

function targetLine(target, label = 'target') {
  if (!target || finite(target.value) === null) return undefined;
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: '#d64545', type: 'dashed', width: 1.5 },
    label: { formatter: `${label} ${fmtPct(target.value, 1)}`, position: 'insideEndTop', color: '#d64545' },
    data: [{ yAxis: finite(target.value) }],
  };
}

const accuracyTooltip = (v) => fmtPct(v, 2);
// Axis names start at the axis instead of centring on it, so long names stay inside the chart.
const LEFT = { align: 'left' };

/**
 * trials: [{arm, color, id, rank, curve}] — the best tuning trials of each arm, rank 0 the best. Series of
 * one arm share its name, so one legend entry shows or hides the arm.
 */
export function bestCurvesOption(trials, metric, target) {
  const spec = CURVE_METRICS[metric];
  const withData = trials.filter((t) => t.curve?.length);
  if (!withData.length) return null;
  const format = spec.accuracy ? accuracyTooltip : (v) => fmtNum(v);
  return {
    ...BASE_OPTION,
    legend: { top: 4 },
    tooltip: {
      ...BASE_OPTION.tooltip,
      trigger: 'axis',
      formatter: (items) => [`step ${items[0]?.value[0]}`, ...items.map((p) => `${p.marker}${p.seriesName} #${p.seriesId.replace('trial-', '')}: ${format(p.value[1])}`)].join('<br>'),
    },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: { type: 'value', name: spec.label, nameTextStyle: LEFT, scale: !spec.accuracy, max: spec.accuracy ? 1 : undefined },
    dataZoom: [{ type: 'inside' }],
    series: withData.map((t, i) => ({
      id: `trial-${t.id}`,
      name: t.arm,
      type: 'line',
      showSymbol: false,
      sampling: 'lttb',
      color: t.color,
      z: t.rank === 0 ? 3 : 2,
      lineStyle: { width: t.rank === 0 ? 2.5 : 1.2, opacity: t.rank === 0 ? 1 : 0.45 },
      data: thin(t.curve).map((p) => [p.step, finite(p[metric])]),
      markLine: i === 0 && spec.accuracy ? targetLine(target) : undefined,
    })),
  };
}

/**
 * Best validation accuracy of every finished tuning trial against its learning rate (log axis).
 * Diverged trials sit on the floor of the chart as hollow triangles, so the edge of stability shows.
 * arms: [{name, color, succeeded: [[lr, acc, trialId]], diverged: [[lr, trialId]]}]
 */
export function lrScatterOption(arms, target) {
  const accs = arms.flatMap((a) => a.succeeded.map((p) => p[1]));
  const lrs = arms.flatMap((a) => [...a.succeeded, ...a.diverged].map((p) => p[0]));
  if (!lrs.length) return null;
  const floor = Math.max(0, Math.floor((Math.min(...accs, finite(target?.value) ?? 1) - 0.05) * 10) / 10);
  const large = lrs.length > 2000;
  // Whole decades around the data: a log axis over a single value has no extent of its own.
  let lo = 10 ** Math.floor(Math.log10(Math.min(...lrs)));
  let hi = 10 ** Math.ceil(Math.log10(Math.max(...lrs)));
  if (lo === hi) [lo, hi] = [lo / 10, hi * 10];
  const series = [];
  for (const arm of arms) {
    series.push({
      name: arm.name, type: 'scatter', color: arm.color, symbolSize: large ? 4 : 8, large,
      itemStyle: { opacity: 0.75 },
      data: arm.succeeded, // [lr, acc, trialId]: plain arrays, as large mode needs
      markLine: series.length === 0 ? targetLine(target) : undefined,
    });
    if (arm.diverged.length) {
      series.push({
        name: `${arm.name} diverged`, type: 'scatter', color: arm.color, symbol: 'triangle', symbolSize: large ? 5 : 9, large,
        itemStyle: { color: 'transparent', borderColor: arm.color, borderWidth: 1.5 },
        data: arm.diverged.map(([lr, id]) => [lr, floor, id]),
      });
    }
  }
  return {
    ...BASE_OPTION,
    animation: !large,
    legend: { top: 4, type: 'scroll' },
    tooltip: {
      ...BASE_OPTION.tooltip,
      trigger: 'item',
      formatter: (p) => `${p.seriesName} · trial ${p.value[2]}<br>learning rate ${fmtHp(p.value[0])}`
        + (p.seriesName.endsWith(' diverged') ? '' : `<br>best val. accuracy ${fmtPct(p.value[1])}`),
    },
    xAxis: { type: 'log', name: 'learning rate (log)', nameLocation: 'middle', nameGap: 28, min: lo, max: hi, axisLabel: { formatter: (v) => fmtHp(v) } },
    yAxis: { type: 'value', name: 'best validation accuracy', nameTextStyle: LEFT, min: floor, max: 1 },
    series,
  };
}

/**
 * Expected best validation accuracy after k trials with its interval as a shaded band.
 * arms: [{name, color, points: [{k, expected, low, high}]}]
 */
export function bestOfKOption(arms) {
  const withData = arms.filter((a) => a.points?.length);
  if (!withData.length) return null;
  const series = [];
  for (const arm of withData) {
    const pts = arm.points
      .map((p) => ({ k: finite(p.k), e: finite(p.expected), lo: finite(p.low), hi: finite(p.high) }))
      .filter((p) => p.k !== null);
    const band = pts.filter((p) => p.lo !== null && p.hi !== null);
    series.push({
      // One polygon (low edge forward, high edge back) drawn with the first item; the data still
      // spans the axis extent.
      name: `${arm.name} interval`, type: 'custom', silent: true, z: 1, tooltip: { show: false },
      encode: { x: 0, y: [1, 2] },
      data: band.map((p) => [p.k, p.lo, p.hi]),
      renderItem: (params, api) => (params.dataIndex !== 0 ? null : {
        type: 'polygon',
        shape: { points: [...band.map((p) => api.coord([p.k, p.lo])), ...[...band].reverse().map((p) => api.coord([p.k, p.hi]))] },
        style: { fill: arm.color, opacity: 0.16 },
      }),
    });
    series.push({
      name: arm.name, type: 'line', color: arm.color, symbolSize: 5, showSymbol: pts.length <= 40, z: 2,
      data: pts.map((p) => ({ value: [p.k, p.e], low: p.lo, high: p.hi })),
    });
  }
  return {
    ...BASE_OPTION,
    legend: { top: 4, data: withData.map((a) => a.name) },
    tooltip: {
      ...BASE_OPTION.tooltip,
      trigger: 'item',
      formatter: (p) => `${p.seriesName} · k = ${p.value[0]}<br>expected best ${fmtPct(p.value[1])}<br>`
        + `interval ${fmtPct(p.data.low)} – ${fmtPct(p.data.high)}`,
    },
    xAxis: { type: 'value', name: 'trials k', nameLocation: 'middle', nameGap: 28, min: 1, max: (v) => Math.max(2, v.max), minInterval: 1 },
    yAxis: {
      type: 'value', name: 'expected best validation accuracy', nameTextStyle: LEFT,
      // Accuracy axes stop at 100 %; limits on whole 10 % so the ticks fall on round values.
      min: (v) => Math.max(0, Math.floor((v.min - 0.01) * 10) / 10),
      max: (v) => Math.min(1, Math.ceil((v.max + 0.01) * 10) / 10),
      axisLabel: { formatter: (v) => fmtPct(v, 0) },
    },
    series,
  };
}

/**
 * Final-phase test accuracy per arm: box (min, q1, median, q3, max) of the seed re-runs, each run as
 * a dot, and the target as a dashed line. arms: [{name, color, summary, runs}]
 */
export function finalBoxOption(arms, target) {
  const withData = arms.filter((a) => a.summary && a.summary.n > 0);
  if (!withData.length) return null;
  const names = arms.map((a) => a.name);
  const values = withData.flatMap((a) => [finite(a.summary.min), finite(a.summary.max)]).filter((v) => v !== null);
  const t = finite(target?.value);
  if (t !== null) values.push(t);
  const pad = Math.max(0.01, (Math.max(...values) - Math.min(...values)) * 0.15);
  const step = Math.max(...values) - Math.min(...values) > 0.3 ? 0.1 : 0.05; // limits on round values, ticks follow
  return {
    ...BASE_OPTION,
    legend: { show: false },
    tooltip: { ...BASE_OPTION.tooltip, trigger: 'item' },
    xAxis: { type: 'category', data: names, name: 'arm', nameLocation: 'middle', nameGap: 28 },
    yAxis: {
      type: 'value', name: 'test accuracy', nameTextStyle: LEFT,
      min: Math.max(0, Math.floor((Math.min(...values) - pad) / step) * step),
      max: Math.min(1, Math.ceil((Math.max(...values) + pad) / step) * step),
      interval: step,
      axisLabel: { formatter: (v) => fmtPct(v, 1) },
    },
    series: [
      {
        name: 'final phase', type: 'boxplot', boxWidth: [16, 60],
        data: arms.map((a, i) => {
          const s = a.summary;
          if (!s || !(s.n > 0)) return { value: [], name: a.name };
          return {
            name: a.name,
            value: [s.min, s.q1, s.median, s.q3, s.max].map(finite),
            itemStyle: { color: `${a.color}33`, borderColor: a.color, borderWidth: 1.5 },
            index: i,
          };
        }),
        tooltip: {
          formatter: (p) => {
            const [, min, q1, med, q3, max] = p.value;
            return `${p.name}<br>max ${fmtPct(max)}<br>q3 ${fmtPct(q3)}<br>median ${fmtPct(med)}<br>q1 ${fmtPct(q1)}<br>min ${fmtPct(min)}`;
          },
        },
        markLine: targetLine(target),
      },
      {
        name: 'runs', type: 'scatter', symbolSize: 7, z: 3,
        data: arms.flatMap((a, i) => (a.runs || [])
          .filter((r) => finite(r.testAccuracy) !== null)
          .map((r) => ({ value: [i, finite(r.testAccuracy)], itemStyle: { color: a.color }, trialId: r.trialId, seed: r.seed }))),
        tooltip: { formatter: (p) => `trial ${p.data.trialId} (seed ${p.data.seed})<br>test accuracy ${fmtPct(p.value[1])}` },
      },
    ],
  };
}

/** One trial: accuracy and losses over steps on top, the learning rate below. */
export function trialCurveOption(curve, target) {
  if (!curve?.length) return null;
  const pts = thin(curve);
  const line = (name, key, extra) => ({
    name, type: 'line', showSymbol: pts.length < 60, sampling: 'lttb', data: pts.map((p) => [p.step, finite(p[key])]), ...extra,
  });
  return {
    ...BASE_OPTION,
    legend: { top: 4 },
    tooltip: { ...BASE_OPTION.tooltip, trigger: 'axis', valueFormatter: (v) => fmtNum(v) },
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid: [{ left: 60, right: 60, top: 48, height: '52%' }, { left: 60, right: 60, top: '74%', bottom: 40 }],
    xAxis: [
      { type: 'value', gridIndex: 0, min: 0, axisLabel: { show: false } },
      { type: 'value', gridIndex: 1, min: 0, name: 'step', nameLocation: 'middle', nameGap: 26 },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: 'accuracy', nameTextStyle: LEFT, min: 0, max: 1 },
      { type: 'value', gridIndex: 0, name: 'loss', nameTextStyle: { align: 'right' }, scale: true, splitLine: { show: false } },
      { type: 'value', gridIndex: 1, name: 'learning rate', nameTextStyle: LEFT, min: 0, splitNumber: 2, axisLabel: { formatter: (v) => fmtHp(v) } },
    ],
    series: [
      line('validation accuracy', 'validationAccuracy', { color: '#2e9d57', markLine: targetLine(target) }),
      line('validation loss', 'validationLoss', { yAxisIndex: 1, color: '#4269d0' }),
      line('train loss', 'trainLoss', { yAxisIndex: 1, color: '#9498a0', lineStyle: { type: 'dashed' } }),
      line('learning rate', 'learningRate', { xAxisIndex: 1, yAxisIndex: 2, color: '#a463f2' }),
    ],
  };
}
