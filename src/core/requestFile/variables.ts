// `{{...}}` references: where they are, what they name, and which names exist. Shared by the parser (which finds
// them), the analysis (which checks them), the resolver (which evaluates them), completion and hover.
import type { Finding } from '../findings';
import type { OffsetRange } from '../text';
import type { VariableKind, VariableRef } from './model';

export interface BuiltinInfo {
  name: string;
  /** How it is written, e.g. `$randomInt min max`. */
  usage: string;
  description: string;
}

export const BUILTINS: readonly BuiltinInfo[] = [
  { name: '$uuid', usage: '$uuid', description: 'A new random UUID (v4) at each use, e.g. for `externalId`.' },
  { name: '$timestamp', usage: '$timestamp', description: 'The current time as Unix seconds.' },
  { name: '$randomInt', usage: '$randomInt min max', description: 'A random integer from `min` (included) to `max` (excluded).' },
  { name: '$prompt', usage: '$prompt label', description: 'Asks for a value when the request is sent (once per label and request). Labels that mention a password, secret or token are asked in a password box and redacted from transcripts.' },
];

/** REST Client spellings accepted as aliases. */
export const BUILTIN_ALIASES: Readonly<Record<string, string>> = { $guid: '$uuid' };

export const APP_FIELDS: readonly { name: string; description: string }[] = [
  { name: 'baseUrl', description: "The application's `baseUrl` from the registry (no trailing slash)." },
  { name: 'id', description: "The application's id in the registry." },
];

/** Names `@name = value` may not take: they are the roots of built-in references. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['app', 'lastResponse']);
export const DEFINITION_NAME = /^[A-Za-z_][\w.-]*$/;

export function builtinName(name: string): string | undefined {
  if (BUILTINS.some((b) => b.name === name)) return name;
  return BUILTIN_ALIASES[name];
}

function classify(expression: string): { kind: VariableKind; name: string; args: string[] } {
  if (expression.startsWith('$')) {
    const m = /^(\$\S*)\s*([\s\S]*)$/.exec(expression);
    const name = m?.[1] ?? expression;
    const rest = (m?.[2] ?? '').trim();
    const args = rest === '' ? [] : name === '$prompt' ? [rest] : rest.split(/\s+/);
    return { kind: 'builtin', name, args };
  }
  if (expression === 'app' || expression.startsWith('app.')) return { kind: 'app', name: expression.slice(4), args: [] };
  if (expression === 'lastResponse' || expression.startsWith('lastResponse.') || expression.startsWith('lastResponse[')) {
    return { kind: 'lastResponse', name: expression.slice('lastResponse'.length).replace(/^\./, ''), args: [] };
  }
  if (DEFINITION_NAME.test(expression)) return { kind: 'definition', name: expression, args: [] };
  return { kind: 'invalid', name: expression, args: [] };
}

/**
 * The references in `text[range]`. A `{{` without `}}` on the same line becomes an error in `errors` (when
 * given) and is skipped; references never span lines. One pass over the range.
 */
export function scanVariables(text: string, range: OffsetRange, errors?: Finding[]): VariableRef[] {
  const out: VariableRef[] = [];
  let i = range.start;
  while (i + 1 < range.end) {
    if (text.charCodeAt(i) !== 123 || text.charCodeAt(i + 1) !== 123) {
      i++;
      continue;
    }
    let j = i + 2;
    while (j < range.end && text[j] !== '\n' && text[j] !== '\r' && !(text[j] === '}' && text[j + 1] === '}' && j + 1 < range.end)) j++;
    if (j >= range.end || text[j] !== '}') {
      errors?.push({
        code: 'REQUEST_VARIABLE_INVALID',
        severity: 'error',
        message: '`{{` without `}}` on the same line: a reference is written `{{name}}`.',
        range: { start: i, end: i + 2 },
      });
      // Every other `{{` before the line break is just as unclosed: one error is enough.
      i = j;
      continue;
    }
    const inner = text.slice(i + 2, j);
    const lead = inner.length - inner.trimStart().length;
    const expression = inner.trim();
    const start = i + 2 + lead;
    out.push({ range: { start: i, end: j + 2 }, expression, expressionRange: { start, end: start + expression.length }, ...classify(expression) });
    i = j + 2;
  }
  return out;
}

/** The references lying inside `range`, from `sorted` (ordered by start), found by binary search. */
export function refsWithin(sorted: readonly VariableRef[], range: OffsetRange): VariableRef[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as VariableRef).range.start < range.start) lo = mid + 1;
    else hi = mid;
  }
  const out: VariableRef[] = [];
  for (let k = lo; k < sorted.length; k++) {
    const v = sorted[k] as VariableRef;
    if (v.range.start >= range.end) break;
    if (v.range.end <= range.end) out.push(v);
  }
  return out;
}

/** What is wrong with a built-in reference's arguments, or undefined. Unknown names are not judged here. */
export function builtinArgumentProblem(ref: VariableRef): string | undefined {
  const name = builtinName(ref.name);
  if (name === '$uuid' || name === '$timestamp') {
    return ref.args.length > 0 ? `\`${ref.name}\` takes no arguments.` : undefined;
  }
  if (name === '$randomInt') {
    const [min, max, extra] = ref.args;
    if (min === undefined || max === undefined || extra !== undefined || !/^-?\d+$/.test(min) || !/^-?\d+$/.test(max)) {
      return '`$randomInt` takes two integers: `{{$randomInt min max}}`.';
    }
    if (Number(min) >= Number(max)) return `\`$randomInt ${min} ${max}\`: min must be smaller than max (max is excluded).`;
  }
  return undefined;
}

/** Every name a `{{...}}` may use in this file besides `lastResponse.*`: for did-you-mean and completion. */
export function knownReferenceNames(definitions: readonly string[]): string[] {
  return [...definitions, ...APP_FIELDS.map((f) => `app.${f.name}`), ...BUILTINS.map((b) => b.name), 'lastResponse'];
}

/** Whether `range` overlaps any of `ranges` (half-open; an empty range counts where it sits). */
export function overlapsAny(range: OffsetRange, ranges: readonly OffsetRange[]): boolean {
  return ranges.some((r) => range.start < r.end && r.start < range.end);
}
