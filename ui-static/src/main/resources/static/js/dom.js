// Tiny DOM helpers: every piece of server data goes through textContent, never innerHTML.

/**
 * Creates an element. attrs: class, text, on... listeners, data- and aria- and other attributes;
 * value/checked/disabled/selected/hidden are set as properties. Children may be strings, nodes,
 * arrays or null/false (skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    // Through CSSOM: the Content-Security-Policy refuses style attributes.
    else if (key === 'style') el.style.cssText = String(value);
    else if (['value', 'checked', 'disabled', 'selected', 'hidden'].includes(key)) el[key] = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the children of el. */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A table from column definitions [{label, cell(row) -> node|string, class?}]. */
export function table(columns, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) => h('td', { class: c.class }, c.cell(row)))))));
}

/** A section with a heading; the heading labels the region for screen readers. */
let sectionCounter = 0;
export function section(title, ...children) {
  const id = `section-${++sectionCounter}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

export function toast(message) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.classList.add('visible');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => el.classList.remove('visible'), 4000);
}

/**
 * Runs render (which rebuilds part of container) and gives keyboard focus back to the equivalent
 * element (same id, link target or data-key), so live updates do not throw a keyboard user out.
 */
export function keepFocus(container, render) {
  const active = document.activeElement;
  let selector = null;
  if (active && active !== container && container.contains(active)) {
    if (active.id) selector = `#${CSS.escape(active.id)}`;
    else if (active.getAttribute('href')) selector = `[href="${CSS.escape(active.getAttribute('href'))}"]`;
    else if (active.dataset.key) selector = `[data-key="${CSS.escape(active.dataset.key)}"]`;
  }
  render();
  if (selector) container.querySelector(selector)?.focus({ preventScroll: true });
}
