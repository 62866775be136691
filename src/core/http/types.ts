// The HTTP engine's public shapes. An Exchange is the redacted, JSON-serialisable record of one request and
// everything that happened to it (attempts, waits, redirects); the runner keeps it as history, the probes as
// evidence. The engine itself never retains exchanges: callers keep what they need.
import type { RedactableSecret } from '../registry/secrets';

/** A request to one application; `path` is below the application's `baseUrl` unless it is an absolute URL. */
export interface ScimRequest {
  method: string;
  /** `/Users?count=10`, or an absolute URL on the application's own origin. */
  path: string;
  /** Extra query parameters, appended (URL-encoded) to those already in `path`. */
  query?: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  /** Extra headers; they override the defaults (Accept, Content-Type, User-Agent) but never the auth header. */
  headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; any other value is sent as JSON. */
  body?: unknown;
}

export interface Timeouts {
  /** TCP (and TLS) connection set-up. */
  connectMs: number;
  /** From the request being written to the response's status line and headers. */
  headersMs: number;
  /** Longest silence while the body is being read. */
  bodyMs: number;
}

export interface SendOptions {
  signal?: AbortSignal;
  /** Progress while the request is in flight (attempts, waits, retries, token fetches). */
  onEvent?: (event: ExchangeEvent) => void;
  /** Authenticate with `auth.rotation.secondarySecret` instead of `auth.secret`. */
  secondary?: boolean;
  /**
   * Probing how a server answers bad credentials: `omit` sends no credentials at all, `invalid` sends a
   * deliberately wrong one in the application's own form (bearer, API-key header, Basic). No OAuth token is
   * fetched or refreshed for such a request.
   */
  credentials?: 'omit' | 'invalid';
  /** Retry POST and PATCH on 5xx and connection failures too (they are not idempotent: off by default). */
  retryNonIdempotent?: boolean;
  /** Overrides the client's total deadline (every attempt and wait included). */
  deadlineMs?: number;
  /** Overrides the application's `rateLimit.backoff.maxRetries`. */
  maxRetries?: number;
  timeouts?: Partial<Timeouts>;
  /**
   * More values to redact from this exchange besides the application's secrets: e.g. what a user typed into a
   * password prompt of a request file (`{{$prompt password}}`) and the request body carries.
   */
  redact?: readonly RedactableSecret[];
}

export type BodyKind = 'json' | 'text' | 'html' | 'empty';

export interface TranscriptBody {
  kind: BodyKind;
  contentType?: string;
  /** Bytes read (for a request: bytes sent). */
  size: number;
  /** The body as text, redacted; shortened when the transcript cap is smaller than the body. */
  text: string;
  /** The response was longer than the read cap: only `size` bytes were read, the rest was dropped. */
  truncated: boolean;
  /** Bytes read but left out of `text` (the transcript cap), 0 when `text` is whole. */
  omittedBytes: number;
  /** Why a body that claims (or looks) to be JSON does not parse. */
  parseError?: string;
  /** The body is not valid UTF-8 (SCIM requires it): where, and that invalid bytes read as U+FFFD. */
  encodingError?: string;
}

export type TransportErrorKind = 'refused' | 'reset' | 'timeout' | 'dns' | 'tls' | 'aborted' | 'protocol' | 'token' | 'network';

export interface TransportError {
  kind: TransportErrorKind;
  /** One sentence for a person: what failed and, where it helps, what to check. */
  message: string;
  /** The underlying error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT, DEPTH_ZERO_SELF_SIGNED_CERT...). */
  code?: string;
  /** timeout: which limit was hit. */
  phase?: 'connect' | 'headers' | 'body' | 'deadline';
  /** tls: what is wrong with the server's certificate. */
  tls?: 'self-signed' | 'expired' | 'hostname' | 'untrusted' | 'other';
}

