// Splits filter text into tokens with exact ranges. Never throws: malformed pieces become tokens that carry
// an `error` message, and the parser reports them where it meets them.
import type { OffsetRange } from '../text';

export type TokenKind =
  | 'word' // attribute path, operator, keyword or bare literal (true/false/null): the parser decides by position
  | 'string'
  | 'number'
  | 'lparen'
  | 'rparen'
  | 'lbracket'
  | 'rbracket'
  | 'invalid'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings, including the quotes). */
  text: string;
  range: OffsetRange;
  /** Decoded value of a string or number token. */
  value?: string | number;
  /**
   * Set when the token is malformed (unterminated string, bad escape, bad number, stray character); `{at}` stands
   * for the offset where the problem is.
   */
  error?: string;
  /** Where the malformation is, when narrower than the token (e.g. one bad escape inside a string). */
  errorRange?: OffsetRange;
}

function isWordChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 45 || // -
    c === 58 || // :
    c === 46 || // .
    c === 36 // $ ($ref)
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const SINGLE: Record<number, TokenKind> = { 40: 'lparen', 41: 'rparen', 91: 'lbracket', 93: 'rbracket' };

export function tokenizeFilter(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const single = SINGLE[c];
    if (single) {
      tokens.push({ kind: single, text: text[i] ?? '', range: { start: i, end: i + 1 } });
      i++;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      const t = c === 34 ? lexString(text, i) : lexSingleQuoted(text, i);
      tokens.push(t);
      i = t.range.end;
    } else if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      const t = lexNumber(text, i);
      tokens.push(t);
      i = t.range.end;
    } else if (isWordChar(c)) {
      const start = i;
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      tokens.push({ kind: 'word', text: text.slice(start, i), range: { start, end: i } });
    } else {
      // A whole code point, so a stray emoji is reported as one character, not half a surrogate pair.
      const cp = text.codePointAt(i) ?? c;
      const len = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + len);
      tokens.push({ kind: 'invalid', text: ch, range: { start: i, end: i + len }, error: `unexpected character '${describeChar(ch)}' at {at}` });
      i += len;
    }
  }
  tokens.push({ kind: 'eof', text: '', range: { start: n, end: n } });
  return tokens;
}

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 32 || code === 127) return `\\u${code.toString(16).padStart(4, '0')}`;
  return ch;
}

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function lexString(text: string, start: number): Token {
  const n = text.length;
  let i = start + 1;
  let value = '';
  let chunk = i;
  let error: string | undefined;
  let errorRange: OffsetRange | undefined;
  const fail = (message: string, range: OffsetRange): void => {
    if (error !== undefined) return;
    error = message;
    errorRange = range;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      value += text.slice(chunk, i);
      const end = i + 1;
      const t: Token = { kind: 'string', text: text.slice(start, end), range: { start, end }, value };
      if (error !== undefined) {
        t.error = error;
        t.errorRange = errorRange;
      }
      return t;
    }
    if (c === 92 /* \ */) {
      value += text.slice(chunk, i);
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (/^[0-9a-fA-F]{4}$/.test(hex)) {
          value += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          fail(`invalid escape at {at}: '\\u' needs four hex digits`, { start: i, end: Math.min(n, i + 2) });
          i += 2;
        }
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        i += 2;
      } else if (e === undefined) {
        i += 1;
      } else {
        fail(`invalid escape '\\${describeChar(e)}' in string literal at {at}`, { start: i, end: i + 2 });
        i += 2;
      }
      chunk = i;
      continue;
    }
    if (c < 32) fail(`control character ${describeChar(text[i] ?? '')} at {at} must be escaped in a string literal`, { start: i, end: i + 1 });
    i++;
  }
  return {
    kind: 'string',
    text: text.slice(start),
    range: { start, end: n },
    value: value + text.slice(chunk, n),
    error: `unterminated string literal at {at}: expected a closing '"'`,
  };
}

// SCIM strings are JSON strings; a single-quoted one is a common slip, so it becomes one token with a hint.
function lexSingleQuoted(text: string, start: number): Token {
  const close = text.indexOf("'", start + 1);
  const end = close < 0 ? text.length : close + 1;
  const inner = text.slice(start + 1, close < 0 ? end : close);
  return {
    kind: 'string',
    text: text.slice(start, end),
    range: { start, end },
    value: inner,
    error: `string literal at {at} needs double quotes: ${JSON.stringify(inner)}`,
  };
}

// JSON number grammar; anything glued to it that a word would take (e.g. `12abc`) makes the token invalid.
function lexNumber(text: string, start: number): Token {
  const n = text.length;
  let i = start;
  if (text.charCodeAt(i) === 45) i++;
  let bad = false;
  if (text.charCodeAt(i) === 48 && isDigit(text.charCodeAt(i + 1))) bad = true; // leading zero
  while (isDigit(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 46 /* . */) {
    i++;
    if (!isDigit(text.charCodeAt(i))) bad = true;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    i++;
    const s = text.charCodeAt(i);
    if (s === 43 || s === 45) i++;
    if (!isDigit(text.charCodeAt(i))) bad = true;
    while (isDigit(text.charCodeAt(i))) i++;
  }
  while (i < n && isWordChar(text.charCodeAt(i))) {
    bad = true;
    i++;
  }
  const raw = text.slice(start, i);
  const range = { start, end: i };
  if (bad) return { kind: 'number', text: raw, range, error: `invalid number '${raw}' at {at}` };
  return { kind: 'number', text: raw, range, value: Number(raw) };
}
