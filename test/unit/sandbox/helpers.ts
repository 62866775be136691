// Real HTTP against a sandbox on 127.0.0.1:0. Every helper returns status, headers and the parsed body.
import { startSandbox, type RunningApp, type RunningSandbox, type StartOptions } from '../../../src/sandbox';

export const TOKEN = 'test-token';
export const PATCH_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SEARCH_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const BULK_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected ad hoc
  body: any;
}

export async function start(apps: StartOptions['apps'], extra: Partial<StartOptions> = {}): Promise<RunningSandbox> {
  return startSandbox({ apps, token: TOKEN, seed: 7, ...extra });
}

export function appOf(sb: RunningSandbox, id: string): RunningApp {
  const app = sb.apps.find((a) => a.id === id);
  if (!app) throw new Error(`no app ${id}`);
  return app;
}

/** The headers that carry an app's credentials, in its scheme. */
export function credentialHeaders(app: RunningApp): Record<string, string> {
  switch (app.auth.type) {
    case 'bearer':
      // `token`, not auth.token: tests send another sandbox's token with { ...app, token }.
      return { authorization: `Bearer ${app.token}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${app.auth.username}:${app.auth.password}`).toString('base64')}` };
    case 'apiKey':
      return { [app.auth.header.toLowerCase()]: app.auth.key };
  }
}

export async function call(
  app: RunningApp,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const res = await fetch(app.baseUrl + path, {
    method,
    headers: {
      ...credentialHeaders(app),
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: parsed };
}

export function q(filter: string): string {
  return encodeURIComponent(filter);
}

export function patch(...ops: { op: string; path?: string; value?: unknown }[]): unknown {
  return { schemas: [PATCH_URN], Operations: ops };
}

let counter = 0;
export async function createUser(app: RunningApp, extra: Record<string, unknown> = {}): Promise<Reply> {
  counter++;
  return call(app, 'POST', '/Users', { schemas: [USER_URN], userName: `new.user${counter}@example.com`, active: true, ...extra });
}
