// The SCIM client bound to one registry application: the only code that sends requests to SCIM servers. It
// resolves credentials before sending, keeps to the application's rate limit (shared per process), retries what
// is safe to retry, follows same-origin redirects only, and returns a redacted Exchange for every request,
// whatever happened. It keeps nothing after returning.
import type { Dispatcher } from 'undici';
import type { Application } from '../registry/model';
import type { SecretSource } from '../registry/secrets';
import { version } from '../version';
import { runAttempt, type AttemptOutcome } from './attempt';
import { envSecretHint, invalidAuthHeader, resolveAuth, staticAuthHeader, type MissingSecretHint, type ResolvedAuth } from './auth';
import { dispatcherFor } from './dispatchers';
import { nextExchangeId, requestBody, responseParts, sendResult } from './exchangeRecord';
import { accessToken, invalidateToken, TokenError, type TokenRequest } from './oauth';
import { sharedRateLimiter, type RateLimiter } from './rateLimiter';
import { Redactor } from './redaction';
import { backoffSpec, decideRetry } from './retryPolicy';
import { registryRetryVerdict } from './registryRetry';
import { headerValue } from './retryAfter';
import { AbortedError, sleep } from './sleep';
import { buildUrl } from './url';
import type { Attempt, Exchange, ExchangeEvent, RedirectRecord, ScimRequest, SendOptions, SendResult, Timeouts, TokenRequestRecord, TransportError } from './types';

export interface ScimClientOptions {
  /** Where secret values come from (VS Code: SecretStorage then the environment; CLI: SCIM_SECRET_<NAME>). */
  secrets: SecretSource;
  /** How to tell the user where to set a missing secret; default names the SCIM_SECRET_<NAME> variable. */
  missingSecretHint?: MissingSecretHint;
  timeouts?: Partial<Timeouts>;
  /** Total time for one send, every retry and wait included. Default 60 s. */
  deadlineMs?: number;
  /** Response bytes read at most; the rest is dropped and the body marked truncated. Default 5 MiB. */
  maxBodyBytes?: number;
  /** Characters of each body kept in the exchange (default: all that was read). Probes keep a few KB. */
  transcriptBodyChars?: number;
  /** A proxy for every request (VS Code's `http.proxy`); else HTTPS_PROXY/HTTP_PROXY/NO_PROXY from `env`. */
  proxy?: string;
  noProxy?: string;
  /** A PEM file of extra certificate authorities to trust. */
  caFile?: string;
  /** Where proxy variables are read from; default process.env. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Default `scim-workbench/<version>`. */
  userAgent?: string;
  /** The limiter shared by every client of this application in the process; injectable for tests. */
  rateLimiter?: RateLimiter;
  /** Jitter source (tests make backoff deterministic). */
  random?: () => number;
}

export interface ScimClient {
  readonly app: Application;
  /** Sends one request. Resolves for every outcome (transport failures are in `exchange.error`); rejects only
   * with a ScimConfigError (missing secret, incomplete auth, bad URL), before anything is sent. */
  send(request: ScimRequest, options?: SendOptions): Promise<SendResult>;
  /** Checks the configuration (secrets present, auth complete) without sending anything. */
  checkConfig(options?: { secondary?: boolean }): Promise<void>;
}

export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = { connectMs: 10_000, headersMs: 30_000, bodyMs: 30_000 };
export const DEFAULT_DEADLINE_MS = 60_000;
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
const MAX_REDIRECTS = 5;

export function createScimClient(app: Application, options: ScimClientOptions): ScimClient {
  const hint = options.missingSecretHint ?? envSecretHint;
  const limiter = options.rateLimiter ?? sharedRateLimiter(app.id, app.baseUrl, app.rateLimit);
  const userAgent = options.userAgent ?? `scim-workbench/${version}`;
  const random = options.random ?? Math.random;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const transcriptCap = options.transcriptBodyChars ?? Number.MAX_SAFE_INTEGER;
  const env = options.env ?? process.env;

  return {
    app,
    async checkConfig(opts = {}) {
      buildUrl(app.baseUrl, '/');
      await resolveAuth(app, options.secrets, opts.secondary === true, hint);
    },
    async send(request, opts = {}) {
      const timeouts: Timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts, ...opts.timeouts };
      const initialUrl = buildUrl(app.baseUrl, request.path, request.query);
      const auth = await resolveAuth(app, options.secrets, opts.secondary === true, hint);
      const dispatcher = await dispatcherFor({ connectTimeoutMs: timeouts.connectMs, env, ...pick(options, 'proxy', 'noProxy', 'caFile') });
      return new Send(app, auth, dispatcher, limiter, {
        request, opts, timeouts, initialUrl, userAgent, random, maxBody, transcriptCap,
        deadlineMs: opts.deadlineMs ?? options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      }).run();
    },
  };
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

