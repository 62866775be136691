// Retry-After (RFC 9110 §10.2.3) in both forms, delay-seconds and HTTP-date. The inspector reads it too, so the
// engine and the explanation always agree on how long a server asked to wait.

export type HeaderValue = string | readonly string[] | undefined;
export type HeaderBag = Readonly<Record<string, HeaderValue>>;

/** First value of a header, looked up case-insensitively. */
export function headerValue(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  let value = headers[lower];
  if (value === undefined) {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() === lower) {
        value = headers[key];
        break;
      }
    }
  }
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/**
 * Seconds to wait from a Retry-After value: an integer, or an HTTP-date measured against the response's own
 * `Date` header when present (server clocks drift), else against `now`. Undefined when absent or unparsable.
 */
export function parseRetryAfter(value: string | undefined, now: number = Date.now(), serverDate?: string): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  // Some servers send fractions ("1.5"); read them rather than ignore the server's wish.
  if (/^\d+\.\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  const reference = serverDate !== undefined && !Number.isNaN(Date.parse(serverDate)) ? Date.parse(serverDate) : now;
  return Math.max(0, Math.ceil((at - reference) / 1000));
}

/**
 * How long the response asks the client to wait: Retry-After first, else the documented rate-limit reset
 * headers (`X-Rate-Limit-Reset` of Okta, `X-RateLimit-Reset` of GitHub: epoch seconds) when the remaining
 * quota is 0 or the status is 429.
 */
export function retryAfterSeconds(headers: HeaderBag | undefined, status?: number, now: number = Date.now()): number | undefined {
  const date = headerValue(headers, 'date');
  const ra = parseRetryAfter(headerValue(headers, 'retry-after'), now, date);
  if (ra !== undefined) return ra;
  const reset = headerValue(headers, 'x-rate-limit-reset') ?? headerValue(headers, 'x-ratelimit-reset');
  const remaining = headerValue(headers, 'x-rate-limit-remaining') ?? headerValue(headers, 'x-ratelimit-remaining');
  if (reset === undefined || !/^\d+$/.test(reset.trim())) return undefined;
  if (status !== 429 && remaining?.trim() !== '0') return undefined;
  const reference = date !== undefined && !Number.isNaN(Date.parse(date)) ? Date.parse(date) : now;
  return Math.max(0, Math.ceil(Number(reset) - reference / 1000));
}
