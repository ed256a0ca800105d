// Study spec helpers. Maps the field paths of validation problems (arms[1].space.learning_rate.min)
// to lines of the JSON text the user typed, so errors can be marked next to the offending line.

/** Map(arm name -> names of the ranges and choices in its search space); fixed values are left out. */
export function tunedNames(spec) {
  const tuned = new Map();
  for (const arm of spec?.arms || []) {
    tuned.set(arm.name, Object.entries(arm.space || {})
      .filter(([, v]) => v && typeof v === 'object' && ('min' in v || 'values' in v))
      .map(([k]) => k));
  }
  return tuned;
}

/**
 * Positions of every key and array element: Map(path -> offset). Paths use the server's notation:
 * object keys joined by '.', array elements as [i]; the document itself is ''. Throws on malformed
 * JSON (callers report JSON.parse's error instead).
 */
export function locatePaths(text) {
  const positions = new Map([['', 0]]);
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const string = () => {
    const start = ++i;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(`"${text.slice(start, i - 1)}"`);
  };
  const value = (path) => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        const keyAt = i;
        const key = string();
        const child = path ? `${path}.${key}` : key;
        positions.set(child, keyAt);
        ws();
        i++; // ':'
        value(child);
        ws();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (let index = 0; ; index++) {
        ws();
        const child = `${path}[${index}]`;
        positions.set(child, i);
        value(child);
        ws();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') return void string();
    if (c === undefined) throw new SyntaxError('unexpected end');
    while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
  };
  value('');
  return positions;
}

/** 1-based line of an offset. */
export function lineOf(text, offset) {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

/**
 * The line a field error belongs to: the field itself, or its closest existing parent when the field
 * is missing (e.g. a required key that was left out).
 */
export function lineOfField(text, positions, field) {
  let path = field || '';
  while (path && !positions.has(path)) path = parentPath(path);
  return lineOf(text, positions.get(path) ?? 0);
}

function parentPath(path) {
  const last = /(\.[^.[\]]*|\[\d+\])$/.exec(path);
  return last ? path.slice(0, last.index) : '';
}

/** Line and column of a JSON.parse error, from the position the engine reports in its message. */
export function syntaxErrorLine(text, error) {
  const match = /position (\d+)/.exec(error.message);
  if (match) return lineOf(text, Number(match[1]));
  const lineMatch = /line (\d+)/.exec(error.message);
  return lineMatch ? Number(lineMatch[1]) : 1;
}