interface SendSettings {
  request: ScimRequest;
  opts: SendOptions;
  timeouts: Timeouts;
  initialUrl: URL;
  userAgent: string;
  random: () => number;
  maxBody: number;
  transcriptCap: number;
  deadlineMs: number;
}

/** One send: its attempts, waits and redirects. */
class Send {
  private readonly id = nextExchangeId();
  private readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private readonly redactor: Redactor;
  private readonly attempts: Attempt[] = [];
  private readonly redirects: RedirectRecord[] = [];
  private readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly controller = new AbortController();
  private deadlineHit = false;
  private waitedMs = 0;
  private connection: AttemptOutcome['connection'];

  constructor(
    private readonly app: Application,
    private readonly auth: ResolvedAuth,
    private readonly dispatcher: Dispatcher,
    private readonly limiter: RateLimiter,
    private readonly s: SendSettings,
  ) {
    this.redactor = new Redactor([...auth.redactables, ...(s.opts.redact ?? [])], auth.apiKeyHeader ? [auth.apiKeyHeader] : []);
  }

  private emit(event: ExchangeEvent): void {
    try {
      this.s.opts.onEvent?.(event);
    } catch {
      // A failing progress listener must not break the request.
    }
  }

  async run(): Promise<SendResult> {
    const user = this.s.opts.signal;
    const onUserAbort = (): void => this.controller.abort();
    if (user?.aborted) this.controller.abort();
    user?.addEventListener('abort', onUserAbort, { once: true });
    const timer = setTimeout(() => {
      this.deadlineHit = true;
      this.controller.abort();
    }, this.s.deadlineMs);
    try {
      return await this.loop();
    } finally {
      clearTimeout(timer);
      user?.removeEventListener('abort', onUserAbort);
    }
  }

