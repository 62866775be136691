// Turns one parsed request and a context (its application, the file's last response, a way to prompt) into the
// concrete request the HTTP engine sends: `{ method, url, headers, body }`. Never throws; every problem is a
// finding located at the reference or line that caused it.
import { randomUUID } from 'node:crypto';
import type { Finding } from '../findings';
import type { RedactableSecret } from '../registry/secrets';
import { substituteBody } from './body';
import { parseResponsePath, responseValue } from './lastResponse';
import type { ParsedRequest, RequestFile, ResponseSnapshot, VariableDefinition, VariableRef } from './model';
import { otherOriginProblem } from './origin';
import { encodeUrlText } from './query';
import { builtinArgumentProblem, builtinName, refsWithin } from './variables';

export interface ResolveContext {
  /** The registry application the request goes to. */
  app: { id: string; baseUrl: string };
  /** The most recent response received for this file. */
  lastResponse?: ResponseSnapshot;
  /** Asks the user for a `{{$prompt label}}` value; undefined means the user cancelled. */
  prompt?: (label: string, options: { password: boolean }) => Promise<string | undefined>;
  /**
   * Values of file variables already computed, by name. Pass the same map to every request of one run (e.g.
   * "Send all") so `@user = scimwb-{{$uuid}}` means one user across the run; without it, each request computes
   * its own.
   */
  memo?: Map<string, string>;
  /** Clock (ms since the epoch), randomness and UUIDs; injectable for tests. */
  now?: () => number;
  random?: () => number;
  uuid?: () => string;
}

export interface ResolvedRequest {
  method: string;
  /** Absolute, percent-encoded. */
  url: string;
  /** As written (first spelling of each name); a repeated header's values joined with ", ". */
  headers: Record<string, string>;
  /** As sent: variables substituted, comment lines removed. Absent when the request has no body. */
  body?: string;
  /** The text after `###`. */
  name?: string;
  /** Values typed into password-like prompts: pass them to `redact` for transcripts and history. */
  secrets: RedactableSecret[];
}

export type ResolveOutcome =
  | { ok: true; request: ResolvedRequest }
  | { ok: false; cancelled: boolean; errors: Finding[] };

const BLOCKING = new Set(['REQUEST_LINE_MALFORMED', 'REQUEST_HEADER_MALFORMED', 'REQUEST_VARIABLE_INVALID']);
/** Definitions built from definitions, at most this deep: deeper is a mistake, and would exhaust the stack. */
const MAX_NESTING = 64;
const PASSWORD_LABEL = /pass|secret|token|key|credential/i;

class Cancelled extends Error {}

class Evaluator {
  readonly errors: Finding[] = [];
  readonly secrets: RedactableSecret[] = [];
  private readonly prompted = new Map<string, string>();
  private readonly local = new Map<string, string>();

  constructor(private readonly file: RequestFile, private readonly ctx: ResolveContext) {}

  private fail(code: string, message: string, ref: VariableRef): undefined {
    this.errors.push({ code, severity: 'error', message, range: ref.range });
    return undefined;
  }

  /** The value of one reference, or undefined after recording why there is none. */
  async value(ref: VariableRef, stack: readonly string[] = []): Promise<string | undefined> {
    switch (ref.kind) {
      case 'invalid':
        return this.fail('REQUEST_VARIABLE_INVALID', `\`{{${ref.expression}}}\` is not a reference.`, ref);
      case 'app':
        if (ref.name === 'baseUrl') return this.ctx.app.baseUrl.replace(/\/+$/, '');
        if (ref.name === 'id') return this.ctx.app.id;
        return this.fail('REQUEST_UNKNOWN_VARIABLE', `Unknown variable \`{{${ref.expression}}}\` (use app.baseUrl or app.id).`, ref);
      case 'lastResponse': {
        const parsed = parseResponsePath(ref.name);
        if ('error' in parsed) return this.fail('REQUEST_VARIABLE_INVALID', parsed.error, ref);
        if (!this.ctx.lastResponse) return this.fail('REQUEST_VARIABLE_UNRESOLVED', `\`{{${ref.expression}}}\` needs a previous response in this file: send the request that produces it first.`, ref);
        const r = responseValue(this.ctx.lastResponse, parsed.path, ref.expression);
        return 'error' in r ? this.fail('REQUEST_VARIABLE_UNRESOLVED', r.error, ref) : r.value;
      }
      case 'builtin':
        return this.builtin(ref);
      case 'definition':
        return this.definition(ref, stack);
    }
  }

