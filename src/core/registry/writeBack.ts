// Write-back of probe observations (and user-confirmed promotions) into a registry file with minimal edits.
// jsonc-parser's `modify` reformats neighbouring properties when it formats, so edits are built here: only the
// replaced value or the inserted property changes; comments and formatting elsewhere stay byte-for-byte.
import { createScanner, type Node } from 'jsonc-parser';
import { applyEdits, type TextEdit } from '../findings';
import { LineIndex } from '../text';
import { atPath, childValue, duplicateKeyNodes, nodeRange, plainValue, Token } from './jsonText';
import type { JsonPath, Observation } from './model';
import { VERDICTS } from './model';
import { applicationNodes, parseDocument, type RegistryDocument } from './parse';
import { MAX_JSON_DEPTH } from '../jsonDepth';

export type WriteBackResult =
  | { ok: true; text: string; edits: TextEdit[] }
  | { ok: false; text: string; edits: TextEdit[]; error: string };

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Replaces (or adds) `observed.<probeName>` of the application `appId`; nothing else changes. */
export function updateObserved(text: string, appId: string, probeName: string, observation: Observation): WriteBackResult {
  if (!probeName) return fail(text, 'The probe name is empty.');
  if (typeof observation?.lastRun !== 'string' || !VERDICTS.includes(observation.verdict)) {
    return fail(text, `An observation needs "lastRun" (ISO date-time) and "verdict" (${VERDICTS.join(', ')}).`);
  }
  const ordered: Json = orderObservation(observation);
  return setAtPath(text, appId, ['observed', probeName], ordered);
}

/** Sets a declared field, e.g. `['pagination', 'maxPageSize']`, after the user confirmed the promotion. */
export function promoteObservation(text: string, appId: string, fieldPath: (string | number)[], value: unknown): WriteBackResult {
  if (fieldPath.length === 0) return fail(text, 'The field path is empty.');
  if (fieldPath[0] === 'id' || fieldPath[0] === 'observed') return fail(text, `"${String(fieldPath[0])}" cannot be set by promotion.`);
  if (!isJson(value)) return fail(text, 'The value to promote is not JSON (undefined, a function or a non-finite number).');
  return setAtPath(text, appId, fieldPath, value);
}

function orderObservation(o: Observation): Json {
  const out: { [key: string]: Json } = { lastRun: o.lastRun, verdict: o.verdict };
  if (o.summary !== undefined) out.summary = o.summary;
  if (o.durationMs !== undefined) out.durationMs = o.durationMs;
  if (o.figures !== undefined) out.figures = { ...o.figures };
  if (o.findingCodes !== undefined) out.findingCodes = [...o.findingCodes];
  if (o.toolVersion !== undefined) out.toolVersion = o.toolVersion;
  for (const [k, v] of Object.entries(o)) if (!(k in out) && isJson(v)) out[k] = v;
  return out;
}

function isJson(value: unknown): value is Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value === 'object') return Object.values(value as object).every(isJson);
  return false;
}

function fail(text: string, error: string): WriteBackResult {
  return { ok: false, text, edits: [], error };
}

