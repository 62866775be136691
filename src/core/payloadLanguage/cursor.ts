// Where the cursor is in a JSON text: its JSON path, whether a property key is expected there, the string token
// under it, and the `schemas`/`path` members of the objects around it. Answers what completion and hover ask,
// like jsonc-parser's getLocation, but in one forward pass of a small state machine that makes no tokens (strings
// are skipped with indexOf): on a 5 MB ListResponse, getLocation near the end costs ~3-7x JSON.parse, this ~1x.
// Tolerates comments, trailing commas and unfinished text.
import type { OffsetRange } from '../text';

export type CursorPath = (string | number)[];

export interface CursorNode {
  type: 'string';
  offset: number;
  length: number;
}

export interface CursorLocation {
  path: CursorPath;
  isAtPropertyKey: boolean;
  /** The string token (key or value) the cursor is in or right after. */
  previousNode?: CursorNode;
  /**
   * Value ranges of the `schemas` and `path` members met before the cursor in the objects that contain it, keyed
   * by JSON.stringify of their path (as payloadLocate's pathKey), so the frame needs no second scan.
   */
  members: Map<string, OffsetRange>;
}

interface Level {
  isObject: boolean;
  /** Object: a key may come next (after `{` or `,`). */
  expectKey: boolean;
  sawColon: boolean;
  keyStart: number;
  keyEnd: number;
  index: number;
  /** A value finished since the last comma. */
  afterValue: boolean;
  /** Set while the value of a `schemas`/`path` member is being read: where it started and its key. */
  recordKey?: string;
  recordStart?: number;
  /** Value ranges of this object's `schemas`/`path` members read so far. */
  recorded?: Map<string, OffsetRange>;
}

const RECORDED = new Set(['schemas', 'path']);

class Machine {
  pos = 0;
  readonly stack: Level[] = [];

  constructor(readonly text: string, readonly offset: number) {}

