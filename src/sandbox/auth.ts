// Authentication of every app request in the app's scheme (a bearer token, HTTP Basic or an API key; see
// appAuth.ts), and the OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4) of bearer apps, so clients can
// test a static token and the token flow against the same app.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { randomSecret, type AppRuntime } from './appRuntime';
import { sendError } from './http';

export const TOKEN_LIFETIME_SECONDS = 3600;

export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function tokenValid(app: AppRuntime, token: string): boolean {
  if (app.auth.type !== 'bearer') return false;
  if (safeEqual(token, app.auth.token)) return true;
  const issued = app.issuedTokens.get(token);
  if (!issued) return false;
  if (issued.expiresAt <= app.now()) {
    app.issuedTokens.delete(token);
    return false;
  }
  return true;
}

export type CredentialCheck = { ok: true } | { ok: false; challenge: string; detail: string };

/** The scheme a client used, named only when it is a standard one: anything else may be the credential itself. */
function schemeOf(header: string): string {
  const scheme = /^(Basic|Bearer|Digest)\s/i.exec(header)?.[1]?.toLowerCase();
  return scheme === 'basic' ? 'HTTP Basic credentials are' : scheme === 'bearer' ? 'a bearer token is' : scheme === 'digest' ? 'Digest credentials are' : 'this Authorization header is';
}

function decodeBasic(encoded: string): { username: string; password: string } | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Whether a request carries this app's credentials, in its scheme. A refusal names what was expected, never
 * what was sent: a wrong password, a key in the wrong header or a token sent to a Basic app is still a secret.
 */
export function checkCredentials(app: AppRuntime, req: Request): CredentialCheck {
  const header = req.get('Authorization') ?? '';
  const auth = app.auth;
  switch (auth.type) {
    case 'bearer': {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (m && tokenValid(app, m[1] as string)) return { ok: true };
      if (m) return { ok: false, challenge: 'Bearer realm="scim-sandbox", error="invalid_token"', detail: 'The bearer token is invalid or expired' };
      return {
        ok: false,
        challenge: 'Bearer realm="scim-sandbox", error="invalid_request"',
        detail: header ? `This app authenticates with a bearer token (Authorization: Bearer <token>); ${schemeOf(header)} not accepted` : 'Authorization: Bearer <token> is required',
      };
    }
    case 'basic': {
      const challenge = 'Basic realm="scim-sandbox", charset="UTF-8"';
      const m = /^Basic\s+(\S+)\s*$/i.exec(header);
      if (!m) {
        return { ok: false, challenge, detail: header ? `This app authenticates with HTTP Basic (Authorization: Basic base64(username:password)); ${schemeOf(header)} not accepted` : 'Authorization: Basic base64(username:password) is required' };
      }
      const sent = decodeBasic(m[1] as string);
      if (!sent) return { ok: false, challenge, detail: 'The Basic credentials are not base64(username:password)' };
      // Both compared, always: which of the two was wrong must not show in the timing either.
      const userOk = safeEqual(sent.username, auth.username);
      const passwordOk = safeEqual(sent.password, auth.password);
      return userOk && passwordOk ? { ok: true } : { ok: false, challenge, detail: 'The user name or password is wrong' };
    }
    case 'apiKey': {
      const challenge = `ApiKey realm="scim-sandbox", header="${auth.header}"`;
      const sent = req.get(auth.header);
      if (sent === undefined || sent === '') {
        return {
          ok: false,
          challenge,
          detail: header && auth.header.toLowerCase() !== 'authorization'
            ? `This app authenticates with an API key in the ${auth.header} header; ${schemeOf(header)} not accepted`
            : `The ${auth.header} header with the API key is required`,
        };
      }
      return safeEqual(sent, auth.key) ? { ok: true } : { ok: false, challenge, detail: `The API key in the ${auth.header} header is wrong` };
    }
  }
}

/** 401 with a SCIM error body and the challenge of the app's scheme (RFC 7235 §4.1, RFC 7644 §3.12). */
export function appAuth(app: AppRuntime): RequestHandler {
  return (req, res, next) => {
    const check = checkCredentials(app, req);
    if (check.ok) return next();
    res.setHeader('WWW-Authenticate', check.challenge);
    sendError(res, 401, undefined, check.detail);
  };
}

/** How a non-bearer app answers its token endpoint: it issues no tokens, and says what it takes instead. */
function schemeInstead(app: AppRuntime): string | undefined {
  if (app.auth.type === 'basic') return 'HTTP Basic (Authorization: Basic base64(username:password))';
  if (app.auth.type === 'apiKey') return `an API key in the ${app.auth.header} header`;
  return undefined;
}

function oauthError(res: Parameters<RequestHandler>[1], status: number, error: string, description: string): void {
  res.setHeader('Cache-Control', 'no-store');
  // Sent as a plain string so the SCIM response pipeline leaves this OAuth (not SCIM) body alone.
  res.status(status).type('application/json').send(JSON.stringify({ error, error_description: description }));
}

/** POST {base}/oauth/token, form-encoded; client credentials in the body or in HTTP Basic (RFC 6749 §2.3.1). */
export function tokenEndpoint(app: AppRuntime): RequestHandler {
  return (req, res) => {
    const instead = schemeInstead(app);
    if (instead) return oauthError(res, 400, 'unauthorized_client', `This app authenticates every request with ${instead} and issues no tokens; OAuth 2.0 client credentials are served by bearer apps`);
    const form = (req.body ?? {}) as Record<string, unknown>;
    let clientId = typeof form['client_id'] === 'string' ? form['client_id'] : undefined;
    let clientSecret = typeof form['client_secret'] === 'string' ? form['client_secret'] : undefined;
    const basic = /^Basic\s+(\S+)$/i.exec(req.get('Authorization') ?? '');
    if (basic) {
      const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        clientId = decodeURIComponent(decoded.slice(0, colon));
        clientSecret = decodeURIComponent(decoded.slice(colon + 1));
      }
    }
    if (form['grant_type'] !== 'client_credentials') {
      return oauthError(res, 400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    }
    if (!clientId || !clientSecret || !safeEqual(clientId, app.clientId) || !safeEqual(clientSecret, app.clientSecret)) {
      res.setHeader('WWW-Authenticate', 'Basic realm="scim-sandbox"');
      return oauthError(res, 401, 'invalid_client', 'Unknown client or wrong secret');
    }
    const accessToken = randomSecret(32);
    app.issuedTokens.set(accessToken, { expiresAt: app.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).type('application/json').send(
      JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS }),
    );
  };
}