function setAtPath(text: string, appId: string, relPath: JsonPath, value: Json): WriteBackResult {
  const doc = parseDocument(text);
  const lines = new LineIndex(text);
  const where = (offset: number): string => {
    const p = lines.positionAt(offset);
    return `line ${p.line + 1}, column ${p.character + 1}`;
  };
  if (doc.tooDeepAt !== undefined) return fail(text, `The registry nests more than ${MAX_JSON_DEPTH} levels deep at ${where(doc.tooDeepAt)}, so it cannot be read; fix it first.`);
  const matches = applicationNodes(doc).filter(({ node }) => childValue(node, 'id')?.value === appId);
  if (matches.length === 0) {
    const firstError = doc.syntaxErrors[0];
    if (firstError) return fail(text, `No application with id "${appId}" was found, and the file has a JSON syntax error at ${where(firstError.offset)}; fix it first.`);
    const ids = applicationNodes(doc).map(({ node }) => childValue(node, 'id')?.value).filter((v) => typeof v === 'string');
    return fail(text, `No application with id "${appId}" in this registry${ids.length ? ` (ids: ${ids.join(', ')})` : ''}.`);
  }
  if (matches.length > 1) return fail(text, `Several applications have the id "${appId}"; make the ids unique first.`);
  const app = matches[0]!;
  const appRange = nodeRange(app.node);
  const inside = doc.syntaxErrors.find((e) => e.offset >= appRange.start && e.offset <= appRange.end);
  if (inside) return fail(text, `The application "${appId}" has a JSON syntax error at ${where(inside.offset)}; fix it before writing to it.`);

  const style = detectStyle(text);
  const plan = planEdit(doc, app.node, relPath, value, style);
  if (typeof plan === 'string') return fail(text, plan);
  const newText = applyTextEdits(text, plan);
  return verify(doc, newText, app.index, relPath, value, plan);
}

/** Re-parses the result and refuses it unless the value landed and nothing else broke. */
function verify(before: RegistryDocument, newText: string, index: number, relPath: JsonPath, value: Json, edits: TextEdit[]): WriteBackResult {
  const after = parseDocument(newText);
  const landed = atPath(after.root, ['applications', index, ...relPath]);
  const ok =
    after.syntaxErrors.length <= before.syntaxErrors.length &&
    landed !== undefined &&
    JSON.stringify(plainValue(landed)) === JSON.stringify(value);
  if (!ok) return fail(before.text, 'Internal check failed: the edit would not produce the expected value; the file was left unchanged.');
  return { ok: true, text: newText, edits };
}

interface Style {
  indent: string;
  eol: string;
}

export function detectStyle(text: string): Style {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = '  ';
  let smallest = Infinity;
  for (const line of text.split(/\r?\n/)) {
    if (/^\t+\S/.test(line)) return { indent: '\t', eol };
    const spaces = /^( +)\S/.exec(line)?.[1]?.length;
    if (spaces !== undefined && spaces < smallest) smallest = spaces;
  }
  if (Number.isFinite(smallest)) indent = ' '.repeat(smallest);
  return { indent, eol };
}

function lineIndentAt(text: string, offset: number): string {
  const lineStart = Math.max(text.lastIndexOf('\n', offset - 1) + 1, 0);
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
}

function formatValue(value: Json, baseIndent: string, style: Style): string {
  const raw = JSON.stringify(value, null, style.indent);
  return raw.split('\n').join(style.eol + baseIndent);
}

function planEdit(doc: RegistryDocument, appNode: Node, relPath: JsonPath, value: Json, style: Style): TextEdit[] | string {
  let node = appNode;
  const text = doc.text;
  for (let i = 0; i < relPath.length; i++) {
    const segment = relPath[i]!;
    const rest = relPath.slice(i + 1);
    const label = relPath.slice(0, i).join('.') || 'the application';
    if (typeof segment === 'number') {
      if (node.type !== 'array') return `${label} is not an array.`;
      const child = node.children?.[segment];
      if (!child) return `${label} has no item ${segment}.`;
      node = child;
      continue;
    }
    if (node.type !== 'object') {
      const kind = node.type === 'null' ? 'null' : node.type === 'array' ? 'an array' : `a ${node.type}`;
      return `${label} is ${kind}, not an object; cannot set ${relPath.join('.')}.`;
    }
    // With a repeated key, which one a reader uses is undefined; writing either could hide the change.
    const repeated = duplicateKeyNodes(node).find((k) => k.value === segment || (i === 0 && k.value === 'id'));
    if (repeated) return `${label} has the key "${String(repeated.value)}" twice; remove the duplicate first.`;
    const child = childValue(node, segment);
    if (!child) {
      if (rest.some((s) => typeof s === 'number')) return `${[...relPath.slice(0, i + 1)].join('.')} does not exist.`;
      let nested: Json = value;
      for (const key of [...rest].reverse()) nested = { [String(key)]: nested };
      return insertProperty(text, node, segment, nested, style);
    }
    node = child;
  }
  const baseIndent = lineIndentAt(text, node.parent?.offset ?? node.offset);
  return [{ range: nodeRange(node), newText: formatValue(value, baseIndent, style) }];
}

