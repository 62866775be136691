// Recursive-descent parser for RFC 7644 §3.4.2.2 filters and §3.5.2 PATCH paths. It runs on every keystroke,
// so it never throws: each problem becomes a ParseError with a range and what was expected, and the parser
// skips to the next `and`/`or`/closer to keep reporting. Precedence: not > and > or, left-associative.
import type { OffsetRange } from '../text';
import type {
  AttrPath,
  CompareOp,
  FilterNode,
  FilterParseResult,
  Literal,
  ParseError,
  PatchPath,
  PatchPathParseResult,
} from './ast';
import { COMPARE_OPS } from './ast';
import { Lexer, type Token } from './lexer';

/** Deeper nesting than this is reported instead of parsed, so hostile input cannot exhaust the stack. */
export const MAX_DEPTH = 100;
const MAX_ERRORS = 20;

const TERM_START = ['attribute path', "'('", "'not'"];
const COMPARE_EXPECTED = [...COMPARE_OPS, 'pr'];
const VALUE_EXPECTED = ['string', 'number', 'true', 'false', 'null'];

/** RFC 7644 ATTRNAME (ALPHA *(ALPHA / DIGIT / "_" / "-")), plus `$ref`; a loop, as this runs per token. */
function isAttrName(s: string): boolean {
  if (s === '$ref') return true;
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const ch = s.charCodeAt(i);
    const folded = ch | 0x20; // A-Z onto a-z
    const letter = folded >= 97 && folded <= 122;
    if (letter) continue;
    if (i === 0) return false;
    if (!(ch >= 48 && ch <= 57) && ch !== 95 /* _ */ && ch !== 45 /* - */) return false;
  }
  return true;
}

type Context = 'top' | 'paren' | 'bracket';

/**
 * The operator a two-letter word names, case-insensitively (`pr` included), read from its character codes: this
 * runs after every attribute path, and lower-casing plus a lookup cost more than the parse around it.
 */
function operatorOf(text: string): CompareOp | 'pr' | undefined {
  if (text.length !== 2) return undefined;
  const a = text.charCodeAt(0) | 0x20; // ASCII letters to lower case; nothing else lands on a letter
  const b = text.charCodeAt(1) | 0x20;
  switch (a) {
    case 101: // e
      return b === 113 ? 'eq' : b === 119 ? 'ew' : undefined;
    case 110: // n
      return b === 101 ? 'ne' : undefined;
    case 99: // c
      return b === 111 ? 'co' : undefined;
    case 115: // s
      return b === 119 ? 'sw' : undefined;
    case 103: // g
      return b === 116 ? 'gt' : b === 101 ? 'ge' : undefined;
    case 108: // l
      return b === 116 ? 'lt' : b === 101 ? 'le' : undefined;
    case 112: // p
      return b === 114 ? 'pr' : undefined;
    default:
      return undefined;
  }
}

