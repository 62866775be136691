// Finds the text ranges of a few JSON paths without building a tree. Rules run on the JSON.parse'd value and
// only the nodes that carry findings are located here, in one pass that skips every subtree not on the way to
// a wanted path (a full jsonc-parser tree of a 5 MB document costs ~13x JSON.parse; a skip scan costs ~1-2x).
// Tolerates comments, trailing commas and a BOM; on malformed text it stops quietly with what it found.
import type { OffsetRange } from '../text';

export type JsonPath = readonly (string | number)[];

export interface ContainerInfo {
  /** Offset of `{` or `[`. */
  open: number;
  /** Start of the first member's key (objects) or first element (arrays). */
  firstChildStart?: number;
  /** End of the last member's value or last element. */
  lastChildEnd?: number;
  count: number;
}

export interface NodeLocation {
  /** The member's key token (quotes included); absent for array elements and the root. */
  key?: OffsetRange;
  value: OffsetRange;
  /** Start of the next member or element in the same container, if any. */
  nextStart?: number;
  /** End of the previous member's value or previous element, if any. */
  prevEnd?: number;
  container?: ContainerInfo;
}

interface Trie {
  wanted: boolean;
  children: Map<string | number, Trie>;
}

export function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Comma = 44,
  Slash = 47,
  Colon = 58,
  Star = 42,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
  Bom = 0xfeff,
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  skipTrivia(): void {
    const t = this.text;
    const n = t.length;
    for (;;) {
      const c = t.charCodeAt(this.pos);
      if (c === C.Space || c === C.Lf || c === C.Cr || c === C.Tab || c === C.Bom) {
        this.pos++;
      } else if (c === C.Slash && t.charCodeAt(this.pos + 1) === C.Slash) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? n : nl + 1;
      } else if (c === C.Slash && t.charCodeAt(this.pos + 1) === C.Star) {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? n : end + 2;
      } else {
        return;
      }
    }
  }

  /** At a quote: moves past the closing quote. */
  skipString(): void {
    const t = this.text;
    let i = this.pos + 1;
    for (;;) {
      const q = t.indexOf('"', i);
      if (q < 0) {
        this.pos = t.length;
        return;
      }
      let backslashes = 0;
      for (let j = q - 1; t.charCodeAt(j) === C.Backslash; j--) backslashes++;
      if (backslashes % 2 === 0) {
        this.pos = q + 1;
        return;
      }
      i = q + 1;
    }
  }

  skipValue(): void {
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (c === C.Quote) return this.skipString();
    if (c === C.OpenBrace || c === C.OpenBracket) {
      let depth = 0;
      const n = t.length;
      while (this.pos < n) {
        const d = t.charCodeAt(this.pos);
        if (d === C.Quote) {
          this.skipString();
          continue;
        }
        if (d === C.OpenBrace || d === C.OpenBracket) depth++;
        else if (d === C.CloseBrace || d === C.CloseBracket) {
          depth--;
          if (depth === 0) {
            this.pos++;
            return;
          }
        } else if (d === C.Slash) {
          const before = this.pos;
          this.skipTrivia();
          if (this.pos !== before) continue;
        }
        this.pos++;
      }
      return;
    }
    // Literal: number, true, false, null (or garbage): up to the next delimiter.
    const n = t.length;
    while (this.pos < n) {
      const d = t.charCodeAt(this.pos);
      if (d === C.Comma || d === C.CloseBrace || d === C.CloseBracket || d === C.Space || d === C.Lf || d === C.Cr || d === C.Tab || d === C.Slash || d === C.Colon) return;
      this.pos++;
    }
  }

  readKey(): string {
    const start = this.pos;
    this.skipString();
    const raw = this.text.slice(start + 1, this.pos - 1);
    if (raw.indexOf('\\') < 0) return raw;
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return raw;
    }
  }
}

/** Locates every path in `paths` (keys as parsed, array indices as numbers) in one scan of `text`. */
export function locatePaths(text: string, paths: Iterable<JsonPath>): Map<string, NodeLocation> {
  const root: Trie = { wanted: false, children: new Map() };
  for (const p of paths) {
    let node = root;
    for (const seg of p) {
      let next = node.children.get(seg);
      if (!next) {
        next = { wanted: false, children: new Map() };
        node.children.set(seg, next);
      }
      node = next;
    }
    node.wanted = true;
  }
  const out = new Map<string, NodeLocation>();
  const s = new Scanner(text);
  s.skipTrivia();
  if (s.pos < text.length) walk(s, root, [], undefined, out);
  return out;
}

