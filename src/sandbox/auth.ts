// Bearer-token authentication and an OAuth 2.0 client-credentials token endpoint (RFC 6749 §4.4), so clients
// can test both a static token and the token flow against the same app.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { randomSecret, type AppRuntime } from './appRuntime';
import { sendError } from './http';

export const TOKEN_LIFETIME_SECONDS = 3600;

export function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function tokenValid(app: AppRuntime, token: string): boolean {
  if (safeEqual(token, app.token)) return true;
  const issued = app.issuedTokens.get(token);
  if (!issued) return false;
  if (issued.expiresAt <= app.now()) {
    app.issuedTokens.delete(token);
    return false;
  }
  return true;
}

export function bearerAuth(app: AppRuntime): RequestHandler {
  return (req, res, next) => {
    const header = req.get('Authorization') ?? '';
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (m && tokenValid(app, m[1] as string)) return next();
    res.setHeader('WWW-Authenticate', `Bearer realm="scim-sandbox", error="${header ? 'invalid_token' : 'invalid_request'}"`);
    sendError(res, 401, undefined, header ? 'The bearer token is invalid or expired' : 'Authorization: Bearer <token> is required');
  };
}

function oauthError(res: Parameters<RequestHandler>[1], status: number, error: string, description: string): void {
  res.setHeader('Cache-Control', 'no-store');
  // Sent as a plain string so the SCIM response pipeline leaves this OAuth (not SCIM) body alone.
  res.status(status).type('application/json').send(JSON.stringify({ error, error_description: description }));
}

/** POST {base}/oauth/token, form-encoded; client credentials in the body or in HTTP Basic (RFC 6749 §2.3.1). */
export function tokenEndpoint(app: AppRuntime): RequestHandler {
  return (req, res) => {
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
