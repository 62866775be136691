// Builds the redacted Exchange and the caller's view of the response from what the attempts produced.
import { classifyBody, transcriptBody, utf8Problem } from './body';
import type { AttemptResponse } from './attempt';
import type { Redactor } from './redaction';
import type { Exchange, SendResult, TranscriptBody } from './types';

let counter = 0;
const prefix = Math.floor(Math.random() * 36 ** 4).toString(36).padStart(4, '0');

/** Unique in this process; short enough to print beside a finding. */
export function nextExchangeId(): string {
  counter++;
  return `x${prefix}-${counter}`;
}

/** Response headers as one string each (repeated headers joined with ", "), then redacted. */
export function flatHeaders(headers: Readonly<Record<string, string | string[]>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = Array.isArray(v) ? v.join(', ') : (v as string);
  return out;
}

export function requestBody(text: string | undefined, contentType: string | undefined, redactor: Redactor, cap: number): TranscriptBody | undefined {
  if (text === undefined) return undefined;
  const redacted = redactor.text(text);
  const classified = classifyBody(contentType, redacted);
  return transcriptBody(redacted, Buffer.byteLength(text), { kind: classified.kind, ...(classified.parseError ? { parseError: classified.parseError } : {}) }, contentType, cap, false);
}

/** The final response: redacted once, parsed once; the transcript keeps at most `cap` characters of it. */
export function responseParts(res: AttemptResponse, redactor: Redactor, cap: number): { response: NonNullable<Exchange['response']>; json?: unknown; text: string } {
  const headers = redactor.headers(flatHeaders(res.headers));
  const contentType = headers['content-type'];
  const text = redactor.text(res.body.toString('utf8'));
  const classified = classifyBody(contentType, text);
  const body = transcriptBody(text, res.body.length, classified, contentType, cap, res.truncated);
  // The engine asks for no compression and never inflates: a compressed body (a gzip bomb included) is kept as
  // the bytes that came, within the read cap, and said to be undecoded.
  const coding = headers['content-encoding']?.trim().toLowerCase();
  const encodingError = coding && coding !== 'identity'
    ? `The body is ${coding}-encoded; bodies are never inflated, so it is kept as received (${res.body.length} bytes).`
    : utf8Problem(res.body, res.truncated);
  if (encodingError) body.encodingError = encodingError;
  const out: { response: NonNullable<Exchange['response']>; json?: unknown; text: string } = {
    response: { status: res.status, statusText: res.statusText, headers, body },
    text,
  };
  if (classified.json !== undefined) out.json = classified.json;
  return out;
}

export function sendResult(exchange: Exchange, json: unknown, text: string): SendResult {
  const status = exchange.response?.status;
  const result: SendResult = { exchange, ok: status !== undefined && status >= 200 && status <= 299 && !exchange.error, text };
  if (status !== undefined) result.status = status;
  if (json !== undefined) result.json = json;
  return result;
}
