// ECharts comes from the WebJar the service serves (no CDN); the path is relative to this module.
import * as echarts from '../webjars/echarts/5.3.1/dist/echarts.esm.min.js';
import { h } from './dom.js';

// Exposed so browser tests and the console can inspect charts with echarts.getInstanceByDom(el).
globalThis.echarts = echarts;

// Observable 10: distinguishable arms, readable on white.
const ARM_COLORS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e', '#9498a0'];

export function armColor(index) {
  return ARM_COLORS[index % ARM_COLORS.length];
}

/**
 * A figure with one chart, created once and updated in place as data arrives. update(null, message)
 * shows the message instead of an empty chart. onClick receives ECharts click events (e.g. open a trial).
 */
export function chartFigure(name, title, description, { height = 320, onClick } = {}) {
  const canvas = h('div', {
    class: 'chart', 'data-chart': name, role: 'img', 'aria-label': `${title}. ${description}`, style: `height:${height}px`,
  });
  const empty = h('p', { class: 'chart-empty' }, 'No data yet.');
  const controls = h('div', { class: 'chart-controls' });
  const el = h('figure', { class: 'chart-card' },
    h('figcaption', {}, h('div', {}, h('h3', {}, title), h('p', { class: 'hint' }, description)), controls),
    h('div', { class: 'chart-wrap' }, canvas, empty));
  let chart = null;
  let observer = null;

  return {
    el,
    controls,
    get instance() {
      return chart;
    },
    update(option, emptyMessage = 'No data yet.') {
      if (!option) {
        empty.textContent = emptyMessage;
        empty.hidden = false;
        canvas.classList.add('is-empty');
        chart?.clear();
        return;
      }
      empty.hidden = true;
      canvas.classList.remove('is-empty');
      if (!chart) {
        chart = echarts.init(canvas);
        observer = new ResizeObserver(() => chart.resize());
        observer.observe(canvas);
        chart.setOption(option, { notMerge: true });
        if (onClick) chart.on('click', onClick);
        return;
      }
      // Replace series but keep legend selection and zoom the user set while the study runs.
      chart.setOption(option, { replaceMerge: ['series'] });
    },
    dispose() {
      observer?.disconnect();
      chart?.dispose();
      chart = null;
    },
  };
}

/**
 * Keeps at most max points of a curve (evenly spaced, first and last kept). ECharts' LTTB sampling
 * then thins further to the pixel width; this bounds memory for very long curves.
 */
export function thin(points, max = 1500) {
  if (points.length <= max) return points;
  const stride = (points.length - 1) / (max - 1);
  const out = [];
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * stride)]);
  return out;
}

export const BASE_OPTION = {
  animationDuration: 300,
  animationDurationUpdate: 200,
  textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  grid: { left: 56, right: 24, top: 48, bottom: 48, containLabel: false },
  tooltip: { confine: true },
};
