// Completion inside filter text (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2), on the decoded string: what may
// come next after the tokens before the cursor. A small state machine over the lexer's tokens is enough here
// and, unlike the parser, it works on the incomplete text the user is typing.
import { COMPARE_OPS, tokenizeFilter, type Token } from '../filter';
import type { SchemaCatalog } from '../scim/catalog';
import type { AttributeDefinition } from '../scim/types';
import type { OffsetRange } from '../text';
import { attributeSummary } from './attributeDocs';
import { pathCandidates, subAttributeCandidates } from './candidates';
import { snippetLiteral } from './jsonStringText';
import type { PayloadCompletionItem } from './types';

/** A completion inside a string, before it is mapped into the document: `range` is in decoded-string offsets. */
export type TextCompletion = PayloadCompletionItem;

type State = 'attr' | 'op' | 'value' | 'logic' | 'afterBracket';

const OPERATOR_DOCS: Record<string, string> = {
  eq: 'equal', ne: 'not equal', co: 'contains', sw: 'starts with', ew: 'ends with',
  gt: 'greater than', ge: 'greater than or equal to', lt: 'less than', le: 'less than or equal to', pr: 'present (has a value)',
};

interface Scan {
  state: State;
  /** The attribute path before the operator (for value suggestions). */
  lastAttr?: string;
  /** Attribute paths of the open `[` brackets, innermost last. */
  brackets: string[];
}

function isWord(t: Token, ...words: string[]): boolean {
  return t.kind === 'word' && words.includes(t.text.toLowerCase());
}

function scan(tokens: Token[], start: State): Scan {
  const s: Scan = { state: start, brackets: [] };
  let prevAttr: string | undefined;
  for (const t of tokens) {
    switch (s.state) {
      case 'attr':
        if (isWord(t, 'not') || t.kind === 'lparen') break;
        if (t.kind === 'word') {
          s.state = 'op';
          s.lastAttr = t.text;
          prevAttr = t.text;
        }
        break;
      case 'op':
        if (t.kind === 'lbracket') {
          s.brackets.push(prevAttr ?? '');
          s.state = 'attr';
        } else if (isWord(t, 'pr')) s.state = 'logic';
        else if (t.kind === 'word' && (COMPARE_OPS as readonly string[]).includes(t.text.toLowerCase())) s.state = 'value';
        break;
      case 'value':
        s.state = 'logic';
        break;
      case 'logic':
      case 'afterBracket':
        if (isWord(t, 'and', 'or')) s.state = 'attr';
        else if (t.kind === 'rbracket') {
          s.brackets.pop();
          s.state = 'afterBracket';
        } else if (t.kind === 'word' && s.state === 'afterBracket' && t.text.startsWith('.')) s.state = 'logic';
        break;
    }
  }
  return s;
}

function fullAttrPath(s: Scan): string | undefined {
  const inner = s.lastAttr;
  if (inner === undefined) return undefined;
  const parent = s.brackets[s.brackets.length - 1];
  return parent ? `${parent}.${inner}` : inner;
}

function quoteChoices(values: readonly string[]): string {
  return `"\${1|${values.map((v) => v.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}"`;
}

function attributeItems(schemas: readonly string[], catalog: SchemaCatalog, range: OffsetRange, typed: string, parent: string | undefined, mode: 'filter' | 'patchPath'): TextCompletion[] {
  const items: TextCompletion[] = [];
  if (parent !== undefined) {
    for (const a of subAttributeCandidates(parent, schemas, catalog)) {
      items.push({ label: a.name, kind: 'property', detail: attributeSummary(a), documentation: a.description, insertText: a.name, range, sortText: `0${a.name}` });
    }
    return items;
  }
  const urnTyped = typed.toLowerCase().startsWith('urn:');
  for (const c of pathCandidates(schemas, catalog)) {
    const prefixed = c.path !== c.label;
    items.push({
      label: c.label,
      kind: 'property',
      detail: `${attributeSummary(c.attribute)}${prefixed ? ' · extension' : ''}`,
      documentation: c.attribute.description,
      insertText: c.path,
      range,
      filterText: urnTyped ? c.path : c.label,
      sortText: `${c.nested ? 1 : 0}${prefixed ? 1 : 0}${c.label}`,
    });
    if (mode === 'patchPath' && c.attribute.multiValued && c.attribute.type === 'complex' && !c.nested) {
      items.push(...valuePathSkeletons(c.path, c.label, c.attribute, range, urnTyped));
    }
  }
  return items;
}