  private async loop(): Promise<SendResult> {
    const { request, opts } = this.s;
    let url = this.s.initialUrl;
    let method = request.method.toUpperCase();
    let body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    let why = 'first';
    let retries = 0;
    let refreshed = false;
    let waitBefore = 0;
    let last: { outcome: AttemptOutcome; headers: Record<string, string> } | undefined;
    let stopWhy: string | undefined;
    const retrySpec = backoffSpec(this.app.rateLimit?.backoff);
    if (opts.maxRetries !== undefined) retrySpec.maxRetries = opts.maxRetries;

    for (;;) {
      const error = await this.waitForSlot();
      if (error) return this.finish(url, method, body, last?.headers ?? {}, { error, durationMs: 0 }, stopWhy);
      let headers: Record<string, string>;
      try {
        headers = await this.headers(method, body, refreshed && why.startsWith('401'));
      } catch (err) {
        const failure: TransportError = err instanceof TokenError
          ? { kind: 'token', message: `No access token: ${err.message}.` }
          : this.abortError();
        return this.finish(url, method, body, {}, { error: failure, durationMs: 0 }, stopWhy);
      }
      const n = this.attempts.length + 1;
      this.emit({ type: 'attempt', exchangeId: this.id, attempt: n, method, url: this.redactor.url(url.href) });
      const startedAt = new Date().toISOString();
      const outcome = await runAttempt(this.dispatcher, { origin: url.origin, path: url.pathname + url.search, method, headers, ...(body !== undefined ? { body } : {}) }, {
        timeouts: this.s.timeouts, maxBodyBytes: this.s.maxBody, signal: this.controller.signal,
      });
      if (outcome.error?.kind === 'aborted' && this.deadlineHit) outcome.error = this.abortError();
      if (outcome.connection) this.connection = outcome.connection;
      last = { outcome, headers };
      const status = outcome.response?.status;
      const retryAfter = status === 429 || status === 503 ? headerValue(outcome.response?.headers, 'retry-after') : undefined;
      this.attempts.push({
        n, startedAt, durationMs: Math.round(outcome.durationMs), waitedMs: waitBefore, why,
        ...(status !== undefined ? { status } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(outcome.error ? { error: outcome.error } : {}),
      });
      waitBefore = 0;
      if (outcome.error) this.emit({ type: 'failure', exchangeId: this.id, attempt: n, error: outcome.error });
      else if (status !== undefined) this.emit({ type: 'response', exchangeId: this.id, attempt: n, status, durationMs: Math.round(outcome.durationMs) });
      if (outcome.error?.kind === 'aborted') break;

      // An OAuth token the server refuses is fetched again once and the request repeated.
      if (status === 401 && this.auth.type === 'oauth2ClientCredentials' && !refreshed && opts.credentials === undefined) {
        refreshed = true;
        const token = headers['authorization']?.replace(/^Bearer\s+/i, '');
        if (token) invalidateToken(this.tokenRequest(), token);
        why = '401 with a cached token: fetched a new one';
        retries++;
        continue;
      }
      const redirect = status !== undefined && [301, 302, 303, 307, 308].includes(status) ? this.redirect(url, outcome) : undefined;
      if (redirect) {
        url = redirect;
        if (status === 303 || ((status === 301 || status === 302) && method !== 'GET' && method !== 'HEAD')) {
          method = 'GET';
          body = undefined;
        }
        why = `redirect ${status}`;
        continue;
      }
      const registry = status !== undefined && outcome.response ? registryRetryVerdict(this.app, status, outcome.response.headers, outcome.response.body) : undefined;
      const decision = decideRetry(
        {
          ...(status !== undefined ? { status, headers: outcome.response?.headers } : {}),
          ...(outcome.error ? { error: outcome.error } : {}),
          ...(registry ? { registry } : {}),
        },
        { method, retryNonIdempotent: opts.retryNonIdempotent === true, retries, spec: retrySpec, retryAfter: this.app.rateLimit?.retryAfter, random: this.s.random, now: Date.now() },
      );
      if (!decision.retry) {
        stopWhy = decision.why;
        break;
      }
      const remaining = this.s.deadlineMs - (performance.now() - this.t0);
      if (decision.waitMs > remaining) {
        stopWhy = `${decision.why}: waiting ${Math.ceil(decision.waitMs / 1000)} s would pass the ${Math.round(this.s.deadlineMs / 1000)} s deadline`;
        break;
      }
      if (decision.fromServer) this.limiter.pause(decision.waitMs);
      this.emit({ type: 'retry', exchangeId: this.id, nextAttempt: n + 1, waitMs: decision.waitMs, reason: decision.why, ...(decision.retryAfterSeconds !== undefined ? { retryAfterSeconds: decision.retryAfterSeconds } : {}) });
      const waitStarted = performance.now();
      try {
        await sleep(decision.waitMs, this.controller.signal);
      } catch {
        this.waitedMs += Math.round(performance.now() - waitStarted);
        return this.finish(url, method, body, headers, { ...outcome, error: this.abortError() }, `cancelled while waiting to retry (${decision.why})`);
      }
      this.waitedMs += decision.waitMs;
      waitBefore = decision.waitMs;
      retries++;
      why = decision.why;
    }
    return this.finish(url, method, body, last?.headers ?? {}, last?.outcome ?? { durationMs: 0 }, stopWhy);
  }

  private abortError(): TransportError {
    return this.deadlineHit
      ? { kind: 'timeout', phase: 'deadline', message: `Gave up after the ${Math.round(this.s.deadlineMs / 1000)} s deadline (every attempt and wait included).` }
      : { kind: 'aborted', message: 'The request was cancelled.' };
  }

  /** Waits for the rate limiter; an error when cancelled meanwhile. */
  private async waitForSlot(): Promise<TransportError | undefined> {
    if (this.controller.signal.aborted) return this.abortError();
    if (this.limiter.unlimited) return undefined;
    const reservation = this.limiter.reserve();
    if (reservation.waitMs <= 0) return undefined;
    this.emit({ type: 'rateLimitWait', exchangeId: this.id, waitMs: reservation.waitMs, source: reservation.source });
    const started = performance.now();
    try {
      await sleep(reservation.waitMs, this.controller.signal);
    } catch (err) {
      reservation.cancel();
      this.waitedMs += Math.round(performance.now() - started);
      if (err instanceof AbortedError) return this.abortError();
      throw err;
    }
    this.waitedMs += reservation.waitMs;
    return undefined;
  }

  private tokenRequest(): TokenRequest {
    const a = this.app.auth;
    return {
      tokenUrl: a?.tokenUrl ?? '', clientId: a?.clientId ?? '', secretName: this.auth.secretName ?? '', secret: this.auth.secret ?? '',
      ...(a?.scope ? { scope: a.scope } : {}),
    };
  }

  private async headers(method: string, body: string | undefined, refused: boolean): Promise<Record<string, string>> {
    const h: Record<string, string> = { accept: 'application/scim+json, application/json;q=0.9', 'user-agent': this.s.userAgent };
    if (body !== undefined) h['content-type'] = 'application/scim+json';
    for (const [k, v] of Object.entries(this.s.request.headers ?? {})) h[k.toLowerCase()] = v;
    const credentials = this.s.opts.credentials;
    if (credentials === 'omit') {
      delete h['authorization'];
      if (this.auth.apiKeyHeader) delete h[this.auth.apiKeyHeader];
    } else if (credentials === 'invalid') {
      const [name, value] = invalidAuthHeader(this.app, this.auth);
      h[name] = value;
    } else if (this.auth.type === 'oauth2ClientCredentials') {
      const token = await accessToken(this.tokenRequest(), {
        dispatcher: this.dispatcher, timeouts: this.s.timeouts, signal: this.controller.signal, redactor: this.redactor,
        userAgent: this.s.userAgent, now: Date.now,
        record: (r) => this.tokenRequests.push(r),
        onFetch: (why) => this.emit({ type: 'token', exchangeId: this.id, why }),
      }, refused);
      h['authorization'] = `Bearer ${token}`;
    } else {
      const pair = staticAuthHeader(this.app, this.auth);
      if (pair) h[pair[0]] = pair[1];
    }
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE') {
      if (body === undefined) delete h['content-type'];
    }
    return h;
  }

