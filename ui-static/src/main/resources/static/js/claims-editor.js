// The claims of a new study as a form beside the JSON editor: what the study sets out to show, one row per claim,
// written back into the spec's "claims" array. Margins are edited in points and stored as fractions, as the API
// takes them. The server's field errors for claims[i].* are shown on their row.
import { h, mount } from './dom.js';

const KINDS = [
  ['non_inferior', 'not worse than (non-inferior)'],
  ['superior', 'better than (superior)'],
  ['equivalent', 'equivalent to'],
];
const BASES = [['final_phase', 'final phase (test accuracy over seeds)'], ['best_of_k', 'best of k tuning trials']];

function select(name, label, options, value, onChange) {
  return h('label', { class: 'inline-field' }, label,
    h('select', { name, onchange: (e) => onChange(e.target.value) },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text))));
}

function number(name, label, value, { step, min, disabled }, onChange) {
  return h('label', { class: 'inline-field' }, label,
    h('input', { type: 'number', name, value: value ?? '', step, min, disabled, onchange: (e) => onChange(e.target.value) }));
}

/** onChange(claims) is called with the edited claims array (empty: none). */
export function claimsEditor(onChange) {
  const rows = h('div', { class: 'claim-rows', 'data-testid': 'claim-rows' });
  const hint = h('p', { class: 'hint' });
  const add = h('button', { type: 'button', id: 'add-claim' }, 'Add claim');
  const el = h('section', { class: 'claims-editor', 'aria-labelledby': 'claims-title' },
    h('h2', { id: 'claims-title' }, 'Claims'),
    h('p', { class: 'hint' }, 'What the study sets out to show. Each claim is judged PASS, FAIL or INCONCLUSIVE with an interval whose coverage was measured, the family adjusted with Holm. Without claims, pairs are compared exploratively only.'),
    rows, hint, add);
  let claims = [];
  let arms = [];
  let errors = [];

  function emit() {
    onChange(claims.map((c) => {
      const out = { candidate: c.candidate, baseline: c.baseline, kind: c.kind };
      if (c.kind !== 'superior') out.margin = c.margin;
      out.basis = c.basis;
      if (c.basis === 'best_of_k') out.k = c.k;
      return out;
    }));
  }

  function render() {
    const names = arms.map((a) => [a, a]);
    mount(rows, claims.map((c, i) => {
      const mine = errors.filter((e) => e.field === `claims[${i}]` || e.field.startsWith(`claims[${i}].`));
      const set = (key, parse = (v) => v) => (v) => {
        claims[i] = { ...claims[i], [key]: parse(v) };
        if (key === 'kind' && v !== 'superior' && !(claims[i].margin > 0)) claims[i].margin = 0.01;
        if (key === 'basis' && v === 'best_of_k' && !(claims[i].k > 0)) claims[i].k = 1;
        emit();
      };
      return h('div', { class: `claim-row${mine.length ? ' invalid' : ''}`, 'data-claim': String(i) },
        select('candidate', 'Candidate', names, c.candidate, set('candidate')),
        select('kind', 'is', KINDS, c.kind, set('kind')),
        select('baseline', 'Baseline', names, c.baseline, set('baseline')),
        number('margin', 'by at most (points)', c.kind === 'superior' ? '' : Math.round(c.margin * 100 * 1000) / 1000,
          { step: 0.1, min: 0, disabled: c.kind === 'superior' }, set('margin', (v) => Number(v) / 100)),
        select('basis', 'on', BASES, c.basis, set('basis')),
        c.basis === 'best_of_k' ? number('k', 'k', c.k, { step: 1, min: 1 }, set('k', (v) => Number(v))) : null,
        h('button', { type: 'button', class: 'link-button', onclick: () => { claims.splice(i, 1); emit(); } }, 'Remove'),
        mine.length ? h('ul', { class: 'field-errors' }, mine.map((e) => h('li', { 'data-field': e.field },
          h('code', {}, e.field), ' ', e.message))) : null);
    }));
    hint.textContent = arms.length < 2 ? 'Add two arms to the spec to state a claim.' : '';
    add.disabled = arms.length < 2;
  }

  add.addEventListener('click', () => {
    claims.push({ candidate: arms[1], baseline: arms[0], kind: 'non_inferior', margin: 0.01, basis: 'final_phase' });
    emit();
  });

  return {
    el,
    /** The spec as parsed from the editor, or null while it is not valid JSON. */
    refresh(spec) {
      if (!spec) {
        hint.textContent = 'Fix the JSON to edit the claims here.';
        return;
      }
      arms = (spec.arms || []).map((a) => a?.name).filter(Boolean);
      claims = Array.isArray(spec.claims) ? spec.claims.map((c) => ({ ...c })) : [];
      render();
    },
    showErrors(fieldErrors) {
      errors = fieldErrors.filter((e) => e.field.startsWith('claims'));
      render();
    },
  };
}
