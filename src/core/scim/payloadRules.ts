// analyzePayload: what a SCIM JSON document is and what is wrong with it. Fast on big documents: the text is
// parsed with JSON.parse (jsonc-parser only when that fails: comments or syntax errors), rules run on the
// value, and only the nodes that carry findings are located in the text afterwards (see payloadLocate).
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { sortFindings, type Finding } from '../findings';
import { MAX_JSON_DEPTH, excessiveNestingAt } from '../jsonDepth';
import { SchemaCatalog } from './catalog';
import { locatePaths, type JsonPath } from './payloadLocate';
import { Resolver, pathsOf } from './payloadFixes';
import { RuleContext, isObject, type Json, type JsonObject, type PayloadKind, type PayloadOptions } from './payloadModel';
import { checkSchemasMember, guessDirection, kindFromContent, kindFromSchemas, schemaUrnsOf, URN_BY_KIND } from './payloadRulesKind';
import { checkBulk, checkError, checkListResponse, checkSearchRequest } from './payloadRulesMessages';
import { checkPatchOp } from './payloadRulesPatch';
import { checkResource } from './payloadRulesResource';

export type { PayloadKind, PayloadOptions, Direction } from './payloadModel';

export interface PayloadAnalysis {
  kind: PayloadKind;
  findings: Finding[];
}

type Parsed = { ok: true; value: Json } | { ok: false; findings: Finding[]; value: Json | undefined };

function parseText(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Json };
  } catch {
    // jsonc-parser recurses per level: a broken document nested thousands deep would exhaust the stack.
    const deep = excessiveNestingAt(text);
    if (deep >= 0) return { ok: false, findings: [tooDeep(deep)], value: undefined };
    const errors: ParseError[] = [];
    const value = parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false, allowEmptyContent: false }) as Json | undefined;
    if (errors.length === 0) return { ok: true, value: value ?? null };
    // One slip often yields two errors at one offset (a trailing comma: "property name expected" and "value
    // expected"); the first says it.
    const firstAt = errors.filter((e, i) => errors.findIndex((o) => o.offset === e.offset) === i);
    const findings = firstAt.map<Finding>((e) => ({
      code: 'SCIM_JSON_SYNTAX',
      severity: 'error',
      message: `Invalid JSON: ${describeJsonError(printParseErrorCode(e.error))}.`,
      range: { start: Math.min(e.offset, text.length), end: Math.min(text.length, e.offset + Math.max(e.length, 1)) },
    }));
    return { ok: false, findings, value };
  }
}

function tooDeep(offset: number): Finding {
  return {
    code: 'SCIM_JSON_TOO_DEEP',
    severity: 'warning',
    message: `Not analysed: this JSON is not valid and nests more than ${MAX_JSON_DEPTH} levels deep (here); SCIM checks are skipped for the document.`,
    range: { start: offset, end: offset + 1 },
  };
}

