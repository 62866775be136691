// Everything wrong with a request file, as findings with exact ranges: its syntax, `@app` ids no registry
// defines, absolute URLs on another origin than the application's, references that name nothing, credentials written into it, query filters and JSON bodies.
import { sortFindings, type Finding, type Fix } from '../findings';
import { secretShape } from '../registry/secrets';
import { SchemaCatalog } from '../scim/catalog';
import { closest } from '../suggest';
import type { OffsetRange } from '../text';
import { bodyFindings } from './analyzeBody';
import { queryFindings } from './analyzeQuery';
import { parseResponsePath } from './lastResponse';
import type { RequestFile, RequestFileApp, VariableRef } from './model';
import { otherOriginProblem, writtenOrigin } from './origin';
import { appDirectiveFor } from './parse';
import { decodeQueryValue } from './query';
import { APP_FIELDS, BUILTINS, builtinArgumentProblem, builtinName, knownReferenceNames, refsWithin } from './variables';

export interface RequestFileAnalysisOptions {
  /** The applications of every registry in reach; when absent, `@app` ids are not checked. */
  apps?: readonly RequestFileApp[];
  catalog?: SchemaCatalog;
}

function finding(code: string, severity: Finding['severity'], message: string, range: OffsetRange, fixes?: Fix[]): Finding {
  const f: Finding = { code, severity, message, range };
  if (fixes?.length) f.fixes = fixes;
  return f;
}

function replaceWith(range: OffsetRange, text: string): Fix[] {
  return [{ title: `Change to ${text}`, edits: [{ range, newText: text }], preferred: true }];
}

/** The line of `range` with its line break, for fixes that remove a line. */
function wholeLine(text: string, range: OffsetRange): OffsetRange {
  let start = range.start;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = range.end;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r') end++;
  if (text[end] === '\n') end++;
  return { start, end };
}

function appFindings(file: RequestFile, apps: readonly RequestFileApp[]): Finding[] {
  const ids = apps.map((a) => a.id);
  const known = new Set(ids.map((i) => i.toLowerCase()));
  const out: Finding[] = [];
  for (const d of file.apps) {
    if (known.has(d.id.toLowerCase())) continue;
    const best = closest(d.id, ids);
    const sandboxHint = /^sandbox-/i.test(d.id) ? ' `sandbox-*` applications exist while the sandbox runs (SCIM: Start Sandbox).' : '';
    const message = `No registry in reach defines the application \`${d.id}\`${best ? `; did you mean \`${best}\`?` : '.'}${sandboxHint}`;
    out.push(finding('REQUEST_UNKNOWN_APP', 'error', message, d.idRange, best ? replaceWith(d.idRange, best) : undefined));
  }
  return out;
}

/** Absolute URLs written to another origin than the request's application (as far as the file names it). */
function originFindings(file: RequestFile, apps: readonly RequestFileApp[]): Finding[] {
  const out: Finding[] = [];
  for (const request of file.requests) {
    const id = appDirectiveFor(file, request)?.id.toLowerCase();
    const app = id === undefined ? undefined : apps.find((a) => a.id.toLowerCase() === id);
    const first = request.requestLine.targetParts[0];
    const written = first && first.range.start === request.requestLine.targetRange.start ? writtenOrigin(first.text) : undefined;
    if (!app || !first || !written) continue;
    const problem = otherOriginProblem(written.origin, app);
    if (!problem) continue;
    const range = { start: first.range.start, end: first.range.start + written.text.length };
    const own = new URL(app.baseUrl as string).origin;
    out.push(finding('REQUEST_OTHER_ORIGIN', 'error', problem, range, [{ title: `Change to ${own}`, edits: [{ range, newText: own }] }]));
  }
  return out;
}

function unknownVariable(ref: VariableRef, candidates: readonly string[], message: string): Finding {
  const best = closest(ref.expression, candidates);
  return finding('REQUEST_UNKNOWN_VARIABLE', 'error', best ? `${message} Did you mean \`${best}\`?` : message, ref.expressionRange.start === ref.expressionRange.end ? ref.range : ref.expressionRange, best ? replaceWith(ref.expressionRange, best) : undefined);
}