export interface Timings {
  /** Name resolution, when this exchange opened a new connection to a host name. */
  dnsMs?: number;
  /** TCP connection set-up, when this exchange opened a new connection. */
  connectMs?: number;
  /** TLS handshake, when this exchange opened a new https connection. */
  tlsMs?: number;
  /** Last attempt: from sending to the first response byte. */
  ttfbMs?: number;
  /** Everything: rate-limit waits, retries, redirects and token requests included. */
  totalMs: number;
  /** Time spent waiting (rate limit, Retry-After, backoff). */
  waitedMs: number;
}

export interface Attempt {
  n: number;
  startedAt: string;
  durationMs: number;
  status?: number;
  /** The Retry-After header of a 429 or 503 answer, as sent (probes report a 429 without one). */
  retryAfter?: string;
  error?: TransportError;
  /** Waited before this attempt (client-side rate limit, Retry-After, backoff), in ms. */
  waitedMs: number;
  /** Why this attempt was made: "first", or what made the previous one worth retrying. */
  why: string;
  /** On the last attempt: why it was not retried although it failed (not idempotent, deadline, gave up). */
  notRetried?: string;
}

export interface RedirectRecord {
  status: number;
  location: string;
  followed: boolean;
  /** Why it was not followed (another origin, too many redirects, no Location). */
  reason?: string;
}

export interface TokenRequestRecord {
  url: string;
  status?: number;
  durationMs: number;
  error?: string;
  why: 'no token yet' | 'expiring' | 'refused with 401';
}

export interface Exchange {
  /** Unique in this process, e.g. `x1k9c2-17`. Findings and history refer to it. */
  id: string;
  appId: string;
  startedAt: string;
  request: {
    method: string;
    url: string;
    /** `GET /scim/v2/Users?count=10 HTTP/1.1` */
    line: string;
    headers: Record<string, string>;
    body?: TranscriptBody;
  };
  response?: {
    status: number;
    statusText: string;
    headers: Record<string, string>;
    body: TranscriptBody;
  };
  /** Set when no usable response came back (the last attempt's failure). */
  error?: TransportError;
  /** Which secret authenticated the request. */
  secret?: 'primary' | 'secondary';
  timings: Timings;
  attempts: Attempt[];
  /** Attempts made because an earlier one failed (redirects followed are not retries). */
  retries: number;
  redirects: RedirectRecord[];
  tokenRequests: TokenRequestRecord[];
}

export interface SendResult {
  exchange: Exchange;
  /** A 2xx answer. */
  ok: boolean;
  status?: number;
  /** The parsed response body when it is JSON (redacted like the transcript). Not part of the exchange. */
  json?: unknown;
  /** The whole response body as read (up to the read cap), redacted. */
  text: string;
}

export type ExchangeEvent =
  | { type: 'attempt'; exchangeId: string; attempt: number; method: string; url: string }
  | { type: 'rateLimitWait'; exchangeId: string; waitMs: number; source: 'client' | 'server' }
  | { type: 'retry'; exchangeId: string; nextAttempt: number; waitMs: number; reason: string; retryAfterSeconds?: number }
  | { type: 'token'; exchangeId: string; why: TokenRequestRecord['why'] }
  | { type: 'redirect'; exchangeId: string; status: number; location: string; followed: boolean }
  | { type: 'response'; exchangeId: string; attempt: number; status: number; durationMs: number }
  | { type: 'failure'; exchangeId: string; attempt: number; error: TransportError };

/** A problem with the configuration, found before anything is sent (missing secret, incomplete auth, bad URL). */
export class ScimConfigError extends Error {
  readonly code: 'SECRET_MISSING' | 'AUTH_INCOMPLETE' | 'BAD_URL' | 'OTHER_ORIGIN' | 'CA_FILE' | 'PROXY';
  /** SECRET_MISSING: the secret's name and the environment variable the CLI reads. */
  readonly secretName?: string;
  readonly envName?: string;

  constructor(code: ScimConfigError['code'], message: string, secret?: { name: string; envName: string }) {
    super(message);
    this.name = 'ScimConfigError';
    this.code = code;
    this.secretName = secret?.name;
    this.envName = secret?.envName;
  }
}