  private async builtin(ref: VariableRef): Promise<string | undefined> {
    const name = builtinName(ref.name);
    if (!name) return this.fail('REQUEST_UNKNOWN_VARIABLE', `Unknown built-in \`${ref.name}\`.`, ref);
    const problem = builtinArgumentProblem(ref);
    if (problem) return this.fail('REQUEST_VARIABLE_INVALID', problem, ref);
    switch (name) {
      case '$uuid':
        return (this.ctx.uuid ?? randomUUID)();
      case '$timestamp':
        return String(Math.floor((this.ctx.now ?? Date.now)() / 1000));
      case '$randomInt': {
        const min = Number(ref.args[0]);
        const max = Number(ref.args[1]);
        return String(min + Math.floor((this.ctx.random ?? Math.random)() * (max - min)));
      }
      default: {
        const label = ref.args[0] ?? 'value';
        const known = this.prompted.get(label);
        if (known !== undefined) return known;
        if (!this.ctx.prompt) return this.fail('REQUEST_VARIABLE_UNRESOLVED', `\`{{$prompt ${label}}}\` needs someone to ask: run it from the editor.`, ref);
        const password = PASSWORD_LABEL.test(label);
        const answer = await this.ctx.prompt(label, { password });
        if (answer === undefined) throw new Cancelled();
        this.prompted.set(label, answer);
        if (password && answer !== '') this.secrets.push({ name: `prompt:${label}`, value: answer });
        return answer;
      }
    }
  }

  private async definition(ref: VariableRef, stack: readonly string[]): Promise<string | undefined> {
    const def = this.file.definitions.find((d) => d.name === ref.name);
    if (!def) return this.fail('REQUEST_UNKNOWN_VARIABLE', `Unknown variable \`{{${ref.name}}}\`: define it with \`@${ref.name} = value\`.`, ref);
    const known = this.ctx.memo?.get(def.name) ?? this.local.get(def.name);
    if (known !== undefined) return known;
    if (stack.includes(def.name)) return this.fail('REQUEST_VARIABLE_INVALID', `\`@${def.name}\` refers to itself (${[...stack, def.name].join(' → ')}).`, ref);
    if (stack.length >= MAX_NESTING) return this.fail('REQUEST_VARIABLE_INVALID', `File variables nest more than ${MAX_NESTING} deep here (\`@${def.name}\`).`, ref);
    const value = await this.substitute(def, [...stack, def.name]);
    if (value === undefined) return undefined;
    this.local.set(def.name, value);
    this.ctx.memo?.set(def.name, value);
    return value;
  }

  private async substitute(def: VariableDefinition, stack: readonly string[]): Promise<string | undefined> {
    let out = '';
    let at = def.valueRange.start;
    let ok = true;
    for (const ref of this.refsIn(def.valueRange.start, def.valueRange.end)) {
      const v = await this.value(ref, stack);
      if (v === undefined) ok = false;
      out += this.file.text.slice(at, ref.range.start) + (v ?? '');
      at = ref.range.end;
    }
    return ok ? out + this.file.text.slice(at, def.valueRange.end) : undefined;
  }

  refsIn(start: number, end: number): VariableRef[] {
    return refsWithin(this.file.variables, { start, end });
  }

  async values(refs: readonly VariableRef[]): Promise<Map<VariableRef, string>> {
    const out = new Map<VariableRef, string>();
    for (const ref of refs) {
      const v = await this.value(ref);
      if (v !== undefined) out.set(ref, v);
    }
    return out;
  }
}

function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return encodeUrlText(value); // a lone surrogate: encodeUrlText replaces it
  }
}