function clip(s: string): string {
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

function span(a: OffsetRange, b: OffsetRange): OffsetRange {
  return { start: a.start, end: b.end };
}

class Parser {
  private readonly lexer: Lexer;
  private current: Token;
  private ahead: Token | undefined;
  private prev: Token | undefined;
  private depth = 0;
  private aborted = false;
  readonly errors: ParseError[] = [];

  constructor(private readonly text: string) {
    this.lexer = new Lexer(text);
    this.current = this.lexer.next();
  }

  /** The current token, or (offset 1) the one after it. */
  peek(offset: 0 | 1 = 0): Token {
    if (offset === 0) return this.current;
    this.ahead ??= this.lexer.next();
    return this.ahead;
  }

  next(): Token {
    const t = this.current;
    if (t.kind !== 'eof') {
      this.prev = t;
      this.current = this.ahead ?? this.lexer.next();
      this.ahead = undefined;
    }
    return t;
  }

  private previous(): Token | undefined {
    return this.prev;
  }

  report(message: string, range: OffsetRange, expected?: string[]): void {
    if (this.aborted || this.errors.length >= MAX_ERRORS) return;
    const last = this.errors[this.errors.length - 1];
    // One error per spot: recovery can otherwise report the same missing piece twice.
    if (last && (range.start === last.range.start || (range.start > last.range.start && range.start < last.range.end))) return;
    const error: ParseError = { message, range };
    if (expected) error.expected = expected;
    this.errors.push(error);
  }

  /** "expected X after 'prev' at N, found 'tok'"; a malformed token reports its own problem instead. */
  expected(what: string, expected: string[], at: Token = this.peek(), note?: string): void {
    const prev = this.previous();
    const after = prev ? ` after '${clip(prev.text)}'` : '';
    if (at.error !== undefined) {
      this.reportTokenError(at, `; expected ${what}${after}`, expected);
      return;
    }
    let message = `expected ${what}${after} at ${at.range.start}`;
    if (at.kind !== 'eof') message += `, found '${clip(at.text)}'`;
    if (note) message += ` ${note}`;
    this.report(message, at.range, expected);
  }

  reportTokenError(t: Token, suffix = '', expected?: string[]): void {
    const range = t.errorRange ?? t.range;
    this.report(`${(t.error ?? 'invalid token at {at}').replace('{at}', String(range.start))}${suffix}`, range, expected);
  }

  /** `word` is lower-case letters; compared by character code, without allocating a lower-cased copy. */
  isWord(t: Token, word: string): boolean {
    if (t.kind !== 'word' || t.text.length !== word.length) return false;
    for (let i = 0; i < word.length; i++) if ((t.text.charCodeAt(i) | 0x20) !== word.charCodeAt(i)) return false;
    return true;
  }

  /** RFC 7644 puts SP around operators; a glued `eq"x"` or `)and` is rejected by strict servers. */
  spaced(before: Token | undefined, op: Token, after: Token): void {
    if (before && before.range.end === op.range.start) {
      this.report(`expected a space before '${op.text}' at ${op.range.start}`, { start: op.range.start, end: op.range.start }, ['space']);
    }
    if (after.kind !== 'eof' && after.range.start === op.range.end) {
      this.report(`expected a space after '${op.text}' at ${op.range.end}`, { start: op.range.end, end: op.range.end }, ['space']);
    }
  }

  /** A value path is one word: `emails[...]`, `].value`; a space there is rejected by servers. */
  glued(before: OffsetRange, t: Token): void {
    if (before.end !== t.range.start) {
      this.report(`unexpected space before '${clip(t.text)}' at ${before.end}: write it directly after '${clip(this.text.slice(before.start, before.end))}'`, { start: before.end, end: t.range.start });
    }
  }

  /** Skips the rest of a broken term: up to `and`/`or`, a closer or the end, stepping over nested groups. */
  sync(): void {
    let nesting = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (nesting === 0 && (t.kind === 'rparen' || t.kind === 'rbracket')) return;
      if (nesting === 0 && (this.isWord(t, 'and') || this.isWord(t, 'or'))) return;
      if (t.kind === 'lparen' || t.kind === 'lbracket') nesting++;
      if (t.kind === 'rparen' || t.kind === 'rbracket') nesting--;
      this.next();
    }
  }

  /** Enters one level of nesting; on hostile depth reports once and abandons the rest of the input. */
  enter(at: Token): boolean {
    if (this.depth >= MAX_DEPTH) {
      this.report(`filter nests deeper than ${MAX_DEPTH} levels at ${at.range.start}`, at.range);
      this.aborted = true;
      while (this.peek().kind !== 'eof') this.next();
      return false;
    }
    this.depth++;
    return true;
  }

  parseOr(ctx: Context): FilterNode | undefined {
    let left = this.parseAnd(ctx);
    while (this.isWord(this.peek(), 'or')) {
      const before = this.previous();
      const op = this.next();
      this.spaced(before, op, this.peek());
      const right = this.parseAnd(ctx);
      left = combine('or', op.range, left, right);
    }
    return left;
  }

  private parseAnd(ctx: Context): FilterNode | undefined {
    let left = this.parseTerm(ctx);
    while (this.isWord(this.peek(), 'and')) {
      const before = this.previous();
      const op = this.next();
      this.spaced(before, op, this.peek());
      const right = this.parseTerm(ctx);
      left = combine('and', op.range, left, right);
    }
    return left;
  }

  private parseTerm(ctx: Context): FilterNode | undefined {
    const t = this.peek();
    if (t.kind === 'lparen') return this.parseGroup();
    if (t.kind === 'word') {
      const isNot = this.isWord(t, 'not');
      const after = isNot ? this.peek(1) : t;
      if (isNot && after.kind === 'lparen') return this.parseNot();
      if (isNot && !this.startsOperator(after)) {
        this.next();
        this.expected("'('", ["'('"], after);
        this.sync();
        return undefined;
      }
      // `a pr or or b pr`: a stray keyword, not an attribute called "or".
      if ((this.isWord(t, 'and') || this.isWord(t, 'or')) && !this.startsOperator(this.peek(1))) {
        this.expected("an attribute path, '(' or 'not'", TERM_START, t);
        this.sync();
        return undefined;
      }
      return this.parseAttrExpression(ctx);
    }
    this.expected("an attribute path, '(' or 'not'", TERM_START, t);
    this.sync();
    return undefined;
  }

  /** True when `t` can follow an attribute path, so a preceding `not` is an attribute named "not". */
  private startsOperator(t: Token): boolean {
    if (t.kind === 'lbracket') return true;
    if (t.kind !== 'word') return false;
    return operatorOf(t.text) !== undefined;
  }

  private parseGroup(): FilterNode | undefined {
    const open = this.next();
    if (!this.enter(open)) return undefined;
    const inner = this.parseOr('paren');
    const close = this.closeWith('rparen', open);
    this.depth--;
    if (!inner || !close) return inner;
    return { kind: 'group', inner, range: span(open.range, close.range) };
  }

  private parseNot(): FilterNode | undefined {
    const not = this.next();
    const open = this.next();
    if (!this.enter(open)) return undefined;
    const operand = this.parseOr('paren');
    const close = this.closeWith('rparen', open);
    this.depth--;
    if (!operand || !close) return operand;
    // The parentheses belong to `not` (the RFC requires them), so they are not a separate group node.
    return { kind: 'not', operand, range: span(not.range, close.range) };
  }

  /** Expects the closer of `open`; on anything else reports and skips to it (or to the end). */
  private closeWith(kind: 'rparen' | 'rbracket', open: Token): Token | undefined {
    const t = this.peek();
    if (t.kind === kind) return this.next();
    const closer = kind === 'rparen' ? "')'" : "']'";
    if (t.kind === 'eof') {
      this.expected(closer, [closer], t, `(the '${open.text}' at ${open.range.start} is not closed)`);
      return undefined;
    }
    this.expected(`'and', 'or' or ${closer}`, ["'and'", "'or'", closer], t);
    let nesting = 0;
    while (this.peek().kind !== 'eof') {
      const s = this.next();
      if (s.kind === 'lparen' || s.kind === 'lbracket') nesting++;
      else if (s.kind === 'rparen' || s.kind === 'rbracket') {
        if (nesting === 0) return s.kind === kind ? s : undefined;
        nesting--;
      }
    }
    return undefined;
  }

  private parseAttrExpression(ctx: Context): FilterNode | undefined {
    const word = this.next();
    const path = this.attrPath(word);
    const t = this.peek();
    if (t.kind === 'lbracket') return this.parseValuePath(path, ctx);
    const op = t.kind === 'word' ? operatorOf(t.text) : undefined;
    if (op !== undefined) {
      if (op !== 'pr') {
        this.next();
        this.spaced(undefined, t, this.peek());
        const value = this.parseValue();
        if (!value) return undefined;
        return { kind: 'compare', path, op, opRange: t.range, value, range: span(path.range, value.range) };
      }
      this.next();
      const v = this.peek();
      if (v.kind === 'string' || v.kind === 'number' || this.isLiteralWord(v)) {
        this.report(`'pr' takes no value at ${v.range.start}: remove '${clip(v.text)}' or use a comparison operator such as 'eq'`, v.range);
        this.next();
      }
      return { kind: 'present', path, opRange: t.range, range: span(path.range, t.range) };
    }
    this.expected('a comparison operator', COMPARE_EXPECTED, t);
    this.sync();
    return undefined;
  }

  private parseValuePath(path: AttrPath, ctx: Context): FilterNode | undefined {
    const open = this.next();
    this.glued(path.range, open);
    if (ctx === 'bracket') {
      this.report(`value filters cannot be nested: '${clip(path.name)}[' at ${path.range.start} is inside another '[...]'`, span(path.range, open.range));
    }
    const { filter, close } = this.parseBracket(open);
    const dot = this.peek();
    if (close && dot.kind === 'word' && dot.text.startsWith('.') && ctx !== 'bracket') {
      this.report(
        `a sub-attribute after ']' at ${dot.range.start} is only allowed in PATCH paths; in a filter write '${clip(path.name)}[...]' alone or use '${clip(path.name)}${dot.text}'`,
        dot.range,
      );
      this.next();
      this.sync();
    }
    if (!filter || !close) return undefined;
    return { kind: 'valuePath', path, filter, range: span(path.range, close.range) };
  }

  /** The filter between '[' and ']' of a value path; `open` is already consumed. */
  parseBracket(open: Token): { filter?: FilterNode; close?: Token } {
    if (!this.enter(open)) return {};
    const filter = this.parseOr('bracket');
    const close = this.closeWith('rbracket', open);
    this.depth--;
    const result: { filter?: FilterNode; close?: Token } = {};
    if (filter) result.filter = filter;
    if (close) result.close = close;
    return result;
  }

  private isLiteralWord(t: Token): boolean {
    if (t.kind !== 'word') return false;
    const w = t.text.toLowerCase();
    return w === 'true' || w === 'false' || w === 'null';
  }

  private parseValue(): Literal | undefined {
    const t = this.peek();
    if (t.kind === 'string' || t.kind === 'number') {
      this.next();
      if (t.error !== undefined) this.reportTokenError(t);
      const value = t.value ?? (t.kind === 'number' ? Number.NaN : '');
      return { kind: 'literal', value, raw: t.text, range: t.range };
    }
    if (this.isLiteralWord(t)) {
      this.next();
      const w = t.text.toLowerCase();
      return { kind: 'literal', value: w === 'null' ? null : w === 'true', raw: t.text, range: t.range };
    }
    const hint = t.kind === 'word' && /^[A-Za-z]/.test(t.text) ? `(strings need double quotes: ${JSON.stringify(t.text)})` : undefined;
    this.expected('a value (a string in double quotes, a number, true, false or null)', VALUE_EXPECTED, t, hint);
    this.sync();
    return undefined;
  }

  /** Splits a word into `[uri ":"] name ["." subAttr]`; a malformed path is reported but still returned. */
  attrPath(word: Token): AttrPath {
    const text = word.text;
    // The common case, a bare name (the lexer has checked it): no slicing.
    if (word.plainName === true) return { kind: 'attrPath', name: text, range: word.range };
    const colon = text.lastIndexOf(':');
    const path: AttrPath = { kind: 'attrPath', name: '', range: word.range };
    let rest = text;
    if (colon >= 0) {
      const uri = text.slice(0, colon);
      path.uri = uri;
      rest = text.slice(colon + 1);
      if (!wellFormedUrn(uri)) {
        this.report(
          `invalid schema URN '${clip(uri)}' at ${word.range.start}: a prefixed path looks like 'urn:ietf:params:scim:schemas:core:2.0:User:userName'`,
          { start: word.range.start, end: word.range.start + colon },
        );
      }
    }
    const restStart = word.range.start + colon + 1;
    const dot = rest.indexOf('.');
    const name = dot < 0 ? rest : rest.slice(0, dot);
    path.name = name;
    if (dot >= 0) path.subAttr = rest.slice(dot + 1);
    if (rest === '') {
      this.report(`expected an attribute name after the schema URN at ${word.range.end}`, { start: word.range.end, end: word.range.end }, ['attribute name']);
    } else if (!isAttrName(name)) {
      this.report(
        `invalid attribute name '${clip(name)}' at ${restStart}: a name starts with a letter and has only letters, digits, '_' and '-'`,
        { start: restStart, end: restStart + name.length },
      );
    } else if (path.subAttr !== undefined && !isAttrName(path.subAttr)) {
      const subStart = restStart + dot + 1;
      const sub = path.subAttr;
      const message = sub.includes('.')
        ? `an attribute path has at most one sub-attribute ('name.subAttr'), found '${clip(rest)}' at ${restStart}`
        : sub === ''
          ? `expected a sub-attribute name after '.' at ${subStart}`
          : `invalid sub-attribute name '${clip(sub)}' at ${subStart}: a name starts with a letter and has only letters, digits, '_' and '-'`;
      this.report(message, sub === '' ? { start: subStart, end: subStart } : { start: subStart, end: word.range.end });
    }
    return path;
  }
}

