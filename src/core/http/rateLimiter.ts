// A client-side token bucket per application per process: every client of the same application (the runner,
// several probes at once) draws from one limiter, so together they stay within the registry's `rateLimit`.
// Reservations let tokens go negative instead of queueing callbacks: each caller learns at once how long to
// wait, callers are served in arrival order, and an aborted wait gives its token back.
import type { RateLimit } from '../registry/model';

interface Bucket {
  capacity: number;
  perMs: number;
  tokens: number;
  updatedAt: number;
}

export interface Reservation {
  /** Milliseconds to wait before sending (0: send now). */
  waitMs: number;
  /** Whether the wait comes from a server's Retry-After rather than the client's own limit. */
  source: 'client' | 'server';
  /** Gives the slot back (the caller gave up before sending). */
  cancel(): void;
}

export class RateLimiter {
  private readonly buckets: Bucket[] = [];
  private pausedUntil = 0;

  constructor(spec: Pick<RateLimit, 'requestsPerSecond' | 'requestsPerMinute' | 'burst'> | undefined, private readonly now: () => number = () => performance.now()) {
    const t = now();
    const burst = typeof spec?.burst === 'number' && spec.burst >= 1 ? Math.floor(spec.burst) : undefined;
    const rps = positive(spec?.requestsPerSecond);
    const rpm = positive(spec?.requestsPerMinute);
    // Without a burst, a per-minute limit is paced evenly: sending a minute's worth at once is what trips
    // servers that enforce the limit over shorter windows.
    if (rps !== undefined) this.buckets.push(bucket(burst ?? Math.max(1, Math.ceil(rps)), rps / 1000, t));
    if (rpm !== undefined) this.buckets.push(bucket(burst ?? Math.max(1, Math.ceil(rpm / 60)), rpm / 60_000, t));
  }

  /** True when the limiter never makes anyone wait (no limits configured and no server pause). */
  get unlimited(): boolean {
    return this.buckets.length === 0 && this.pausedUntil <= this.now();
  }

  reserve(): Reservation {
    const t = this.now();
    let wait = 0;
    for (const b of this.buckets) {
      b.tokens = Math.min(b.capacity, b.tokens + (t - b.updatedAt) * b.perMs);
      b.updatedAt = t;
      b.tokens -= 1;
      if (b.tokens < 0) wait = Math.max(wait, -b.tokens / b.perMs);
    }
    const pause = Math.max(0, this.pausedUntil - t);
    let cancelled = false;
    return {
      waitMs: Math.ceil(Math.max(wait, pause)),
      source: pause > wait ? 'server' : 'client',
      cancel: () => {
        if (cancelled) return;
        cancelled = true;
        for (const b of this.buckets) b.tokens = Math.min(b.capacity, b.tokens + 1);
      },
    };
  }

  /** A server said to wait (429/503 with Retry-After): nobody sends to this application before then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}

function bucket(capacity: number, perMs: number, t: number): Bucket {
  return { capacity, perMs, tokens: capacity, updatedAt: t };
}

const shared = new Map<string, { spec: string; limiter: RateLimiter }>();

/**
 * The process-wide limiter of one application (keyed by its id and base URL). A changed `rateLimit` (the user
 * edited the registry) replaces it.
 */
export function sharedRateLimiter(appId: string, baseUrl: string, spec: RateLimit | undefined): RateLimiter {
  const key = `${appId}\n${baseUrl}`;
  const specKey = JSON.stringify([spec?.requestsPerSecond, spec?.requestsPerMinute, spec?.burst]);
  const found = shared.get(key);
  if (found && found.spec === specKey) return found.limiter;
  const limiter = new RateLimiter(spec);
  shared.set(key, { spec: specKey, limiter });
  return limiter;
}