function referenceFindings(file: RequestFile): Finding[] {
  const defined = new Set(file.definitions.map((d) => d.name));
  const names = knownReferenceNames([...defined]);
  const out: Finding[] = [];
  for (const ref of file.variables) {
    switch (ref.kind) {
      case 'invalid':
        out.push(finding('REQUEST_VARIABLE_INVALID', 'error', ref.expression === '' ? 'An empty reference `{{}}`.' : `\`{{${ref.expression}}}\` is not a reference: use a variable name, \`app.*\`, \`lastResponse.*\` or a \`$\` built-in.`, ref.range));
        break;
      case 'builtin': {
        if (!builtinName(ref.name)) {
          out.push(unknownVariable({ ...ref, expression: ref.name, expressionRange: { start: ref.expressionRange.start, end: ref.expressionRange.start + ref.name.length } }, BUILTINS.map((b) => b.name), `Unknown built-in \`${ref.name}\` (known: ${BUILTINS.map((b) => b.name).join(', ')}).`));
          break;
        }
        const problem = builtinArgumentProblem(ref);
        if (problem) out.push(finding('REQUEST_VARIABLE_INVALID', 'error', problem, ref.range));
        break;
      }
      case 'app':
        if (!APP_FIELDS.some((f) => f.name === ref.name)) out.push(unknownVariable(ref, APP_FIELDS.map((f) => `app.${f.name}`), `Unknown variable \`{{${ref.expression}}}\`: the application offers ${APP_FIELDS.map((f) => `\`app.${f.name}\``).join(' and ')}.`));
        break;
      case 'lastResponse': {
        const parsed = parseResponsePath(ref.name);
        if ('error' in parsed) out.push(finding('REQUEST_VARIABLE_INVALID', 'error', parsed.error, ref.range));
        break;
      }
      case 'definition':
        if (!defined.has(ref.name)) out.push(unknownVariable(ref, names, `Unknown variable \`{{${ref.name}}}\`: define it with \`@${ref.name} = value\`.`));
        break;
    }
  }
  return out;
}

function definitionFindings(file: RequestFile): Finding[] {
  const out: Finding[] = [];
  const first = new Map<string, number>();
  const uses = new Map<string, string[]>();
  for (const d of file.definitions) {
    if (first.has(d.name)) {
      out.push(finding('REQUEST_DUPLICATE_VARIABLE', 'warning', `\`@${d.name}\` is already defined above; the first definition is used.`, d.nameRange));
      continue;
    }
    first.set(d.name, d.range.start);
    uses.set(d.name, refsWithin(file.variables, d.valueRange).filter((v) => v.kind === 'definition').map((v) => v.name));
  }
  // A definition that reaches itself through other definitions can never be evaluated. One depth-first walk
  // (iterative: chains of definitions may be long) finds every cycle by its back edge.
  const state = new Map<string, 'open' | 'done'>();
  const onCycle = new Set<string>();
  for (const root of uses.keys()) {
    if (state.has(root)) continue;
    const path: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 'open');
    while (path.length > 0) {
      const top = path[path.length - 1] as { name: string; next: number };
      const targets = uses.get(top.name) ?? [];
      if (top.next >= targets.length) {
        state.set(top.name, 'done');
        path.pop();
        continue;
      }
      const n = targets[top.next++] as string;
      if (!uses.has(n)) continue;
      if (state.get(n) === 'open') {
        for (let k = path.findIndex((p) => p.name === n); k < path.length; k++) onCycle.add((path[k] as { name: string }).name);
      } else if (!state.has(n)) {
        state.set(n, 'open');
        path.push({ name: n, next: 0 });
      }
    }
  }
  for (const d of file.definitions) {
    if (onCycle.has(d.name) && first.get(d.name) === d.range.start) out.push(finding('REQUEST_VARIABLE_INVALID', 'error', `\`@${d.name}\` refers to itself through its value.`, d.nameRange));
  }
  return out;
}

