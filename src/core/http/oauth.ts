// OAuth 2.0 client credentials (RFC 6749 §4.4): one token per (token URL, client, scope, secret) in the process,
// shared by every client of the application, refreshed shortly before `expires_in` runs out or when the server
// refuses it with a 401. Concurrent requests that need a token wait for one token request, not one each.
import type { Dispatcher } from 'undici';
import { runAttempt } from './attempt';
import type { RedactableSecret } from '../registry/secrets';
import type { Redactor } from './redaction';
import type { Timeouts, TokenRequestRecord } from './types';

interface CachedToken {
  token: string;
  expiresAt: number;
}

const tokens = new Map<string, CachedToken>();
const inflight = new Map<string, Promise<CachedToken>>();
/** The access tokens this process was issued, newest last (bounded): whatever stores runs redacts them again, in
 * case some text ever escaped the engine's redaction. */
const issued: RedactableSecret[] = [];
const MAX_ISSUED = 200;

export function issuedAccessTokens(): readonly RedactableSecret[] {
  return issued;
}

export class TokenError extends Error {}

export interface TokenRequest {
  tokenUrl: string;
  clientId: string;
  secretName: string;
  secret: string;
  scope?: string;
}

export interface TokenContext {
  dispatcher: Dispatcher;
  timeouts: Timeouts;
  signal?: AbortSignal;
  redactor: Redactor;
  userAgent: string;
  now: () => number;
  record: (r: TokenRequestRecord) => void;
  onFetch: (why: TokenRequestRecord['why']) => void;
}

const keyOf = (r: TokenRequest): string => JSON.stringify([r.tokenUrl, r.clientId, r.scope ?? '', r.secretName]);

/** Forgets the cached token (the server answered 401 with it). */
export function invalidateToken(r: TokenRequest, token: string): void {
  const key = keyOf(r);
  if (tokens.get(key)?.token === token) tokens.delete(key);
}

export async function accessToken(r: TokenRequest, ctx: TokenContext, refused = false): Promise<string> {
  const key = keyOf(r);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > ctx.now()) {
    ctx.redactor.addSecret({ name: `${r.secretName}:access-token`, value: cached.token });
    return cached.token;
  }
  let pending = inflight.get(key);
  if (!pending) {
    const why: TokenRequestRecord['why'] = refused ? 'refused with 401' : cached ? 'expiring' : 'no token yet';
    pending = fetchToken(r, ctx, why).finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  const fresh = await pending;
  tokens.set(key, fresh);
  const secret = { name: `${r.secretName}:access-token`, value: fresh.token };
  if (!issued.some((s) => s.value === fresh.token)) {
    issued.push(secret);
    if (issued.length > MAX_ISSUED) issued.shift();
  }
  ctx.redactor.addSecret(secret);
  return fresh.token;
}

async function fetchToken(r: TokenRequest, ctx: TokenContext, why: TokenRequestRecord['why']): Promise<CachedToken> {
  ctx.onFetch(why);
  let url: URL;
  try {
    url = new URL(r.tokenUrl);
  } catch {
    throw new TokenError(`auth.tokenUrl '${r.tokenUrl}' is not a URL`);
  }
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: r.clientId, client_secret: r.secret });
  if (r.scope) form.set('scope', r.scope);
  const started = ctx.now();
  const outcome = await runAttempt(
    ctx.dispatcher,
    {
      origin: url.origin,
      path: url.pathname + url.search,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', 'user-agent': ctx.userAgent },
      body: form.toString(),
    },
    { timeouts: ctx.timeouts, maxBodyBytes: 1024 * 1024, ...(ctx.signal ? { signal: ctx.signal } : {}) },
  );
  const record: TokenRequestRecord = { url: ctx.redactor.url(r.tokenUrl), durationMs: Math.round(ctx.now() - started), why };
  const fail = (message: string): never => {
    record.error = ctx.redactor.text(message);
    ctx.record(record);
    throw new TokenError(record.error);
  };
  if (outcome.error) fail(`the token request to ${url.origin} failed: ${outcome.error.message}`);
  const res = outcome.response;
  if (!res) return fail('the token endpoint sent no response');
  record.status = res.status;
  const text = res.body.toString('utf8');
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  if (res.status < 200 || res.status > 299) {
    const code = typeof body?.['error'] === 'string' ? ` ${body['error']}` : '';
    const description = typeof body?.['error_description'] === 'string' ? `: ${body['error_description']}` : '';
    fail(`the token endpoint ${r.tokenUrl} answered ${res.status}${code}${description}`);
  }
  const token = body?.['access_token'];
  if (typeof token !== 'string' || token === '') return fail(`the token endpoint ${r.tokenUrl} answered ${res.status} without an access_token`);
  ctx.record(record);
  const lifetimeMs = typeof body?.['expires_in'] === 'number' && body['expires_in'] > 0 ? body['expires_in'] * 1000 : 3600_000;
  // Refresh a little early, so a token never expires between being read and being checked by the server.
  const margin = Math.min(60_000, lifetimeMs * 0.1);
  return { token, expiresAt: started + lifetimeMs - margin };
}
