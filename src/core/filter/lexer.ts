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
  /** A word that is a bare attribute name (a letter, then letters, digits, '_' or '-'): the parser takes it as is. */
  plainName?: boolean;
}

// Character classes for ASCII, looked up instead of compared: the lexer runs on every keystroke.
const WORD = 1;
const DIGIT = 2;
const SPACE = 4;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = (/[A-Za-z0-9_\-:.$]/.test(ch) ? WORD : 0) | (/[0-9]/.test(ch) ? DIGIT : 0) | (/[ \t\n\r]/.test(ch) ? SPACE : 0); // '$' for $ref
}

function isWordChar(c: number): boolean {
  return c < 128 && ((CLASS[c] ?? 0) & WORD) !== 0;
}

function isDigit(c: number): boolean {
  return c < 128 && ((CLASS[c] ?? 0) & DIGIT) !== 0;
}

function isSpace(c: number): boolean {
  return c < 128 && ((CLASS[c] ?? 0) & SPACE) !== 0;
}

/** Every token has the same shape (all fields, in one order) so the parser's property reads stay monomorphic. */
function token(kind: TokenKind, text: string, start: number, end: number, value?: string | number, error?: string, errorRange?: OffsetRange, plainName = false): Token {
  return { kind, text, range: { start, end }, value, error, errorRange, plainName };
}

/**
 * The token kind of a one-character token. A switch, not an object keyed by char code: a missing numeric key is
 * looked up along the prototype chain, and this runs for every token.
 */
function singleKind(c: number): TokenKind | undefined {
  switch (c) {
    case 40:
      return 'lparen';
    case 41:
      return 'rparen';
    case 91:
      return 'lbracket';
    case 93:
      return 'rbracket';
    default:
      return undefined;
  }
}


/**
 * Produces tokens one at a time, so the parser's garbage dies young on large inputs; after the end it keeps
 * returning the `eof` token.
 */
export class Lexer {
  private i = 0;

  constructor(private readonly text: string) {}

  next(): Token {
    const text = this.text;
    const n = text.length;
    let i = this.i;
    while (i < n && isSpace(text.charCodeAt(i))) i++;
    if (i >= n) {
      this.i = n;
      return token('eof', '', n, n);
    }
    const c = text.charCodeAt(i);
    let t: Token;
    const single = singleKind(c);
    if (single) {
      t = token(single, text.charAt(i), i, i + 1);
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      t = c === 34 ? lexString(text, i) : lexSingleQuoted(text, i);
    } else if (isDigit(c) || (c === 45 /* - */ && isDigit(text.charCodeAt(i + 1)))) {
      t = lexNumber(text, i);
    } else if (isWordChar(c)) {
      let j = i + 1;
      // Whether it is a bare attribute name is noted on the way, so the parser need not scan it again.
      let plain = ((c | 0x20) >= 97 && (c | 0x20) <= 122);
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!isWordChar(d)) break;
        if (d === 58 /* : */ || d === 46 /* . */ || d === 36 /* $ */) plain = false;
      }
      t = token('word', text.slice(i, j), i, j, undefined, undefined, undefined, plain);
    } else {
      // A whole code point, so a stray emoji is reported as one character, not half a surrogate pair.
      const cp = text.codePointAt(i) ?? c;
      const len = cp > 0xffff ? 2 : 1;
      const ch = text.slice(i, i + len);
      t = token('invalid', ch, i, i + len, undefined, `unexpected character '${describeChar(ch)}' at {at}`);
    }
    this.i = t.range.end;
    return t;
  }
}

/** All tokens of `text`, ending with an `eof` token (for highlighting and completion). */
export function tokenizeFilter(text: string): Token[] {
  const lexer = new Lexer(text);
  const tokens: Token[] = [];
  for (;;) {
    const t = lexer.next();
    tokens.push(t);
    if (t.kind === 'eof') return tokens;
  }
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
  // Plain strings (no escape, no control character) are the rule: one indexOf and one slice.
  const close = text.indexOf('"', i);
  if (close >= 0) {
    let plain = true;
    for (let j = i; j < close; j++) {
      const c = text.charCodeAt(j);
      if (c === 92 || c < 32) {
        plain = false;
        break;
      }
    }
    if (plain) {
      const value = text.slice(i, close);
      return token('string', text.slice(start, close + 1), start, close + 1, value);
    }
  }
  let value = '';
  let chunk = i;
  // The first problem is the one reported (no closure here: this runs per string token).
  let error: string | undefined;
  let errorRange: OffsetRange | undefined;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      value += text.slice(chunk, i);
      const end = i + 1;
      return token('string', text.slice(start, end), start, end, value, error, errorRange);
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
          if (error === undefined) {
            error = `invalid escape at {at}: '\\u' needs four hex digits`;
            errorRange = { start: i, end: Math.min(n, i + 2) };
          }
          i += 2;
        }
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        i += 2;
      } else if (e === undefined) {
        i += 1;
      } else {
        if (error === undefined) {
          error = `invalid escape '\\${describeChar(e)}' in string literal at {at}`;
          errorRange = { start: i, end: i + 2 };
        }
        i += 2;
      }
      chunk = i;
      continue;
    }
    if (c < 32 && error === undefined) {
      error = `control character ${describeChar(text[i] ?? '')} at {at} must be escaped in a string literal`;
      errorRange = { start: i, end: i + 1 };
    }
    i++;
  }
  return token('string', text.slice(start), start, n, value + text.slice(chunk, n), `unterminated string literal at {at}: expected a closing '"'`);
}

// SCIM strings are JSON strings; a single-quoted one is a common slip, so it becomes one token with a hint.
function lexSingleQuoted(text: string, start: number): Token {
  const close = text.indexOf("'", start + 1);
  const end = close < 0 ? text.length : close + 1;
  const inner = text.slice(start + 1, close < 0 ? end : close);
  return token('string', text.slice(start, end), start, end, inner, `string literal at {at} needs double quotes: ${JSON.stringify(inner)}`);
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
  if (bad) return token('number', raw, start, i, undefined, `invalid number '${raw}' at {at}`);
  return token('number', raw, start, i, Number(raw));
}
