// Formatting of numbers, times and statuses. Non-finite numbers arrive as strings ("NaN", "Infinity").

/** A JSON number or non-finite string as a JS number; null/undefined stay null. */
export function num(v) {
  if (v === null || v === undefined || v === '') return null;
  return typeof v === 'number' ? v : Number(v);
}

/** A finite number or null (what charts take: null is a gap). */
export function finite(v) {
  const n = num(v);
  return n !== null && Number.isFinite(n) ? n : null;
}

export function fmtNum(v, digits = 4) {
  const n = num(v);
  if (n === null) return '—';
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '∞' : '−∞';
  if (n !== 0 && (Math.abs(n) < 1e-3 || Math.abs(n) >= 1e6)) return n.toExponential(Math.max(0, digits - 2)).replace(/\.?0+e/, 'e');
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(Number(n.toPrecision(digits)));
}

/** Accuracy in [0, 1] as a percentage. */
export function fmtPct(v, digits = 2) {
  const n = num(v);
  if (n === null || !Number.isFinite(n)) return fmtNum(v);
  return `${(n * 100).toFixed(digits)} %`;
}

export function fmtInt(v) {
  const n = num(v);
  return n === null ? '—' : n.toLocaleString('en-US');
}

/** A hyperparameter value: small or large magnitudes in exponent form. */
export function fmtHp(v) {
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  return fmtNum(v, 4);
}

export function fmtDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = (x) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function fmtDuration(seconds) {
  const s = num(seconds);
  if (s === null || !Number.isFinite(s)) return '—';
  if (s < 60) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${Math.round(s % 60)} s`;
  const hours = Math.floor(m / 60);
  if (hours < 48) return `${hours} h ${m % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "in 12 s" for a time still to come (a schedule's next firing). */
export function fmtUntil(iso) {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return String(iso);
  return seconds > 0 ? `in ${fmtDuration(seconds)}` : 'due now';
}

/** "12 s ago" for timestamps that should be recent (heartbeats, check-ins). */
export function fmtAge(iso) {
  if (!iso) return '—';
  const seconds = (Date.now() - new Date(iso).getTime()) / 1000;
  if (!Number.isFinite(seconds)) return String(iso);
  return `${fmtDuration(Math.max(0, seconds))} ago`;
}

export const TRIAL_STATUSES = ['PENDING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'DIVERGED', 'FAILED', 'CANCELLED', 'LOST'];
export const TERMINAL_TRIAL = new Set(['SUCCEEDED', 'DIVERGED', 'FAILED', 'CANCELLED', 'LOST']);
export const TERMINAL_STUDY = new Set(['COMPLETED', 'CANCELLED']);

/** Colours shared by badges, progress bars and charts (css/app.css uses the same values). */
export const STATUS_COLORS = {
  PENDING: '#c3cad3',
  QUEUED: '#8fb3e0',
  RUNNING: '#2f6fd6',
  SUCCEEDED: '#2e9d57',
  DIVERGED: '#e58a2e',
  FAILED: '#d64545',
  CANCELLED: '#6b7480',
  // Lost to infrastructure: shown, never charged to the arm.
  LOST: '#9a6fb0',
};

export function titleCase(status) {
  return String(status || '').toLowerCase().replace(/_/g, ' ');
}