function walk(s: Scanner, node: Trie, path: (string | number)[], key: OffsetRange | undefined, out: Map<string, NodeLocation>): NodeLocation {
  const start = s.pos;
  const c = s.text.charCodeAt(start);
  const loc: NodeLocation = { value: { start, end: start } };
  if (key) loc.key = key;
  const isContainer = c === C.OpenBrace || c === C.OpenBracket;
  if (!isContainer || (!node.wanted && node.children.size === 0)) {
    s.skipValue();
  } else {
    loc.container = walkContainer(s, node, path, c === C.OpenBrace, out);
  }
  loc.value.end = s.pos;
  if (node.wanted) out.set(pathKey(path), loc);
  return loc;
}

function walkContainer(s: Scanner, node: Trie, path: (string | number)[], isObject: boolean, out: Map<string, NodeLocation>): ContainerInfo {
  const t = s.text;
  const info: ContainerInfo = { open: s.pos, count: 0 };
  const close = isObject ? C.CloseBrace : C.CloseBracket;
  s.pos++;
  let prev: NodeLocation | undefined;
  let prevEnd: number | undefined;
  for (;;) {
    s.skipTrivia();
    if (s.pos >= t.length) return info;
    const c = t.charCodeAt(s.pos);
    if (c === close) {
      s.pos++;
      return info;
    }
    if (c === C.Comma) {
      s.pos++;
      continue;
    }
    const childStart = s.pos;
    if (prev) prev.nextStart = childStart;
    if (info.firstChildStart === undefined) info.firstChildStart = childStart;
    let seg: string | number;
    let keyRange: OffsetRange | undefined;
    if (isObject) {
      if (c !== C.Quote) {
        // Malformed member: skip to the next delimiter so the scan keeps going.
        s.skipValue();
        if (s.pos === childStart) s.pos++;
        continue;
      }
      seg = s.readKey();
      keyRange = { start: childStart, end: s.pos };
      s.skipTrivia();
      if (t.charCodeAt(s.pos) === C.Colon) s.pos++;
      s.skipTrivia();
    } else {
      seg = info.count;
    }
    info.count++;
    const child = node.children.get(seg);
    let loc: NodeLocation | undefined;
    if (child) {
      path.push(seg);
      loc = walk(s, child, path, keyRange, out);
      path.pop();
      if (prevEnd !== undefined) loc.prevEnd = prevEnd;
    } else {
      s.skipValue();
    }
    if (s.pos === childStart) s.pos++; // never loop on garbage
    prev = loc;
    prevEnd = s.pos;
    info.lastChildEnd = s.pos;
  }
}

/**
 * Value ranges of the elements of the array at `arrayPath` (keys as parsed; a duplicated key counts as its last
 * occurrence, as JSON.parse does), in one skip scan; undefined when the path does not reach an array.
 */
export function locateElements(text: string, arrayPath: JsonPath): { starts: number[]; ends: number[] } | undefined {
  const s = new Scanner(text);
  s.skipTrivia();
  for (const seg of arrayPath) {
    if (typeof seg !== 'string' || text.charCodeAt(s.pos) !== C.OpenBrace) return undefined;
    let found = -1;
    s.pos++;
    for (;;) {
      s.skipTrivia();
      const c = text.charCodeAt(s.pos);
      if (s.pos >= text.length || c === C.CloseBrace) break;
      if (c === C.Comma) {
        s.pos++;
        continue;
      }
      if (c !== C.Quote) return undefined;
      const key = s.readKey();
      s.skipTrivia();
      if (text.charCodeAt(s.pos) !== C.Colon) return undefined;
      s.pos++;
      s.skipTrivia();
      if (key === seg) found = s.pos;
      const before = s.pos;
      s.skipValue();
      if (s.pos === before) return undefined;
    }
    if (found < 0) return undefined;
    s.pos = found;
  }
  if (text.charCodeAt(s.pos) !== C.OpenBracket) return undefined;
  const starts: number[] = [];
  const ends: number[] = [];
  s.pos++;
  for (;;) {
    s.skipTrivia();
    const c = text.charCodeAt(s.pos);
    if (s.pos >= text.length) return undefined;
    if (c === C.CloseBracket) return { starts, ends };
    if (c === C.Comma) {
      s.pos++;
      continue;
    }
    const start = s.pos;
    s.skipValue();
    if (s.pos === start) return undefined;
    starts.push(start);
    ends.push(s.pos);
  }
}
