// New study: a JSON editor pre-filled from the bundled templates, a dry-run preview of the planned
// points, and the server's field errors marked next to the lines they belong to.
import { ApiError, getOptional, postJson } from './api.js';
import { claimsEditor } from './claims-editor.js';
import { h, mount, table, toast } from './dom.js';
import { fmtHp, fmtInt } from './format.js';
import { lineOfField, locatePaths, syntaxErrorLine, tunedNames } from './spec-locate.js';

const DRAFT_KEY = 'fairtune.draft';
const PREVIEW_ROWS = 300;

export function newStudyView(root) {
  const select = h('select', { id: 'template', name: 'template' }, h('option', { value: '' }, 'Loading templates…'));
  const templateHint = h('p', { class: 'hint', id: 'template-hint' });
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const editor = h('textarea', {
    id: 'spec', name: 'spec', spellcheck: 'false', wrap: 'off', autocomplete: 'off', rows: 28,
    placeholder: '{ "name": "...", "workload": {...}, "search": {...}, "budget": {...}, "arms": [...] }',
    'aria-describedby': 'spec-errors',
  });
  const problems = h('div', { id: 'spec-errors', class: 'problems', 'aria-live': 'polite' });
  const previewButton = h('button', { type: 'button', id: 'dry-run' }, 'Preview plan (dry run)');
  const createButton = h('button', { type: 'submit', class: 'primary', id: 'create' }, 'Create study');
  const status = h('span', { class: 'hint', role: 'status' });
  const preview = h('div', { id: 'preview' });
  let templates = [];
  let dirty = false;
  let errorLines = new Map(); // line -> messages
  const claims = claimsEditor((edited) => {
    const spec = parsed();
    if (spec === null) return;
    if (edited.length) spec.claims = edited;
    else delete spec.claims;
    editor.value = `${JSON.stringify(spec, null, 2)}\n`;
    editor.dispatchEvent(new Event('input'));
  });

  mount(root,
    h('div', { class: 'page-head' }, h('h1', {}, 'New study')),
    h('form', { class: 'card new-study', onsubmit: (e) => { e.preventDefault(); submit(false); } },
      h('div', { class: 'field' },
        h('label', { for: 'template' }, 'Start from a template'), select, templateHint),
      h('div', { class: 'editor-layout' },
        h('div', { class: 'field' },
          h('label', { for: 'spec' }, 'Study spec (JSON)'),
          h('div', { class: 'editor' }, gutter, editor)),
        h('aside', { class: 'problems-panel', 'aria-label': 'Problems in the spec' }, h('h2', {}, 'Problems'), problems)),
      claims.el,
      h('div', { class: 'actions' }, previewButton, createButton, status)),
    preview);

  function renderGutter() {
    const lines = editor.value.split('\n').length;
    mount(gutter, Array.from({ length: lines }, (_, i) => {
      const messages = errorLines.get(i + 1);
      return h('div', { class: messages ? 'err' : '', title: messages ? messages.join('\n') : null }, String(i + 1));
    }));
    gutter.scrollTop = editor.scrollTop;
  }

  function setText(text) {
    editor.value = text;
    dirty = false;
    clearProblems();
    sessionStorage.setItem(DRAFT_KEY, text);
    refreshClaims();
  }

  /** The claims form follows the editor; while the JSON is broken it waits. */
  function refreshClaims() {
    try {
      claims.refresh(JSON.parse(editor.value));
    } catch {
      claims.refresh(null);
    }
  }

  function clearProblems() {
    errorLines = new Map();
    claims.showErrors([]);
    editor.removeAttribute('aria-invalid');
    mount(problems, h('p', { class: 'hint' }, 'None found yet. The preview and creation check the whole spec.'));
    renderGutter();
  }

  function goToLine(line) {
    const lines = editor.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    editor.focus();
    editor.setSelectionRange(start, start + (lines[line - 1] || '').length);
    const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 18;
    editor.scrollTop = Math.max(0, (line - 4) * lineHeight);
  }

  /** errors: [{field, message, line}] */
  function showProblems(title, errors) {
    errorLines = new Map();
    for (const e of errors) errorLines.set(e.line, [...(errorLines.get(e.line) || []), `${e.field || 'spec'}: ${e.message}`]);
    editor.setAttribute('aria-invalid', 'true');
    claims.showErrors(errors);
    mount(problems,
      h('p', { class: 'error', role: 'alert' }, title),
      h('ul', { class: 'field-errors' }, errors.map((e) => h('li', { 'data-field': e.field },
        h('button', { type: 'button', class: 'link-button', onclick: () => goToLine(e.line), title: `Go to line ${e.line}` },
          h('code', {}, e.field || '(whole spec)'), ` · line ${e.line}`),
        h('div', { class: 'field-message' }, e.message)))));
    renderGutter();
  }

  /** Parses the editor; on a syntax error marks its line and returns null. */
  function parsed() {
    const text = editor.value;
    try {
      return JSON.parse(text);
    } catch (e) {
      showProblems('The spec is not valid JSON.', [{ field: '', message: e.message, line: syntaxErrorLine(text, e) }]);
      return null;
    }
  }

  async function submit(dryRun) {
    const spec = parsed();
    if (spec === null) return;
    const text = editor.value;
    previewButton.disabled = createButton.disabled = true;
    status.textContent = dryRun ? 'Planning…' : 'Creating…';
    try {
      const result = await postJson(dryRun ? '/studies/plan' : '/studies', text);
      clearProblems();
      if (dryRun) {
        renderPreview(result, spec);
        preview.scrollIntoView({ behavior: 'smooth', block: 'start' });
        status.textContent = `Valid: ${fmtInt(result.trials ?? result.planned?.length)} tuning trials planned.`;
      } else {
        sessionStorage.removeItem(DRAFT_KEY);
        const id = result.summary?.id ?? result.id;
        toast(`Study ${result.summary?.name ?? ''} created.`);
        location.hash = `#/studies/${id}`;
      }
    } catch (e) {
      status.textContent = '';
      if (!(e instanceof ApiError)) throw e;
      if (e.status === 413) {
        showProblems('The spec is too large for the service.', [{ field: '', message: e.message, line: 1 }]);
      } else if (e.fieldErrors.length) {
        let positions = new Map([['', 0]]);
        try {
          positions = locatePaths(text);
        } catch {
          // keep the document position only
        }
        showProblems(e.problem.title || 'The spec is invalid.', e.fieldErrors.map((f) => ({
          field: f.field, message: f.message, line: lineOfField(text, positions, f.field),
        })));
      } else {
        showProblems(e.problem.title || `Request failed (${e.status})`, [{ field: '', message: e.message, line: 1 }]);
      }
      if (dryRun) mount(preview);
    } finally {
      previewButton.disabled = createButton.disabled = false;
    }
  }

  /** One table per arm with its tuned hyperparameters; the values it fixes are listed once. */
  function renderPreview(plan, spec) {
    const planned = plan.planned || [];
    const tuned = tunedNames(spec);
    const arms = [...new Set(planned.map((p) => p.arm))];
    mount(preview, h('section', { class: 'card', 'aria-labelledby': 'preview-title' },
      h('h2', { id: 'preview-title' }, `Planned tuning trials of “${plan.name}”`),
      h('p', { class: 'hint' }, 'Every arm draws the same quasi-random sequence indices, each from its own space.'),
      h('div', { class: 'plan-grid' }, arms.map((arm) => {
        const points = planned.filter((p) => p.arm === arm);
        const names = tuned.get(arm) || Object.keys(points[0]?.hyperparameters || {});
        const fixed = Object.entries(points[0]?.hyperparameters || {}).filter(([k]) => !names.includes(k));
        return h('div', { class: 'plan-arm' },
          h('h3', {}, `${arm} · ${fmtInt(points.length)} points`),
          fixed.length ? h('p', { class: 'hint hp' }, `fixed: ${fixed.map(([k, v]) => `${k} ${fmtHp(v)}`).join(' · ')}`) : null,
          h('div', { class: 'table-wrap scroll' }, table([
            { label: 'Sample', class: 'num', cell: (p) => fmtInt(p.sampleIndex) },
            { label: 'Seed', class: 'num', cell: (p) => String(p.seed) },
            ...names.map((n) => ({ label: n, class: 'num', cell: (p) => fmtHp(p.hyperparameters?.[n]) })),
          ], points.slice(0, PREVIEW_ROWS), { class: 'data compact', 'data-testid': 'plan-table' })),
          points.length > PREVIEW_ROWS ? h('p', { class: 'hint' }, `First ${PREVIEW_ROWS} of ${fmtInt(points.length)} shown.`) : null);
      }))));
  }

  function applyTemplate() {
    const t = templates.find((x) => x.file === select.value);
    templateHint.textContent = t?.description || '';
    if (!t) return;
    if (dirty && !confirm('Replace your edits with this template?')) return;
    setText(`${JSON.stringify(t.spec, null, 2)}\n`);
    mount(preview);
    status.textContent = '';
  }

  let claimsTimer = 0;
  editor.addEventListener('input', () => {
    clearTimeout(claimsTimer);
    claimsTimer = setTimeout(refreshClaims, 250);
    dirty = true;
    sessionStorage.setItem(DRAFT_KEY, editor.value);
    if (gutter.childElementCount !== editor.value.split('\n').length) renderGutter();
  });
  editor.addEventListener('scroll', () => {
    gutter.scrollTop = editor.scrollTop;
  });
  editor.addEventListener('keydown', (e) => {
    // Tab indents instead of leaving the editor; Escape then Tab still moves focus on.
    if (e.key === 'Tab' && !e.shiftKey && !editor.dataset.escaped) {
      e.preventDefault();
      editor.setRangeText('  ', editor.selectionStart, editor.selectionEnd, 'end');
      editor.dispatchEvent(new Event('input'));
    }
    if (e.key === 'Escape') editor.dataset.escaped = '1';
    else if (e.key !== 'Tab') delete editor.dataset.escaped;
  });
  select.addEventListener('change', applyTemplate);
  previewButton.addEventListener('click', () => submit(true));

  (async () => {
    const draft = sessionStorage.getItem(DRAFT_KEY);
    try {
      templates = (await getOptional('/templates')) || [];
    } catch (e) {
      templateHint.textContent = `Could not load templates: ${e.message}`;
    }
    mount(select,
      h('option', { value: '' }, templates.length ? 'Choose a template…' : 'No templates available'),
      templates.map((t) => h('option', { value: t.file }, `${t.name} (${t.file})`)));
    if (draft) {
      setText(draft);
      dirty = true;
      templateHint.textContent = 'Your draft from this session is restored; choose a template to start over.';
    } else if (templates.length) {
      const smoke = templates.find((t) => t.name === 'synthetic-smoke') || templates[0];
      select.value = smoke.file;
      applyTemplate();
    } else {
      clearProblems();
    }
  })();
}