/** `emails[type eq "work"].value` and `members[value eq "..."]`: the filtered paths IdPs send. */
function valuePathSkeletons(path: string, label: string, a: AttributeDefinition, range: OffsetRange, urnTyped: boolean): TextCompletion[] {
  const subs = a.subAttributes ?? [];
  const type = subs.find((s) => s.name === 'type');
  const out: TextCompletion[] = [];
  const p = snippetLiteral(path);
  const filterText = urnTyped ? path : label;
  if (type?.canonicalValues?.length) {
    out.push({
      label: `${label}[type eq "…"].value`,
      kind: 'snippet',
      detail: `filtered path: the ${label} value of one type`,
      insertText: `${p}[type eq ${quoteChoices(type.canonicalValues)}].\${2:value}`,
      snippet: true,
      range,
      filterText,
      sortText: `2${label}`,
    });
  }
  if (subs.some((s) => s.name === 'value')) {
    out.push({
      label: `${label}[value eq "…"]`,
      kind: 'snippet',
      detail: `filtered path: one ${label} entry by value`,
      insertText: `${p}[value eq "\${1}"]`,
      snippet: true,
      range,
      filterText,
      sortText: `2${label}~`,
    });
  }
  return out;
}

function valueItems(attrPath: string | undefined, schemas: readonly string[], catalog: SchemaCatalog, range: OffsetRange): TextCompletion[] {
  const r = attrPath ? catalog.resolveAttribute(attrPath, { schemas }) : undefined;
  const a = r?.attribute;
  if (!a) return [];
  if (a.type === 'boolean') return ['true', 'false'].map((v) => ({ label: v, kind: 'value' as const, insertText: v, range }));
  return (a.canonicalValues ?? []).map((v) => ({ label: `"${v}"`, kind: 'enum' as const, detail: `canonical ${a.name}`, insertText: JSON.stringify(v), range }));
}

/**
 * Completions at `cursor` in `text` (a filter, or a PATCH path when `mode` is 'patchPath'). `schemas` are the
 * resource schemas attribute names resolve against.
 */
export function completeFilterText(text: string, cursor: number, mode: 'filter' | 'patchPath', schemas: readonly string[], catalog: SchemaCatalog): TextCompletion[] {
  const tokens = tokenizeFilter(text.slice(0, cursor)).filter((t) => t.kind !== 'eof');
  const last = tokens[tokens.length - 1];
  let range: OffsetRange = { start: cursor, end: cursor };
  let typed = '';
  let before = tokens;
  if (last && last.range.end === cursor && (last.kind === 'word' || last.kind === 'string' || last.kind === 'number')) {
    range = { start: last.range.start, end: cursor };
    typed = last.text;
    before = tokens.slice(0, -1);
    // Extend over the rest of the word after the cursor, so accepting replaces the whole name.
    const after = /^[\w.:$-]*/.exec(text.slice(cursor))?.[0] ?? '';
    if (last.kind === 'word') range.end = cursor + after.length;
  }
  const s = scan(before, mode === 'patchPath' ? 'attr' : 'attr');
  const parent = s.brackets[s.brackets.length - 1];
  switch (s.state) {
    case 'attr': {
      const items = attributeItems(schemas, catalog, range, typed, parent, parent === undefined ? mode : 'filter');
      if (mode === 'filter' || parent !== undefined) items.push({ label: 'not', kind: 'keyword', detail: 'not (filter)', insertText: 'not (${1})', snippet: true, range, sortText: '9not' });
      return items;
    }
    case 'op': {
      if (mode === 'patchPath' && parent === undefined) return [];
      const ops = [...COMPARE_OPS, 'pr'];
      return ops.map((op, i) => ({ label: op, kind: 'operator' as const, detail: OPERATOR_DOCS[op], insertText: op === 'pr' ? 'pr' : `${op} `, range, sortText: String(i).padStart(2, '0') }));
    }
    case 'value':
      return valueItems(fullAttrPath(s), schemas, catalog, range);
    case 'logic':
      if (mode === 'patchPath' && parent === undefined) return [];
      return ['and', 'or'].map((w) => ({ label: w, kind: 'keyword' as const, insertText: `${w} `, range }));
    case 'afterBracket': {
      if (mode !== 'patchPath') return ['and', 'or'].map((w) => ({ label: w, kind: 'keyword' as const, insertText: `${w} `, range }));
      // `emails[type eq "work"].` -> the sub-attributes of emails.
      const target = s.lastAttr === undefined ? undefined : findBracketAttr(before);
      if (!target) return [];
      return subAttributeCandidates(target, schemas, catalog).map((a) => ({
        label: `.${a.name}`, kind: 'property' as const, detail: attributeSummary(a), documentation: a.description, insertText: `.${a.name}`, range, filterText: `.${a.name}`,
      }));
    }
  }
}

/** The attribute path written before the first top-level `[` of a PATCH path. */
function findBracketAttr(tokens: Token[]): string | undefined {
  const i = tokens.findIndex((t) => t.kind === 'lbracket');
  const prev = i > 0 ? tokens[i - 1] : undefined;
  return prev?.kind === 'word' ? prev.text : undefined;
}
