// Public surface of the HTTP engine (issue 9). The request runner, the probes and the CLI import from here only.
export { createScimClient, DEFAULT_TIMEOUTS, DEFAULT_DEADLINE_MS, DEFAULT_MAX_BODY_BYTES, type ScimClient, type ScimClientOptions } from './client';
export { envSecretHint, type MissingSecretHint } from './auth';
export { issuedAccessTokens } from './oauth';
export { closeHttpConnections } from './dispatchers';
export { RateLimiter, sharedRateLimiter, type Reservation } from './rateLimiter';
export { backoffSpec, backoffDelay, decideRetry, isIdempotent, DEFAULT_BACKOFF, type BackoffSpec } from './retryPolicy';
export { parseRetryAfter, retryAfterSeconds, headerValue, type HeaderBag } from './retryAfter';
export { Redactor, REDACTED } from './redaction';
export { classifyBody, isJsonContentType } from './body';
export { compactExchange } from './compact';
export {
  ScimConfigError,
  type ScimRequest,
  type SendOptions,
  type SendResult,
  type Exchange,
  type ExchangeEvent,
  type Attempt,
  type Timings,
  type Timeouts,
  type TranscriptBody,
  type BodyKind,
  type TransportError,
  type TransportErrorKind,
  type RedirectRecord,
  type TokenRequestRecord,
} from './types';
