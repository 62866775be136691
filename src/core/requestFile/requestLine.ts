// The request line, `METHOD path-or-URL [HTTP/1.1]`, plus the `?...`/`&...` continuation lines after it. Problems
// become REQUEST_LINE_MALFORMED findings with a range on the offending word and, where the intent is clear, a fix.
import type { Finding, Fix } from '../findings';
import { closest } from '../suggest';
import type { OffsetRange } from '../text';
import type { RequestLine, TargetPart } from './model';
import { splitTarget } from './query';

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const VERSION = /^HTTP\/(?:1\.0|1\.1|2(?:\.0)?)$/;

export interface LineSpan {
  start: number;
  end: number;
}

function malformed(errors: Finding[], message: string, range: OffsetRange, fixes?: Fix[]): void {
  const f: Finding = { code: 'REQUEST_LINE_MALFORMED', severity: 'error', message, range };
  if (fixes?.length) f.fixes = fixes;
  errors.push(f);
}

function insert(title: string, at: number, newText: string): Fix {
  return { title, edits: [{ range: { start: at, end: at }, newText }], preferred: true };
}

function looksLikeTarget(word: string): boolean {
  return word.startsWith('/') || word.startsWith('{{') || /^https?:\/\//i.test(word);
}

function checkMethod(method: string, range: OffsetRange, errors: Finding[]): void {
  if ((METHODS as readonly string[]).includes(method)) return;
  const upper = method.toUpperCase();
  if ((METHODS as readonly string[]).includes(upper)) {
    malformed(errors, `HTTP methods are case-sensitive: write \`${upper}\`.`, range, [{ title: `Change to ${upper}`, edits: [{ range, newText: upper }], preferred: true }]);
    return;
  }
  const best = closest(upper, METHODS);
  const fixes = best ? [{ title: `Change to ${best}`, edits: [{ range, newText: best }], preferred: true }] : undefined;
  malformed(errors, `Unknown method \`${method.slice(0, 40)}\`${best ? `; did you mean \`${best}\`?` : ` (expected ${METHODS.join(', ')})`}.`, range, fixes);
}

function checkTarget(line: RequestLine, errors: Finding[]): void {
  const first = line.targetParts[0];
  if (!first) {
    malformed(errors, `\`${line.method}\` needs a path (\`/Users\`) or an absolute URL.`, line.methodRange);
    return;
  }
  const t = first.text;
  if (!looksLikeTarget(t)) {
    const scheme = /^([A-Za-z][\w+.-]*):\/\//.exec(t);
    if (scheme) malformed(errors, `Only http and https URLs can be sent, not \`${scheme[1]}:\`.`, { start: first.range.start, end: first.range.start + (scheme[0].length - 3) });
    else if (/^[A-Za-z.]/.test(t)) malformed(errors, 'A path relative to the application starts with `/` (e.g. `/Users`).', first.range, [insert('Add the leading /', first.range.start, '/')]);
    else malformed(errors, 'Expected a path starting with `/`, an absolute http(s) URL or `{{app.baseUrl}}`.', first.range);
  }
  // Spaces inside a reference (`{{$randomInt 1 10}}`) are its own business.
  const space = /\s/.exec(line.path.replace(/\{\{[^{}]*\}\}/g, (m) => 'x'.repeat(m.length)));
  if (space) {
    const at = line.pathRange.start + space.index;
    malformed(errors, 'Unexpected text after the path: spaces are allowed only in the query (after `?`).', { start: at + 1, end: line.pathRange.end });
  }
}

/** Parses the request line `line` and its continuation lines (each starting with `?` or `&` after indentation). */
export function parseRequestLine(text: string, line: LineSpan, continuations: readonly LineSpan[], errors: Finding[]): RequestLine {
  let i = line.start;
  while (i < line.end && /\s/.test(text[i] as string)) i++;
  let end = line.end;
  while (end > i && /\s/.test(text[end - 1] as string)) end--;
  let methodEnd = i;
  while (methodEnd < end && !/\s/.test(text[methodEnd] as string)) methodEnd++;
  let method = text.slice(i, methodEnd);
  let methodRange: OffsetRange = { start: i, end: methodEnd };
  let targetStart = methodEnd;
  if (looksLikeTarget(method)) {
    malformed(errors, 'A request line starts with its method: `GET /Users`.', { start: i, end: methodEnd }, [insert('Add GET', i, 'GET ')]);
    method = '';
    methodRange = { start: i, end: i };
    targetStart = i;
  } else {
    checkMethod(method, methodRange, errors);
  }
  while (targetStart < end && /\s/.test(text[targetStart] as string)) targetStart++;
  let targetEnd = end;
  let version: string | undefined;
  let versionRange: OffsetRange | undefined;
  const rest = text.slice(targetStart, end);
  const lastSpace = targetStart + Math.max(rest.lastIndexOf(' '), rest.lastIndexOf('\t'));
  if (lastSpace >= targetStart && /^HTTP\//i.test(text.slice(lastSpace + 1, end))) {
    version = text.slice(lastSpace + 1, end);
    versionRange = { start: lastSpace + 1, end };
    targetEnd = lastSpace;
    while (targetEnd > targetStart && /\s/.test(text[targetEnd - 1] as string)) targetEnd--;
  } else if (targetStart < end && /^HTTP\//i.test(text.slice(targetStart, end))) {
    version = text.slice(targetStart, end);
    versionRange = { start: targetStart, end };
    targetEnd = targetStart;
  }
  const parts: TargetPart[] = [];
  if (targetEnd > targetStart) parts.push({ text: text.slice(targetStart, targetEnd), range: { start: targetStart, end: targetEnd } });
  for (const c of continuations) {
    let s = c.start;
    while (s < c.end && /\s/.test(text[s] as string)) s++;
    let e = c.end;
    while (e > s && /\s/.test(text[e - 1] as string)) e--;
    if (e > s) parts.push({ text: text.slice(s, e), range: { start: s, end: e } });
  }
  const split = splitTarget(parts);
  const lastPart = parts[parts.length - 1];
  const result: RequestLine = {
    range: { start: i, end: Math.max(end, lastPart?.range.end ?? end) },
    method,
    methodRange,
    target: parts.map((p) => p.text).join(''),
    targetParts: parts,
    targetRange: parts[0] && lastPart ? { start: parts[0].range.start, end: lastPart.range.end } : { start: targetStart, end: targetStart },
    path: split.path,
    pathRange: split.pathRange,
    query: split.query,
  };
  if (version !== undefined && versionRange) {
    result.version = version;
    result.versionRange = versionRange;
    if (!VERSION.test(version)) malformed(errors, `Unknown HTTP version \`${version.slice(0, 20)}\` (write \`HTTP/1.1\`, or leave it out).`, versionRange);
  }
  checkTarget(result, errors);
  return result;
}
