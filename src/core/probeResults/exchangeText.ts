// An exchange as a read-only document readers know: the request and the response as HTTP/1.1 text, then what
// happened on the way (attempts, waits, redirects). JSON bodies are laid out for reading (whitespace only, also
// when the transcript cut them); bodies that are not JSON, or JSON the server broke, are shown as received under
// a label. The exchange is already redacted by the engine and again before storage; nothing is added here but
// layout, and each body is bounded so a huge one cannot freeze the editor.
import type { Exchange, TranscriptBody } from '../http';
import { layoutJson } from './jsonLayout';

/** Characters of one body the document shows at most. */
export const MAX_DOCUMENT_BODY_CHARS = 200_000;

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
}

/** The body as received, bounded. */
function asReceived(text: string, maxChars: number, notes: string[]): string {
  if (text.length <= maxChars) return text;
  notes.unshift(`# … shown up to ${maxChars} of ${text.length} characters; the rest of this body is left out`);
  return text.slice(0, maxChars);
}

/** The body's lines: labels before it, then the body, then what was left out and why. */
export function bodyLines(body: TranscriptBody | undefined, maxChars = MAX_DOCUMENT_BODY_CHARS): string[] {
  if (!body || body.kind === 'empty' || body.text === '') return [];
  const labels: string[] = [];
  const notes: string[] = [];
  if (body.omittedBytes > 0) notes.push(`# … ${body.omittedBytes} more bytes not kept in the transcript`);
  if (body.truncated) notes.push('# … the response was longer than the read limit');
  if (body.encodingError) notes.push(`# ${body.encodingError}`);
  const kind = body.contentType ? `${body.kind} (${body.contentType})` : body.kind;
  // A parse error of a body read whole is the server's; one of a body cut at the read limit is the cut's.
  const broken = body.parseError !== undefined && !body.truncated;
  if (broken || body.kind !== 'json') {
    labels.push(broken ? `# not valid JSON (${body.parseError ?? ''}): shown as received` : `# ${kind} body, shown as received`);
    return ['', ...labels, asReceived(body.text, maxChars, notes), ...notes];
  }
  const layout = layoutJson(body.text, maxChars);
  const cut = body.omittedBytes > 0 || body.truncated;
  if (layout.kind === 'invalid' || (layout.kind === 'cut' && !cut)) {
    const why = layout.kind === 'invalid' ? layout.error : 'it ends before the value does';
    labels.push(`# not valid JSON (${why}): shown as received`);
    return ['', ...labels, asReceived(body.text, maxChars, notes), ...notes];
  }
  if (layout.kind === 'limited') notes.unshift(`# … laid out up to ${maxChars} characters; the last ${body.text.length - layout.stoppedAt} characters of this body are not shown`);
  return ['', layout.text, ...notes];
}

export function exchangeToHttp(x: Exchange): string {
  const lines: string[] = [`# Exchange ${x.id} · ${x.startedAt} · ${Math.round(x.timings.totalMs)} ms`, ''];
  lines.push(`${x.request.method} ${x.request.url} HTTP/1.1`, ...headerLines(x.request.headers), ...bodyLines(x.request.body), '');
  if (x.response) {
    lines.push('', `HTTP/1.1 ${x.response.status} ${x.response.statusText}`.trimEnd(), ...headerLines(x.response.headers), ...bodyLines(x.response.body), '');
  } else {
    lines.push('', `# No response: ${x.error ? `${x.error.kind}: ${x.error.message}` : 'none recorded'}`, '');
  }
  const notes: string[] = [];
  if (x.attempts.length > 1 || x.retries) {
    for (const a of x.attempts) notes.push(`# attempt ${a.n} (${a.why}): ${a.status ?? a.error?.kind ?? '?'} in ${a.durationMs} ms${a.waitedMs ? ` after waiting ${a.waitedMs} ms` : ''}${a.retryAfter ? `, Retry-After ${a.retryAfter}` : ''}`);
  }
  for (const r of x.redirects) notes.push(`# redirect ${r.status} to ${r.location}${r.followed ? '' : ` not followed (${r.reason ?? ''})`}`);
  if (x.timings.waitedMs) notes.push(`# waited ${x.timings.waitedMs} ms (rate limit, Retry-After, backoff)`);
  if (notes.length) lines.push('', ...notes, '');
  return lines.join('\n');
}