function describeJsonError(code: string): string {
  // printParseErrorCode gives e.g. "PropertyNameExpected": spell it out for humans.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const kindMemo = new WeakMap<RuleContext, Map<string, PayloadKind | null>>();

function nested(ctx: RuleContext, doc: JsonObject, path: JsonPath, direction: 'request' | 'response', expected?: PayloadKind, lenientSchemas?: boolean): void {
  dispatch(ctx, doc, path, direction, expected, lenientSchemas);
}

const kindByUrnArray = new WeakMap<readonly string[], PayloadKind | null>();

function kindOfUrns(ctx: RuleContext, urns: readonly string[]): PayloadKind | null {
  const known = kindByUrnArray.get(urns);
  if (known !== undefined) return known;
  const sig = urns.join('\n');
  let m = kindMemo.get(ctx);
  if (!m) kindMemo.set(ctx, (m = new Map()));
  let kind = m.get(sig);
  if (kind === undefined) {
    kind = kindFromSchemas(urns, ctx.catalog) ?? null;
    m.set(sig, kind);
  }
  kindByUrnArray.set(urns, kind);
  return kind;
}

function dispatch(ctx: RuleContext, doc: JsonObject, path: JsonPath, direction: 'request' | 'response' | 'unknown', expected?: PayloadKind, lenientSchemas = false): PayloadKind {
  // The resources of a list page almost always repeat the previous one's `schemas`: reuse its URN array (the
  // resource rules key their per-shape cache on it) and kind instead of rebuilding both per resource.
  const urns = ctx.sameUrnsAsLast(doc) ?? ctx.rememberUrns(schemaUrnsOf(doc));
  const fromSchemas = kindOfUrns(ctx, urns);
  const kind = fromSchemas ?? (urns.length === 0 ? (expected ?? kindFromContent(doc)) : 'unknown');
  checkSchemasMember(ctx, doc, path, kind, lenientSchemas ? 'warning' : 'error');
  const dir = guessDirection(doc, kind, direction);
  switch (kind) {
    case 'patchOp':
      checkPatchOp(ctx, doc, path);
      break;
    case 'listResponse':
      checkListResponse(ctx, doc, path, nested);
      break;
    case 'error':
      checkError(ctx, doc, path);
      break;
    case 'bulkRequest':
    case 'bulkResponse':
      checkBulk(ctx, doc, path, kind === 'bulkResponse', nested);
      break;
    case 'searchRequest':
      checkSearchRequest(ctx, doc, path);
      break;
    case 'unknown':
      break;
    default: {
      // Resources: with `schemas` missing, check against the inferred kind's schema so the rest still helps.
      const effective = urns.length > 0 ? urns : [URN_BY_KIND[kind] ?? ''].filter((u) => u !== '');
      checkResource(ctx, doc, path, effective, dir);
    }
  }
  return kind;
}

/**
 * Lints one SCIM JSON/JSONC document. Never throws: unexpected input yields findings, and an internal error
 * yields an INTERNAL_ERROR finding rather than a crash.
 */
export function analyzePayload(text: string, opts: PayloadOptions = {}): PayloadAnalysis {
  const { kind, findings } = analyzePayloadValue(text, opts);
  return { kind, findings };
}

/** analyzePayload, plus the parsed document when it parsed without errors (the incremental session needs it). */
export function analyzePayloadValue(text: string, opts: PayloadOptions = {}): PayloadAnalysis & { value?: Json } {
  const parsed = parseText(text);
  const catalog = opts.catalog ?? SchemaCatalog.standard();
  if (!parsed.ok) {
    const v = parsed.value;
    const kind = isObject(v) ? (kindFromSchemas(schemaUrnsOf(v), catalog) ?? kindFromContent(v)) : 'unknown';
    return { kind, findings: parsed.findings };
  }
  const value = parsed.value;
  // RFC 7643 §8.6 and §8.7 show discovery documents as a bare array (a /ResourceTypes or /Schemas dump).
  const documents = Array.isArray(value) && value.length > 0 && value.every(isObject) ? (value as JsonObject[]) : undefined;
  if (!isObject(value) && !documents) {
    const end = text.length;
    return {
      kind: 'unknown',
      findings: [{ code: 'ATTRIBUTE_TYPE', severity: 'error', message: `A SCIM document is a JSON object, found ${Array.isArray(value) ? 'an array' : typeof value}.`, range: { start: 0, end } }],
    };
  }
  const ctx = new RuleContext(catalog, opts);
  let kind: PayloadKind;
  try {
    if (documents) {
      const kinds = documents.map((d, i) => dispatch(ctx, d, [i], opts.direction ?? 'unknown'));
      kind = kinds.every((k) => k === kinds[0]) ? (kinds[0] ?? 'unknown') : 'unknown';
    } else {
      kind = dispatch(ctx, value as JsonObject, [], opts.direction ?? 'unknown');
    }
  } catch (err) {
    return {
      kind: 'unknown',
      findings: [{ code: 'INTERNAL_ERROR', severity: 'error', message: `The payload rules failed: ${(err as Error).message}`, range: { start: 0, end: 0 } }],
    };
  }
  if (ctx.findings.length === 0 && ctx.inner.length === 0) return { kind, findings: [], value };
  return { kind, findings: sortFindings(resolveFindings(text, ctx)), value };
}

/** The rules' path-addressed findings as offset findings in `text` (in report order, inner ones last). */
export function resolveFindings(text: string, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  if (ctx.findings.length === 0 && ctx.inner.length === 0) return findings;
  const resolver = new Resolver(text, locatePaths(text, pathsOf(ctx.findings, ctx.inner)));
  for (const p of ctx.findings) {
    const f = resolver.finding(p);
    if (f) findings.push(f);
  }
  for (const { path, findings: inner } of ctx.inner) {
    const loc = resolver.loc(path);
    if (!loc) continue;
    for (const f of inner) {
      const shifted: Finding = { ...f, range: resolver.innerRange(loc.value, f.range) };
      if (f.fixes) {
        shifted.fixes = f.fixes.map((fix) => ({
          ...fix,
          // Inner fix texts are filter text: re-escape them for the JSON string they land in.
          edits: fix.edits.map((e) => ({ range: resolver.innerRange(loc.value, e.range), newText: JSON.stringify(e.newText).slice(1, -1) })),
        }));
      }
      findings.push(shifted);
    }
  }
  return findings;
}

/** Checks one resource of a ListResponse's `Resources` as the full analysis does (for incremental re-checks). */
export function checkListResource(ctx: RuleContext, resource: JsonObject): void {
  nested(ctx, resource, [], 'response', undefined, true);
}
