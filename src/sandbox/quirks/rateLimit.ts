// A token bucket per app: `burst` requests at once, refilled at `requestsPerSecond` (or `requestsPerMinute`, as
// Slack documents its tiers). Over the limit the app answers 429, with or without Retry-After. Operations inside
// a /Bulk request are not counted again: the Bulk request was.
import type { RequestHandler } from 'express';
import type { AppRuntime } from '../appRuntime';
import { sendError } from '../http';
import { internalMarker } from '../internal';

export function rateLimitQuirk(app: AppRuntime): RequestHandler | undefined {
  const limit = app.quirks.rateLimit;
  if (!limit) return undefined;
  const perMinute = limit.requestsPerMinute !== undefined;
  const perSecond = perMinute ? (limit.requestsPerMinute ?? 0) / 60 : (limit.requestsPerSecond ?? 0);
  if (!(perSecond > 0)) return undefined;
  const capacity = Math.max(1, limit.burst ?? (perMinute ? (limit.requestsPerMinute ?? 1) : perSecond));
  const described = perMinute ? `${limit.requestsPerMinute} requests per minute` : `${limit.requestsPerSecond} requests per second`;
  return (req, res, next) => {
    if (internalMarker(req, app.internalSecret)) return next();
    const now = app.now();
    const state = app.quirkState;
    const bucket = state.bucket ?? { tokens: capacity, updatedAt: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updatedAt) / 1000) * perSecond);
    bucket.updatedAt = now;
    state.bucket = bucket;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return next();
    }
    if (limit.retryAfter) res.setHeader('Retry-After', String(Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond))));
    sendError(res, 429, undefined, `Rate limit of ${described} exceeded`);
  };
}