  /** The next URL when a redirect may be followed; otherwise records why not. */
  private redirect(from: URL, outcome: AttemptOutcome): URL | undefined {
    const res = outcome.response;
    if (!res) return undefined;
    const status = res.status;
    const raw = res.headers['location'];
    const location = Array.isArray(raw) ? raw[0] : raw;
    const record = (followed: boolean, shown: string, reason?: string): void => {
      this.redirects.push({ status, location: shown, followed, ...(reason ? { reason } : {}) });
      this.emit({ type: 'redirect', exchangeId: this.id, status, location: shown, followed });
    };
    if (!location) {
      record(false, '', 'no Location header');
      return undefined;
    }
    let next: URL;
    try {
      next = new URL(location, from);
    } catch {
      record(false, this.redactor.url(location), 'the Location is not a URL');
      return undefined;
    }
    const shown = this.redactor.url(next.href);
    if (next.origin !== from.origin) {
      record(false, shown, `another origin (${next.origin}): credentials are never sent there, so it is not followed`);
      return undefined;
    }
    if (this.redirects.filter((r) => r.followed).length >= MAX_REDIRECTS) {
      record(false, shown, `more than ${MAX_REDIRECTS} redirects`);
      return undefined;
    }
    record(true, shown);
    return next;
  }

  private finish(url: URL, method: string, body: string | undefined, headers: Record<string, string>, outcome: AttemptOutcome, stopWhy: string | undefined): SendResult {
    const r = this.redactor;
    const cap = this.s.transcriptCap;
    const requestUrl = r.url(url.href);
    const exchange: Exchange = {
      id: this.id,
      appId: this.app.id,
      startedAt: this.startedAt.toISOString(),
      request: {
        method,
        url: requestUrl,
        line: `${method} ${r.url(url.pathname + url.search)} HTTP/1.1`,
        headers: r.headers(headers),
      },
      timings: { totalMs: Math.round(performance.now() - this.t0), waitedMs: this.waitedMs },
      attempts: this.attempts,
      retries: this.attempts.filter((a) => a.why !== 'first' && !a.why.startsWith('redirect')).length,
      redirects: this.redirects,
      tokenRequests: this.tokenRequests,
    };
    if (this.auth.type !== 'none' && this.s.opts.credentials === undefined) exchange.secret = this.s.opts.secondary ? 'secondary' : 'primary';
    const reqBody = requestBody(body, headers['content-type'], r, cap);
    if (reqBody) exchange.request.body = reqBody;
    if (this.connection) Object.assign(exchange.timings, this.connection);
    if (outcome.ttfbMs !== undefined) exchange.timings.ttfbMs = Math.round(outcome.ttfbMs);
    let json: unknown;
    let text = '';
    if (outcome.response) {
      const parts = responseParts(outcome.response, r, cap);
      exchange.response = parts.response;
      json = parts.json;
      text = parts.text;
    }
    if (outcome.error) exchange.error = { ...outcome.error, message: r.text(outcome.error.message) };
    const lastAttempt = this.attempts[this.attempts.length - 1];
    if (stopWhy && lastAttempt) lastAttempt.notRetried = stopWhy;
    return sendResult(exchange, json, text);
  }
}
