// The request target's path and query, with offsets, and the two encodings that must agree: how a written query
// value reads once a server decodes it (form rules: `+` is a space, `%XX` are UTF-8 bytes) and how the resolver
// writes text into a URL (characters a URL cannot carry are percent-encoded, existing `%XX` kept).
import type { DecodedString } from '../payloadLanguage/jsonStringText';
import type { OffsetRange } from '../text';
import type { QueryParam, TargetPart } from './model';

export interface SplitTarget {
  path: string;
  pathRange: OffsetRange;
  query: QueryParam[];
}

function paramsOf(text: string, base: number, out: QueryParam[]): void {
  let at = 0;
  for (const segment of text.split('&')) {
    const start = base + at;
    at += segment.length + 1;
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const name = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? '' : segment.slice(eq + 1);
    const valueStart = eq < 0 ? start + segment.length : start + eq + 1;
    out.push({
      name,
      nameRange: { start, end: start + name.length },
      value,
      valueRange: { start: valueStart, end: valueStart + value.length },
      hasEquals: eq >= 0,
      range: { start, end: start + segment.length },
    });
  }
}

/** Splits the target at the first `?` of the request line; continuation parts each start with `?` or `&`. */
export function splitTarget(parts: readonly TargetPart[]): SplitTarget {
  const first = parts[0];
  if (!first) return { path: '', pathRange: { start: 0, end: 0 }, query: [] };
  const q = first.text.indexOf('?');
  const path = q < 0 ? first.text : first.text.slice(0, q);
  const query: QueryParam[] = [];
  if (q >= 0) paramsOf(first.text.slice(q + 1), first.range.start + q + 1, query);
  for (const part of parts.slice(1)) paramsOf(part.text.slice(1), part.range.start + 1, query);
  return { path, pathRange: { start: first.range.start, end: first.range.start + path.length }, query };
}

const HEX = /^[0-9A-Fa-f]{2}$/;

function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >> 5 === 0b110) return 2;
  if (lead >> 4 === 0b1110) return 3;
  if (lead >> 3 === 0b11110) return 4;
  return 1;
}

/**
 * Decodes a raw query value the way servers do (`application/x-www-form-urlencoded`), keeping a map from each
 * decoded character to its offset in the document (`base` is the value's offset). A `%` not followed by two hex
 * digits stays literal; invalid UTF-8 becomes U+FFFD.
 */
export function decodeQueryValue(raw: string, base: number): DecodedString {
  let text = '';
  const rawOffsets: number[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] as string;
    if (c === '%' && HEX.test(raw.slice(i + 1, i + 3))) {
      const bytes: { value: number; at: number }[] = [];
      while (raw[i] === '%' && HEX.test(raw.slice(i + 1, i + 3))) {
        bytes.push({ value: parseInt(raw.slice(i + 1, i + 3), 16), at: i });
        i += 3;
      }
      let b = 0;
      while (b < bytes.length) {
        const lead = bytes[b] as { value: number; at: number };
        const n = Math.min(utf8Length(lead.value), bytes.length - b);
        const decoded = decoder.decode(new Uint8Array(bytes.slice(b, b + n).map((x) => x.value)));
        for (const unit of decoded) {
          for (let k = 0; k < unit.length; k++) rawOffsets.push(base + lead.at);
          text += unit;
        }
        b += n;
      }
      continue;
    }
    rawOffsets.push(base + i);
    text += c === '+' ? ' ' : c;
    i++;
  }
  rawOffsets.push(base + raw.length);
  return { text, rawOffsets, closed: true };
}

/** Maps a range in decoded text back to the document. */
export function rawRange(decoded: DecodedString, range: OffsetRange): OffsetRange {
  const last = decoded.rawOffsets[decoded.rawOffsets.length - 1] ?? 0;
  const at = (i: number): number => decoded.rawOffsets[Math.max(0, Math.min(i, decoded.rawOffsets.length - 1))] ?? last;
  const start = at(range.start);
  // rawOffsets[i] is where decoded character i starts, so the end maps to where the next character starts.
  return { start, end: Math.max(start, at(range.end)) };
}

// RFC 3986 unreserved and reserved characters, minus `#` (a fragment is never sent, so `#` is data here).
const URL_SAFE = /[A-Za-z0-9\-._~:/?[\]@!$&'()*+,;=]/;

/** Percent-encodes what a URL cannot carry (spaces, quotes, braces, non-ASCII, `#`, a lone `%`); keeps `%XX`. */
export function encodeUrlText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '%' && HEX.test(text.slice(i + 1, i + 3))) out += c;
    else if (URL_SAFE.test(c)) out += c;
    else {
      const cp = text.codePointAt(i) ?? 0;
      const ch = String.fromCodePoint(cp);
      if (ch.length === 2) i++;
      // A lone surrogate cannot be UTF-8 encoded (encodeURIComponent throws): send U+FFFD, as a decoder would.
      out += ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff ? '%EF%BF%BD' : encodeURIComponent(ch);
    }
  }
  return out;
}