/** At least two ':'-separated parts, none empty (checked without splitting: this runs per attribute path). */
function wellFormedUrn(uri: string): boolean {
  if (uri.length === 0 || uri.charCodeAt(0) === 58 || uri.charCodeAt(uri.length - 1) === 58 || uri.indexOf(':') < 0) return false;
  return uri.indexOf('::') < 0;
}

function combine(
  op: 'and' | 'or',
  opRange: OffsetRange,
  left: FilterNode | undefined,
  right: FilterNode | undefined,
): FilterNode | undefined {
  if (!left || !right) return left ?? right;
  return { kind: 'logical', op, left, right, opRange, range: span(left.range, right.range) };
}

export function parseFilter(text: string): FilterParseResult {
  const p = new Parser(text);
  const ast = p.parseOr('top');
  const t = p.peek();
  if (t.kind !== 'eof') {
    if (t.kind === 'rparen' || t.kind === 'rbracket') {
      p.report(`unexpected '${t.text}' at ${t.range.start}: there is no matching '${t.kind === 'rparen' ? '(' : '['}'`, t.range, ["'and'", "'or'", 'end of input']);
    } else {
      p.expected("'and', 'or' or end of input", ["'and'", "'or'", 'end of input'], t);
    }
  }
  if (!ast && p.errors.length === 0) p.expected("an attribute path, '(' or 'not'", TERM_START, t);
  if (p.errors.length === 0 && ast) return { ast, errors: [] };
  return ast ? { errors: p.errors, partial: ast } : { errors: p.errors };
}

