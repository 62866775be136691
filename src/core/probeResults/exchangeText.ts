// An exchange as a read-only document readers know: the request and the response as HTTP/1.1 text (bodies
// pretty-printed when JSON), then what happened on the way (attempts, waits, redirects). The exchange is already
// redacted by the engine and again before storage; nothing is added here but layout.
import type { Exchange, TranscriptBody } from '../http';

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
}

function bodyText(body: TranscriptBody | undefined): string[] {
  if (!body || body.kind === 'empty' || body.text === '') return [];
  let text = body.text;
  if (body.kind === 'json') {
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // A cut or broken JSON body is shown as it came.
    }
  }
  const notes: string[] = [];
  if (body.omittedBytes > 0) notes.push(`# … ${body.omittedBytes} more bytes not kept in the transcript`);
  if (body.truncated) notes.push('# … the response was longer than the read limit');
  if (body.parseError) notes.push(`# not valid JSON: ${body.parseError}`);
  return ['', text, ...notes];
}

export function exchangeToHttp(x: Exchange): string {
  const lines: string[] = [`# Exchange ${x.id} · ${x.startedAt} · ${Math.round(x.timings.totalMs)} ms`, ''];
  lines.push(`${x.request.method} ${x.request.url} HTTP/1.1`, ...headerLines(x.request.headers), ...bodyText(x.request.body), '');
  if (x.response) {
    lines.push('', `HTTP/1.1 ${x.response.status} ${x.response.statusText}`.trimEnd(), ...headerLines(x.response.headers), ...bodyText(x.response.body), '');
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