/** Adds `"key": value` as the last property of an object, after any comment that ends the previous line. */
function insertProperty(text: string, objectNode: Node, key: string, value: Json, style: Style): TextEdit[] {
  const props = objectNode.children ?? [];
  const open = objectNode.offset;
  const close = objectNode.offset + objectNode.length - 1;
  const last = props[props.length - 1];
  // An empty `{}` inside a multi-line object grows into a block; a one-line object stays on one line.
  const container = objectNode.parent?.type === 'property' ? objectNode.parent.parent : objectNode.parent;
  const containerMultiLine = container !== undefined && /[\r\n]/.test(text.slice(container.offset, container.offset + container.length));
  const singleLine = !/[\r\n]/.test(text.slice(open, close)) && (last !== undefined || !containerMultiLine);
  if (singleLine) {
    const entry = `${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    if (!last) return [{ range: { start: open + 1, end: close }, newText: ` ${entry} ` }];
    const after = tokenAfter(text, last.offset + last.length);
    if (after.kind === Token.Comma) return [{ range: { start: after.end, end: after.end }, newText: ` ${entry}` }];
    return [{ range: { start: last.offset + last.length, end: last.offset + last.length }, newText: `, ${entry}` }];
  }
  if (!last) {
    const outer = lineIndentAt(text, open);
    const inner = outer + style.indent;
    const entry = `${JSON.stringify(key)}: ${formatValue(value, inner, style)}`;
    return [{ range: { start: open + 1, end: close }, newText: `${style.eol}${inner}${entry}${style.eol}${outer}` }];
  }
  const indent = lineIndentAt(text, last.offset);
  const entry = `${JSON.stringify(key)}: ${formatValue(value, indent, style)}`;
  const lastEnd = last.offset + last.length;
  const after = tokenAfter(text, lastEnd);
  const edits: TextEdit[] = [];
  let anchor = lastEnd;
  if (after.kind === Token.Comma) anchor = after.end;
  else edits.push({ range: { start: lastEnd, end: lastEnd }, newText: ',' });
  // Keep a trailing `// comment` with the property it describes: insert after the end of that line.
  const lineEnd = endOfLineIfOnlyTrivia(text, anchor);
  const at = lineEnd ?? anchor;
  edits.push({ range: { start: at, end: at }, newText: `${style.eol}${indent}${entry}` });
  return edits;
}

function tokenAfter(text: string, offset: number): { kind: number; end: number } {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  let kind = scanner.scan();
  while (kind === Token.Trivia || kind === Token.LineBreak || kind === Token.LineComment || kind === Token.BlockComment) {
    kind = scanner.scan();
  }
  return { kind, end: scanner.getTokenOffset() + scanner.getTokenLength() };
}

/** The offset of the line break after `offset` when only whitespace and comments lie between; else undefined. */
function endOfLineIfOnlyTrivia(text: string, offset: number): number | undefined {
  const scanner = createScanner(text, false);
  scanner.setPosition(offset);
  for (;;) {
    const kind = scanner.scan();
    if (kind === Token.Trivia || kind === Token.LineComment) continue;
    if (kind === Token.BlockComment && !/[\r\n]/.test(scanner.getTokenValue())) continue;
    if (kind === Token.LineBreak) return scanner.getTokenOffset();
    return undefined;
  }
}

/** Kept under this name for callers of the registry API. */
export const applyTextEdits = applyEdits;