  skipTrivia(): void {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff) this.pos++;
      else if (c === 47 && t.charCodeAt(this.pos + 1) === 47) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? t.length : nl + 1;
      } else if (c === 47 && t.charCodeAt(this.pos + 1) === 42) {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else return;
    }
  }

  /** At a quote: past the closing quote, or to the end of the line when unterminated. */
  skipString(): void {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      const nl = t.indexOf('\n', i);
      if (q < 0 || (nl >= 0 && nl < q)) {
        this.pos = nl < 0 ? t.length : nl;
        return;
      }
      let backslashes = 0;
      for (let j = q - 1; t.charCodeAt(j) === 92; j--) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = q + 1;
        return;
      }
      i = q + 1;
    }
  }

  skipLiteral(): void {
    const t = this.text;
    const n = t.length;
    const start = this.pos;
    while (this.pos < n) {
      const c = t.charCodeAt(this.pos);
      // whitespace , ] } : / " { [
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 44 || c === 93 || c === 125 || c === 58 || c === 47 || c === 34 || c === 123 || c === 91) break;
      this.pos++;
    }
    if (this.pos === start) this.pos++;
  }

  keyOf(level: Level): string {
    const raw = this.text.slice(level.keyStart, level.keyEnd);
    if (raw.charCodeAt(0) !== 34) return raw;
    try {
      return JSON.parse(raw.length > 1 && raw.endsWith('"') ? raw : `${raw}"`) as string;
    } catch {
      return raw.slice(1).replace(/"$/, '');
    }
  }

  /** The path to the member the top level is in (`withTop`: including the top level's own key or index). */
  path(withTop: boolean): CursorPath {
    const out: CursorPath = [];
    const last = this.stack.length - 1;
    for (let i = 0; i <= last; i++) {
      if (i === last && !withTop) break;
      const l = this.stack[i] as Level;
      out.push(l.isObject ? this.keyOf(l) : l.index);
    }
    return out;
  }

  /** A value (string, literal or container) of the top level ended at `end`. */
  valueDone(end: number): void {
    const top = this.stack[this.stack.length - 1];
    if (!top) return;
    top.afterValue = true;
    if (top.recordKey !== undefined && top.recordStart !== undefined) {
      (top.recorded ??= new Map()).set(top.recordKey, { start: top.recordStart, end });
      top.recordKey = undefined;
    }
  }

  valueStarts(at: number): void {
    const top = this.stack[this.stack.length - 1];
    if (top?.recordKey !== undefined) top.recordStart = at;
  }

  gap(): Omit<CursorLocation, 'members'> {
    const top = this.stack[this.stack.length - 1];
    if (!top) return { path: [], isAtPropertyKey: false };
    const base = this.path(false);
    if (!top.isObject) return { path: [...base, top.index], isAtPropertyKey: false };
    if (top.expectKey) return { path: [...base, ''], isAtPropertyKey: true };
    return { path: [...base, this.keyOf(top)], isAtPropertyKey: !top.sawColon && !top.afterValue };
  }

  /** The recorded members of the objects still open (those around the cursor), keyed by their JSON path. */
  members(): Map<string, OffsetRange> {
    const out = new Map<string, OffsetRange>();
    const path: CursorPath = [];
    for (const level of this.stack) {
      for (const [k, r] of level.recorded ?? []) out.set(JSON.stringify([...path, k]), r);
      path.push(level.isObject ? this.keyOf(level) : level.index);
    }
    return out;
  }

  run(): Omit<CursorLocation, 'members'> {
    const t = this.text;
    const n = t.length;
    const off = this.offset;
    for (;;) {
      this.skipTrivia();
      const pos = this.pos;
      const top = this.stack[this.stack.length - 1];
      const c = t.charCodeAt(pos);
      const keyNext = top !== undefined && top.isObject && top.expectKey && c === 34;
      if (pos >= n || off < pos || (off === pos && !keyNext)) return this.gap();
      switch (c) {
        case 123: // {
        case 91: // [
          this.valueStarts(pos);
          if (top && top.isObject) top.expectKey = false;
          this.stack.push({ isObject: c === 123, expectKey: c === 123, sawColon: false, keyStart: 0, keyEnd: 0, index: 0, afterValue: false });
          this.pos++;
          break;
        case 125: // }
        case 93: // ]
          this.stack.pop();
          this.pos++;
          if (this.stack.length === 0) return { path: [], isAtPropertyKey: false };
          this.valueDone(this.pos);
          break;
        case 44: // ,
          if (top) {
            top.afterValue = false;
            top.sawColon = false;
            top.recordKey = undefined;
            if (top.isObject) top.expectKey = true;
            else top.index++;
          }
          this.pos++;
          break;
        case 58: // :
          if (top) top.sawColon = true;
          this.pos++;
          break;
        case 34: { // "
          this.skipString();
          const end = this.pos;
          if (top && top.isObject && top.expectKey) {
            top.expectKey = false;
            top.keyStart = pos;
            top.keyEnd = end;
            if (off >= pos && off <= end) return { path: this.path(true), isAtPropertyKey: true, previousNode: { type: 'string', offset: pos, length: end - pos } };
            if (end - pos === 9 || end - pos === 6) {
              const k = this.keyOf(top).toLowerCase();
              if (RECORDED.has(k)) top.recordKey = k;
            }
            break;
          }
          if (off > pos && off <= end) return { path: this.path(true), isAtPropertyKey: false, previousNode: { type: 'string', offset: pos, length: end - pos } };
          this.valueStarts(pos);
          this.valueDone(end);
          break;
        }
        default: {
          this.skipLiteral();
          if (off >= pos && off <= this.pos) return { path: this.path(true), isAtPropertyKey: top !== undefined && top.isObject && top.expectKey };
          if (top && top.isObject && top.expectKey) {
            // An unquoted word where a key belongs: treat it as the key.
            top.expectKey = false;
            top.keyStart = pos;
            top.keyEnd = this.pos;
            break;
          }
          this.valueStarts(pos);
          this.valueDone(this.pos);
        }
      }
    }
  }
}

export function locateCursor(text: string, offset: number): CursorLocation {
  const m = new Machine(text, offset);
  const loc = m.run();
  return { ...loc, members: m.members() };
}
