// Forest plot of a study's claims: each claim's interval of d = candidate − baseline (in points) against 0 and
// its ±δ band, coloured by outcome. Drawn with an ECharts custom series; claims without an interval are listed
// on the axis with their outcome and no bar.
import { BASE_OPTION } from './charts.js';
import { finite, fmtNum } from './format.js';

export const OUTCOME_COLORS = {
  PASS: '#2e9d57',
  FAIL: '#d64545',
  INCONCLUSIVE: '#e5a02e',
  INSUFFICIENT_DATA: '#8a94a0',
};

const points = (fraction) => (finite(fraction) === null ? null : fraction * 100);

/** report.claims.results -> an ECharts option, or null when the study states no claims. */
export function forestOption(results) {
  if (!results?.length) return null;
  const rows = results.map((c, i) => ({
    index: i,
    label: `${c.candidate} vs ${c.baseline}`,
    outcome: c.outcome,
    estimate: points(c.estimate),
    lower: points(c.lower),
    upper: points(c.upper),
    margin: (c.margin || 0) * 100,
    kind: c.kind,
    text: c.text,
  }));
  const values = rows.flatMap((r) => [r.lower, r.upper, r.margin, -r.margin, 0]).filter((v) => v !== null);
  const span = Math.max(...values.map(Math.abs), 0.5) * 1.15;
  return {
    ...BASE_OPTION,
    grid: { left: 150, right: 24, top: 16, bottom: 44 },
    tooltip: { trigger: 'item', confine: true, formatter: (p) => rows[p.dataIndex]?.text || '' },
    xAxis: {
      type: 'value', min: -span, max: span, name: 'candidate − baseline (points)', nameLocation: 'middle', nameGap: 28,
      axisLabel: { formatter: (v) => `${v > 0 ? '+' : ''}${fmtNum(v, 2)}` },
    },
    yAxis: {
      type: 'category', inverse: true, data: rows.map((r) => r.label),
      axisLabel: { formatter: (v, i) => `${v}${rows[i].lower === null ? ' (no interval)' : ''}` },
    },
    series: [{
      type: 'custom',
      name: 'claims',
      data: rows.map((r) => [r.index, r.estimate ?? 0, r.lower ?? 0, r.upper ?? 0, r.margin]),
      encode: { y: 0, x: [1, 2, 3] },
      renderItem: (params, api) => {
        const row = rows[api.value(0)];
        const y = api.coord([0, row.index])[1];
        const height = api.size([0, 1])[1] * 0.6;
        const color = OUTCOME_COLORS[row.outcome] || '#8a94a0';
        const shapes = [];
        if (row.kind !== 'superior' && row.margin > 0) {
          // The band the claim is about: −δ..+δ for equivalence, −δ.. for non-inferiority.
          const from = api.coord([-row.margin, row.index])[0];
          const to = row.kind === 'equivalent' ? api.coord([row.margin, row.index])[0] : api.coord([span, row.index])[0];
          shapes.push({ type: 'rect', shape: { x: from, y: y - height / 2, width: to - from, height }, style: { fill: 'rgba(46,157,87,0.10)' } });
          shapes.push({ type: 'line', shape: { x1: from, y1: y - height / 2, x2: from, y2: y + height / 2 }, style: { stroke: '#2e9d57', lineDash: [4, 3] } });
        }
        const zero = api.coord([0, row.index])[0];
        shapes.push({ type: 'line', shape: { x1: zero, y1: y - height / 2, x2: zero, y2: y + height / 2 }, style: { stroke: '#6b7480' } });
        if (row.lower !== null && row.upper !== null) {
          const lo = api.coord([row.lower, row.index])[0];
          const hi = api.coord([row.upper, row.index])[0];
          shapes.push({ type: 'line', shape: { x1: lo, y1: y, x2: hi, y2: y }, style: { stroke: color, lineWidth: 3 } });
          shapes.push({ type: 'line', shape: { x1: lo, y1: y - 5, x2: lo, y2: y + 5 }, style: { stroke: color, lineWidth: 2 } });
          shapes.push({ type: 'line', shape: { x1: hi, y1: y - 5, x2: hi, y2: y + 5 }, style: { stroke: color, lineWidth: 2 } });
          const mid = api.coord([row.estimate, row.index])[0];
          shapes.push({ type: 'circle', shape: { cx: mid, cy: y, r: 5 }, style: { fill: color } });
        }
        return { type: 'group', children: shapes };
      },
    }],
  };
}
