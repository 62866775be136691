// What a body is (JSON, HTML, text, empty) and its transcript form. Invalid JSON is reported with the parser's
// message, never thrown: a gateway's HTML page or a truncated body is evidence, not a crash.
import { isUtf8 } from 'node:buffer';
import type { BodyKind, TranscriptBody } from './types';

export interface ClassifiedBody {
  kind: BodyKind;
  json?: unknown;
  parseError?: string;
}

const JSON_TYPE = /[/+]json\b|^text\/json\b|^application\/json\+scim\b/i;

export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_TYPE.test(contentType.trim());
}

export function classifyBody(contentType: string | undefined, text: string): ClassifiedBody {
  const start = firstNonSpace(text);
  if (start < 0) return { kind: 'empty' };
  const first = text.charCodeAt(start);
  const claimsJson = isJsonContentType(contentType);
  const looksJson = first === 0x7b /* { */ || first === 0x5b /* [ */;
  if (claimsJson || looksJson) {
    try {
      return { kind: 'json', json: JSON.parse(text) };
    } catch (err) {
      const parseError = (err as Error).message;
      if (claimsJson) return { kind: 'json', parseError };
      if (!isHtml(contentType, text, start)) return { kind: 'text', parseError };
    }
  }
  if (isHtml(contentType, text, start)) return { kind: 'html' };
  return { kind: 'text' };
}

function isHtml(contentType: string | undefined, text: string, start: number): boolean {
  if (contentType !== undefined && /^\s*(text\/html|application\/xhtml)/i.test(contentType)) return true;
  return /^<(!doctype\s+html|html|head|body)\b/i.test(text.slice(start, start + 20));
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i;
  }
  return -1;
}

/**
 * The transcript form of a (redacted) body. `cap` bounds the characters kept, so callers that hold thousands
 * of exchanges (probes) keep them small; the copy is flattened so the kept text does not pin the whole body.
 */
export function transcriptBody(
  text: string,
  size: number,
  classified: ClassifiedBody,
  contentType: string | undefined,
  cap: number,
  truncated: boolean,
): TranscriptBody {
  let kept = text;
  let omittedBytes = 0;
  if (text.length > cap) {
    kept = Buffer.from(text.slice(0, Math.max(0, cap)), 'utf8').toString('utf8');
    omittedBytes = Math.max(0, size - Buffer.byteLength(kept));
  }
  const body: TranscriptBody = { kind: classified.kind, size, text: kept, truncated, omittedBytes };
  if (contentType !== undefined) body.contentType = contentType;
  if (classified.parseError !== undefined) body.parseError = classified.parseError;
  return body;
}

/**
 * Why `bytes` is not UTF-8 (RFC 7644 §3.8 requires it), or undefined when it is. A body cut at the read cap may
 * end inside a character; that tail is not the server's fault and is not reported.
 */
export function utf8Problem(bytes: Buffer, truncated: boolean): string | undefined {
  if (isUtf8(bytes)) return undefined;
  const at = firstInvalidUtf8(bytes);
  if (at < 0 || (truncated && at >= bytes.length - 3 && isUtf8(bytes.subarray(0, at)))) return undefined;
  return `The body is not valid UTF-8 (byte ${at} of ${bytes.length}); invalid bytes read as U+FFFD.`;
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence, -1 if none. */
function firstInvalidUtf8(b: Buffer): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    if (n > 0 && !isUtf8(b.subarray(i, i + n + 1))) return i;
    i += n + 1;
  }
  return -1;
}
