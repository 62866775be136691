// The decoded text of a JSON string token with a map back to document offsets, so completion inside a filter
// or PATCH path string can work on the filter text and still edit the right characters.

export interface DecodedString {
  /** Decoded value (escapes resolved). */
  text: string;
  /** rawOffsets[i] is the document offset of decoded character i; rawOffsets[text.length] is the content end. */
  rawOffsets: number[];
  /** Whether the token has its closing quote. */
  closed: boolean;
}

const SIMPLE: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** `start` is the offset of the opening quote; decoding stops at the closing quote or the end of the line. */
export function decodeJsonString(doc: string, start: number): DecodedString {
  let text = '';
  const rawOffsets: number[] = [];
  let i = start + 1;
  const n = doc.length;
  while (i < n) {
    const c = doc[i] as string;
    if (c === '"') return { text, rawOffsets: [...rawOffsets, i], closed: true };
    if (c === '\n' || c === '\r') break;
    rawOffsets.push(i);
    if (c === '\\' && i + 1 < n) {
      const e = doc[i + 1] as string;
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(doc.slice(i + 2, i + 6))) {
        text += String.fromCharCode(parseInt(doc.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      text += SIMPLE[e] ?? e;
      i += 2;
      continue;
    }
    text += c;
    i++;
  }
  return { text, rawOffsets: [...rawOffsets, i], closed: false };
}

/** Text for inside a JSON string literal (no surrounding quotes). */
export function escapeJsonStringContent(s: string): string {
  return JSON.stringify(s).slice(1, -1);
}

/** Snippet-syntax text for inside a JSON string literal: JSON-escapes quotes and backslashes of literal parts. */
export function escapeSnippetForJsonString(snippet: string): string {
  // Snippet literals here never contain backslashes; quotes become \" in the document, written \\" in a snippet.
  return snippet.replace(/"/g, '\\\\"');
}

/** Escapes literal text for VS Code snippet syntax. */
export function snippetLiteral(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}