function buildUrl(file: RequestFile, request: ParsedRequest, values: ReadonlyMap<VariableRef, string>, ctx: ResolveContext, errors: Finding[]): string | undefined {
  const line = request.requestLine;
  const first = line.targetParts[0];
  let target = '';
  for (const part of line.targetParts) {
    let at = part.range.start;
    for (const ref of refsWithin(file.variables, part.range)) {
      const v = values.get(ref) ?? '';
      // A reference that starts the target is a base URL or path prefix; elsewhere its value is data.
      target += file.text.slice(at, ref.range.start) + (ref.range.start === first?.range.start ? v : encodeComponent(v));
      at = ref.range.end;
    }
    target += file.text.slice(at, part.range.end);
  }
  target = encodeUrlText(target);
  // A written `+` in the query means a space (as a form-decoding server reads it, and as the diagnostics read it);
  // sent as %20, which every server reads the same way (some read a raw `+` literally). Values are already encoded.
  const q = target.indexOf('?');
  if (q >= 0) target = target.slice(0, q) + target.slice(q).replace(/\+/g, '%20');
  let url: string;
  if (target.startsWith('/')) url = ctx.app.baseUrl.replace(/\/+$/, '') + target;
  else if (/^https?:\/\//i.test(target)) url = target;
  else {
    errors.push({ code: 'REQUEST_LINE_MALFORMED', severity: 'error', message: `The target resolves to \`${target.slice(0, 80)}\`, which is neither a path starting with \`/\` nor an http(s) URL.`, range: line.targetRange });
    return undefined;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    errors.push({ code: 'REQUEST_LINE_MALFORMED', severity: 'error', message: `\`${url.slice(0, 120)}\` is not a valid URL (check the application's baseUrl).`, range: line.targetRange });
    return undefined;
  }
  const problem = otherOriginProblem(parsed.origin, ctx.app);
  if (problem) {
    errors.push({ code: 'REQUEST_OTHER_ORIGIN', severity: 'error', message: problem, range: line.targetRange });
    return undefined;
  }
  return parsed.href;
}

/** Resolves `request` of `file` for sending. */
export async function resolveRequest(file: RequestFile, request: ParsedRequest, ctx: ResolveContext): Promise<ResolveOutcome> {
  const within = (f: Finding): boolean => f.range.start >= request.range.start && f.range.end <= request.range.end;
  const blocking = file.errors.filter((f) => BLOCKING.has(f.code) && within(f));
  if (blocking.length > 0) return { ok: false, cancelled: false, errors: blocking };
  const ev = new Evaluator(file, ctx);
  const line = request.requestLine;
  const bodyRange = request.body?.range;
  try {
    const refs = [
      ...ev.refsIn(line.targetRange.start, line.targetRange.end),
      ...request.headers.flatMap((h) => ev.refsIn(h.valueRange.start, h.valueRange.end)),
      ...(bodyRange ? ev.refsIn(bodyRange.start, bodyRange.end) : []),
    ];
    const values = await ev.values(refs);
    const errors = [...ev.errors];
    const url = buildUrl(file, request, values, ctx, errors);
    if (errors.length > 0 || url === undefined) return { ok: false, cancelled: false, errors };
    const headers: Record<string, string> = {};
    const names = new Map<string, string>();
    for (const h of request.headers) {
      let value = '';
      let at = h.valueRange.start;
      for (const ref of ev.refsIn(h.valueRange.start, h.valueRange.end)) {
        value += file.text.slice(at, ref.range.start) + (values.get(ref) ?? '');
        at = ref.range.end;
      }
      value += file.text.slice(at, h.valueRange.end);
      const key = names.get(h.name.toLowerCase()) ?? h.name;
      names.set(h.name.toLowerCase(), key);
      headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
    }
    const resolved: ResolvedRequest = { method: line.method, url, headers, secrets: ev.secrets };
    if (request.body) resolved.body = substituteBody(file, request.body, values);
    if (request.name !== undefined) resolved.name = request.name;
    return { ok: true, request: resolved };
  } catch (err) {
    if (err instanceof Cancelled) return { ok: false, cancelled: true, errors: [] };
    return { ok: false, cancelled: false, errors: [{ code: 'REQUEST_VARIABLE_UNRESOLVED', severity: 'error', message: `Could not resolve the request: ${err instanceof Error ? err.message : String(err)}`, range: line.range }] };
  }
}