const AUTH_HEADER = /^(?:proxy-)?authorization$/i;
const SECRET_NAME = /api[-_]?key|token|secret|password|passwd|cookie|credential/i;

/** The literal text of `range` with references blanked out: a reference is never itself a written secret. */
function literal(file: RequestFile, range: OffsetRange): string {
  let out = file.text.slice(range.start, range.end);
  for (const v of refsWithin(file.variables, range)) {
    const s = v.range.start - range.start;
    out = out.slice(0, s) + ' '.repeat(v.range.end - v.range.start) + out.slice(s + v.range.end - v.range.start);
  }
  return out;
}

function secretMessage(what: string): string {
  return `${what} looks like a credential. Request files never hold secrets: the registry's auth for the application is used when sending (store values with SCIM: Set Secret).`;
}

function secretFindings(file: RequestFile): Finding[] {
  const out: Finding[] = [];
  const removeLine = (range: OffsetRange): Fix[] => [{ title: 'Remove this header', edits: [{ range: wholeLine(file.text, range), newText: '' }], preferred: true }];
  for (const request of file.requests) {
    for (const h of request.headers) {
      const isAuth = AUTH_HEADER.test(h.name);
      if (secretShape(literal(file, h.valueRange), isAuth || SECRET_NAME.test(h.name))) {
        out.push(finding('REQUEST_LITERAL_SECRET', 'error', secretMessage(`The \`${h.name}\` value`), h.valueRange, removeLine(h.range)));
      } else if (isAuth) {
        out.push(finding('REQUEST_AUTHORIZATION_HEADER', 'warning', `Authentication comes from the registry: the application's credentials replace this \`${h.name}\` header, which is sent only to an application with \`auth.type: none\`.`, h.nameRange, removeLine(h.range)));
      }
    }
    const first = request.requestLine.targetParts[0];
    const userinfo = first ? /^https?:\/\/([^/@\s]+)@/i.exec(first.text) : null;
    if (first && userinfo?.[1]?.includes(':')) {
      const start = first.range.start + userinfo[0].indexOf(userinfo[1]);
      out.push(finding('REQUEST_LITERAL_SECRET', 'error', secretMessage('The user information in this URL'), { start, end: start + userinfo[1].length }));
    }
    for (const q of request.requestLine.query) {
      if (q.value === '') continue;
      if (secretShape(decodeQueryValue(literal(file, q.valueRange), 0).text, SECRET_NAME.test(q.name) || q.name === 'access_token')) {
        out.push(finding('REQUEST_LITERAL_SECRET', 'error', secretMessage(`The \`${q.name}\` query value`), q.valueRange));
      }
    }
  }
  for (const d of file.definitions) {
    if (secretShape(literal(file, d.valueRange), SECRET_NAME.test(d.name))) out.push(finding('REQUEST_LITERAL_SECRET', 'error', secretMessage(`The value of \`@${d.name}\``), d.valueRange));
  }
  return out;
}

/** Every finding of a parsed request file, sorted by position. Never throws. */
export function analyzeRequestFile(file: RequestFile, opts: RequestFileAnalysisOptions = {}): Finding[] {
  const catalog = opts.catalog ?? SchemaCatalog.standard();
  const out: Finding[] = [...file.errors];
  try {
    if (opts.apps) out.push(...appFindings(file, opts.apps), ...originFindings(file, opts.apps));
    out.push(...referenceFindings(file), ...definitionFindings(file), ...secretFindings(file));
    for (const request of file.requests) out.push(...queryFindings(request, catalog), ...bodyFindings(file, request, catalog));
  } catch (err) {
    out.push(finding('INTERNAL_ERROR', 'error', `The request-file rules failed: ${err instanceof Error ? err.message : String(err)}`, { start: 0, end: 0 }));
  }
  return sortFindings(out);
}
