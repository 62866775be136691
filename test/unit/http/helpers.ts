// Shared set-up for HTTP engine tests: applications pointing at a test server, secrets from a map, and a check
// that no secret (nor its base64 or URL-encoded form) appears in anything the engine produced.
import assert from 'node:assert/strict';
import type { Application } from '../../../src/core/registry/model';
import type { SecretSource } from '../../../src/core/registry/secrets';
import { createScimClient, type ExchangeEvent, type ScimClient, type ScimClientOptions } from '../../../src/core/http';
import { RateLimiter } from '../../../src/core/http/rateLimiter';

let appCounter = 0;

/** A registry application on `baseUrl`, with a unique id (so no two tests share a rate limiter). */
export function app(baseUrl: string, extra: Partial<Application> = {}): Application {
  appCounter++;
  return { id: `test-app-${appCounter}`, baseUrl, auth: { type: 'bearer', secret: 'test-token' }, ...extra };
}

export function secretMap(values: Record<string, string>): SecretSource {
  return { get: (name) => Promise.resolve(values[name]) };
}

export const SECRET = 'S3cr3t-Value-9f8e7d6c5b4a';

/** A client with instant, deterministic backoff unless the test says otherwise. */
export function client(application: Application, options: Partial<ScimClientOptions> = {}): ScimClient {
  return createScimClient(application, {
    secrets: secretMap({ 'test-token': SECRET }),
    random: () => 0,
    rateLimiter: new RateLimiter(application.rateLimit),
    env: {},
    ...options,
  });
}

export function events(): { list: ExchangeEvent[]; onEvent: (e: ExchangeEvent) => void } {
  const list: ExchangeEvent[] = [];
  return { list, onEvent: (e) => list.push(e) };
}

/** Every form in which a secret could leak. */
export function leakForms(secret: string, username?: string): string[] {
  const forms = [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)];
  if (username !== undefined) forms.push(Buffer.from(`${username}:${secret}`).toString('base64'));
  return forms;
}

export function assertNoLeak(what: string, text: string, secrets: string[], username?: string): void {
  for (const s of secrets) {
    for (const form of leakForms(s, username)) assert.ok(!text.includes(form), `${what} contains a secret (${form.slice(0, 4)}...)`);
  }
}
