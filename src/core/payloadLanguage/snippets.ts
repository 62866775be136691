// The payload snippets (snippets/scim-payloads.code-snippets) as data: the editor offers them as snippets and
// through `SCIM: New Payload...`; tests expand them with their defaults and lint the result.
import { parse, type ParseError } from 'jsonc-parser';

export interface PayloadSnippet {
  /** The snippet's title, e.g. "SCIM: Create Group". */
  name: string;
  prefixes: string[];
  description: string;
  /** The snippet body in VS Code snippet syntax (tab stops, placeholders, choices). */
  body: string;
}

interface RawSnippet {
  prefix?: string | string[];
  description?: string;
  body?: string | string[];
}

/** Reads a `.code-snippets` file; entries without a body are skipped. Throws with the offset on invalid JSON. */
export function parseSnippetFile(text: string): PayloadSnippet[] {
  const errors: ParseError[] = [];
  const raw = parse(text, errors, { allowTrailingComma: true }) as Record<string, RawSnippet> | undefined;
  if (errors.length > 0 || typeof raw !== 'object' || raw === null) {
    throw new Error(`invalid snippet file at offset ${errors[0]?.offset ?? 0}`);
  }
  const out: PayloadSnippet[] = [];
  for (const [name, s] of Object.entries(raw)) {
    if (s.body === undefined) continue;
    const prefixes = s.prefix === undefined ? [] : Array.isArray(s.prefix) ? s.prefix : [s.prefix];
    out.push({ name, prefixes, description: s.description ?? '', body: Array.isArray(s.body) ? s.body.join('\n') : s.body });
  }
  return out;
}

/**
 * The text a snippet produces when every placeholder keeps its default: `${1:x}` gives x, `${1|a,b|}` gives a,
 * a bare `$1`/`${1}` repeats that tab stop's default (as VS Code mirrors it), `$0` and variables give nothing.
 */
export function expandSnippetDefaults(body: string): string {
  const defaults = new Map<string, string>();
  const placeholder = /\$\{(\d+):((?:[^}\\]|\\.)*)\}|\$\{(\d+)\|((?:[^|\\]|\\.)*)\|\}/g;
  for (const m of body.matchAll(placeholder)) {
    const n = m[1] ?? m[3] ?? '';
    if (defaults.has(n)) continue;
    const value = m[2] !== undefined ? unescape(m[2]) : unescape((m[4] ?? '').split(/(?<!\\),/)[0] ?? '');
    defaults.set(n, value);
  }
  return body
    .replace(placeholder, (_all, a: string | undefined, _d: string | undefined, c: string | undefined) => defaults.get(a ?? c ?? '') ?? '')
    .replace(/\$\{(\d+)\}|\$(\d+)/g, (_all, a: string | undefined, b: string | undefined) => defaults.get(a ?? b ?? '') ?? '')
    .replace(/\\([$}\\])/g, '$1');
}

function unescape(s: string): string {
  return s.replace(/\\([$}\\,|])/g, '$1');
}
