// When to send a request again, and after how long. 429 and 503 say "not now" (the request was not processed),
// so every method is retried after the server's Retry-After; other 5xx, 408 and broken connections may have
// been processed, so only idempotent methods are retried unless the caller opts in. Waits use exponential
// backoff with full jitter, so many clients hit by the same outage do not come back in lockstep.
import type { Backoff, RetryAfterBehaviour } from '../registry/model';
import { retryAfterSeconds, type HeaderBag } from './retryAfter';
import type { TransportError } from './types';

export interface BackoffSpec {
  initialMs: number;
  maxMs: number;
  maxRetries: number;
  multiplier: number;
}

/** The registry's documented defaults for `rateLimit.backoff`. */
export const DEFAULT_BACKOFF: Readonly<BackoffSpec> = { initialMs: 500, maxMs: 30_000, maxRetries: 5, multiplier: 2 };

export function backoffSpec(backoff: Backoff | undefined): BackoffSpec {
  const num = (v: unknown, min: number, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= min ? v : fallback);
  return {
    initialMs: num(backoff?.initialMs, 0, DEFAULT_BACKOFF.initialMs),
    maxMs: num(backoff?.maxMs, 0, DEFAULT_BACKOFF.maxMs),
    maxRetries: Math.floor(num(backoff?.maxRetries, 0, DEFAULT_BACKOFF.maxRetries)),
    multiplier: num(backoff?.multiplier, 1, DEFAULT_BACKOFF.multiplier),
  };
}

/** Full jitter: a random wait between 0 and the exponential ceiling of this retry (1-based). */
export function backoffDelay(retry: number, spec: BackoffSpec, random: () => number = Math.random): number {
  const ceiling = Math.min(spec.maxMs, spec.initialMs * spec.multiplier ** Math.max(0, retry - 1));
  return Math.round(random() * ceiling);
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase());
}

export interface RetryContext {
  method: string;
  retryNonIdempotent: boolean;
  /** Retries already taken. */
  retries: number;
  spec: BackoffSpec;
  retryAfter: RetryAfterBehaviour | undefined;
  random: () => number;
  now: number;
}

export type RetryDecision =
  | { retry: false; why?: string }
  | { retry: true; waitMs: number; why: string; retryAfterSeconds?: number; fromServer: boolean };

const RETRYABLE_TRANSPORT = new Set<TransportError['kind']>(['refused', 'reset', 'timeout', 'network', 'protocol']);

export interface RetryOutcome {
  status?: number;
  headers?: HeaderBag;
  error?: TransportError;
  /**
   * What the registry's `errors` entry matching this response says (`retry`), with the entry's index: false
   * stops retries the status alone would take; true retries an error the status alone would not (idempotent
   * methods only, unless the caller opts in, as for 5xx: the request may have been processed).
   */
  registry?: { retry: boolean; index: number };
}

export function decideRetry(outcome: RetryOutcome, ctx: RetryContext): RetryDecision {
  const { status, error, registry } = outcome;
  if (registry?.retry === false) return { retry: false, why: `${status ?? 'this error'}: not retried, as the registry's errors[${registry.index}] says (retry: false)` };
  const retryAllMethods = status === 429 || status === 503;
  const transientByStatus = (status !== undefined && (status === 408 || (status >= 500 && status !== 501 && status !== 505)))
    || (error !== undefined && RETRYABLE_TRANSPORT.has(error.kind) && error.phase !== 'deadline');
  // The registry's `retry: true` only matters for an error the status alone would not retry; it is named then.
  const byRegistry = registry?.retry === true && !retryAllMethods && !transientByStatus;
  const transient = transientByStatus || byRegistry;
  if (!retryAllMethods && !transient) return { retry: false };
  const label = byRegistry && status !== undefined && registry ? `${status} (retry: true in the registry's errors[${registry.index}])`
    : status !== undefined ? String(status) : error?.kind === 'timeout' ? `${error.phase ?? ''} timeout`.trim() : error?.kind ?? 'failure';
  if (!retryAllMethods && !isIdempotent(ctx.method) && !ctx.retryNonIdempotent) {
    return { retry: false, why: `${label} after a ${ctx.method.toUpperCase()}, which is not idempotent: not retried` };
  }
  if (ctx.retries >= ctx.spec.maxRetries) return { retry: false, why: `gave up after ${ctx.retries} ${ctx.retries === 1 ? 'retry' : 'retries'} (maxRetries ${ctx.spec.maxRetries})` };
  const backoff = backoffDelay(ctx.retries + 1, ctx.spec, ctx.random);
  const ra = status !== undefined ? retryAfterSeconds(outcome.headers, status, ctx.now) : undefined;
  if (ra !== undefined && ctx.retryAfter !== 'absent') {
    const serverMs = Math.round(ra * 1000);
    const waitMs = ctx.retryAfter === 'unreliable' ? Math.max(serverMs, backoff) : serverMs;
    return { retry: true, waitMs, why: `${label} with Retry-After ${ra} s`, retryAfterSeconds: ra, fromServer: true };
  }
  return { retry: true, waitMs: backoff, why: `${label}${retryAllMethods ? ' without Retry-After' : ''}: backoff ${backoff} ms`, fromServer: false };
}
