// A token bucket per app: `burst` requests at once, refilled at `requestsPerSecond`. Over the limit the app
// answers 429, with or without Retry-After.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';

export function rateLimitQuirk(app: AppRuntime): RequestHandler | undefined {
  const limit = app.quirks.rateLimit;
  if (!limit || !(limit.requestsPerSecond > 0)) return undefined;
  const capacity = Math.max(1, limit.burst ?? limit.requestsPerSecond);
  return (_req, res, next) => {
    const now = app.now();
    const state = app.quirkState;
    const bucket = state.bucket ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * limit.requestsPerSecond);
    bucket.updatedAt = now;
    state.bucket = bucket;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    if (limit.retryAfter) {
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil((1 - bucket.tokens) / limit.requestsPerSecond))));
    }
    sendError(res, 429, undefined, `Rate limit of ${limit.requestsPerSecond} requests per second exceeded`);
  };
}
