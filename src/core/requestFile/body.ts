// A request body between its `{{...}}` references and comment lines: which references sit inside a JSON string
// (their values are JSON-escaped there, inserted as-is elsewhere), and the text the payload rules and the payload
// language service see: comment lines blanked, bare references replaced by `null`, every offset unchanged.
import type { OffsetRange } from '../text';
import type { RequestBody, RequestFile, VariableRef } from './model';
import { refsWithin } from './variables';

function blank(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** The body text with comment lines blanked (same length). */
function withoutComments(file: RequestFile, body: RequestBody): string {
  const parts: string[] = [];
  let at = body.range.start;
  for (const c of body.comments) {
    parts.push(file.text.slice(at, c.start), blank(file.text.slice(c.start, c.end)));
    at = c.end;
  }
  parts.push(file.text.slice(at, body.range.end));
  return parts.join('');
}

/** Offsets (relative to `text`) of the JSON string literals in `text`, quotes included. */
function stringSpans(text: string): OffsetRange[] {
  const spans: OffsetRange[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const start = i++;
    while (i < text.length && text[i] !== '"' && text[i] !== '\n' && text[i] !== '\r') i += text[i] === '\\' ? 2 : 1;
    spans.push({ start, end: Math.min(i + 1, text.length) });
    i++;
  }
  return spans;
}

export interface BodyView {
  /** Offset of the body in the file. */
  base: number;
  /** What the payload rules see: comments blanked, bare references as `null`, same length as the body. */
  analysisText: string;
  /** The body's references, each with whether it sits inside a JSON string. */
  refs: { ref: VariableRef; inString: boolean }[];
}

export function bodyView(file: RequestFile, body: RequestBody): BodyView {
  const base = body.range.start;
  const plain = withoutComments(file, body);
  const spans = stringSpans(plain);
  // References and string spans are both in text order: one sweep pairs them.
  let k = 0;
  const refs = refsWithin(file.variables, body.range).map((ref) => {
    const s = ref.range.start - base;
    while (k < spans.length && (spans[k] as OffsetRange).end <= s) k++;
    const span = spans[k];
    return { ref, inString: span !== undefined && span.start < s && ref.range.end - base <= span.end };
  });
  const parts: string[] = [];
  let at = 0;
  for (const { ref, inString } of refs) {
    if (inString) continue;
    const s = ref.range.start - base;
    const e = ref.range.end - base;
    parts.push(plain.slice(at, s), 'null'.padEnd(e - s, ' '));
    at = e;
  }
  parts.push(plain.slice(at));
  return { base, analysisText: parts.join(''), refs };
}

/** The body as sent: comment lines removed, references replaced by `valueOf` (JSON-escaped inside strings). */
export function substituteBody(file: RequestFile, body: RequestBody, values: ReadonlyMap<VariableRef, string>): string {
  const view = bodyView(file, body);
  const cuts: { range: OffsetRange; text: string }[] = [];
  for (const { ref, inString } of view.refs) {
    const value = values.get(ref) ?? '';
    cuts.push({ range: ref.range, text: inString ? JSON.stringify(value).slice(1, -1) : value });
  }
  // A removed comment line takes its line break with it.
  for (const c of body.comments) {
    let end = c.end;
    if (file.text[end] === '\r') end++;
    if (file.text[end] === '\n') end++;
    cuts.push({ range: { start: c.start, end }, text: '' });
  }
  cuts.sort((a, b) => a.range.start - b.range.start);
  let out = '';
  let at = body.range.start;
  for (const c of cuts) {
    out += file.text.slice(at, c.range.start) + c.text;
    at = c.range.end;
  }
  return out + file.text.slice(at, body.range.end);
}