export function parsePatchPath(text: string): PatchPathParseResult {
  const p = new Parser(text);
  const first = p.peek();
  if (first.kind !== 'word') {
    p.expected('an attribute path', ['attribute path'], first);
    return { errors: p.errors };
  }
  p.next();
  const attr = p.attrPath(first);
  const result: PatchPath = { kind: 'patchPath', attr, range: attr.range };
  if (p.peek().kind === 'lbracket') {
    const open = p.next();
    p.glued(attr.range, open);
    const { filter, close } = p.parseBracket(open);
    if (filter) result.filter = filter;
    if (close) result.range = span(attr.range, close.range);
    const dot = p.peek();
    if (close && dot.kind === 'word' && dot.text.startsWith('.')) {
      p.next();
      p.glued(close.range, dot);
      const sub = dot.text.slice(1);
      const subRange = { start: dot.range.start + 1, end: dot.range.end };
      if (!isAttrName(sub)) {
        p.report(
          sub === ''
            ? `expected a sub-attribute name after '.' at ${subRange.start}`
            : `invalid sub-attribute name '${clip(sub)}' at ${subRange.start}: a name starts with a letter and has only letters, digits, '_' and '-'`,
          subRange,
          ['sub-attribute name'],
        );
      }
      result.subAttr = sub;
      result.subAttrRange = subRange;
      result.range = span(result.range, dot.range);
    }
  }
  const end = p.peek();
  if (end.kind !== 'eof') {
    const what = result.filter ? "'.' and a sub-attribute, or the end of the path" : "'[' or the end of the path";
    p.expected(what, result.filter ? ["'.'", 'end of path'] : ["'['", 'end of path'], end);
  }
  return p.errors.length === 0 ? { ast: result, errors: [] } : { errors: p.errors };
}
