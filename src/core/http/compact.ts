// A small copy of an exchange for callers that keep thousands (probe evidence): bodies cut to `bodyChars`,
// everything else kept. The copy shares no string with the original body, so keeping it does not keep the body.
import type { Exchange, TranscriptBody } from './types';

function shorten(body: TranscriptBody | undefined, max: number): TranscriptBody | undefined {
  if (!body || body.text.length <= max) return body && { ...body };
  const text = Buffer.from(body.text.slice(0, max), 'utf8').toString('utf8');
  const dropped = Buffer.byteLength(body.text) - Buffer.byteLength(text);
  return { ...body, text, omittedBytes: body.omittedBytes + dropped };
}

export function compactExchange(exchange: Exchange, bodyChars = 2048): Exchange {
  const out: Exchange = { ...exchange, request: { ...exchange.request } };
  const reqBody = shorten(exchange.request.body, bodyChars);
  if (reqBody) out.request.body = reqBody;
  if (exchange.response) {
    const body = shorten(exchange.response.body, bodyChars) as TranscriptBody;
    out.response = { ...exchange.response, body };
  }
  return out;
}
