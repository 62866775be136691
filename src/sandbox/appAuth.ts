// How a sandbox app authenticates: a bearer token (the default, which its OAuth token endpoint also issues), HTTP
// Basic, or an API key in a header. The fields follow the registry's `auth` block (`type`, `username`, `header`);
// where the registry names a secret, the sandbox config holds the value itself (`token`, `password`, `key`).
// One table of rules serves the config linter (with ranges), the JSON schema and startSandbox.
import { suggest } from '../core/scim/suggest';

export const SANDBOX_AUTH_TYPES = ['bearer', 'basic', 'apiKey'] as const;
export type SandboxAuthType = (typeof SANDBOX_AUTH_TYPES)[number];

/** What a config or AppSpec says; a missing value gets its default (see resolveAppAuth). */
export type SandboxAuthSpec =
  | { type: 'bearer'; token?: string }
  | { type: 'basic'; username?: string; password?: string }
  | { type: 'apiKey'; header?: string; key?: string };

/** What an app accepts, every value filled in. */
export type SandboxAuth =
  | { type: 'bearer'; token: string }
  | { type: 'basic'; username: string; password: string }
  | { type: 'apiKey'; header: string; key: string };

export const DEFAULT_API_KEY_HEADER = 'X-API-Key';

export const AUTH_FIELDS: Record<SandboxAuthType, readonly string[]> = {
  bearer: ['token'],
  basic: ['username', 'password'],
  apiKey: ['header', 'key'],
};

/** RFC 9110 §5.1: a field name is a token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the sandbox or HTTP itself reads; a key there would be read as something else. */
const RESERVED_HEADERS = new Set(['host', 'content-type', 'content-length', 'transfer-encoding', 'connection', 'accept', 'if-match', 'if-none-match', 'cookie', 'keep-alive', 'upgrade', 'te', 'trailer']);

export interface AuthProblem {
  kind: 'invalidType' | 'invalidValue' | 'missingProperty' | 'unknownProperty';
  /** The field of the auth object the problem sits on; absent: the object itself. */
  at?: string;
  /** On the key rather than the value (unknown properties). */
  onKey?: boolean;
  message: string;
  /** A replacement value (type) or key (unknown property). */
  suggestion?: string;
}

function fieldProblem(type: SandboxAuthType, name: string, value: unknown): AuthProblem | undefined {
  if (typeof value !== 'string') return { kind: 'invalidType', at: name, message: `'auth.${name}' must be a string, not ${value === null ? 'null' : typeof value}` };
  if (value === '') return { kind: 'invalidValue', at: name, message: `'auth.${name}' must be a non-empty string (omit it for the default)` };
  if (type === 'basic' && name === 'username' && value.includes(':')) {
    return { kind: 'invalidValue', at: name, message: 'A Basic user name cannot contain ":" (RFC 7617: it separates the user name from the password)' };
  }
  if (type === 'apiKey' && name === 'header') {
    if (!HEADER_NAME.test(value)) return { kind: 'invalidValue', at: name, message: `'auth.header' must be an HTTP header name (letters, digits and !#$%&'*+.^_\`|~-), e.g. "${DEFAULT_API_KEY_HEADER}"` };
    const lower = value.toLowerCase();
    if (RESERVED_HEADERS.has(lower) || lower.startsWith('x-scim-sandbox-')) {
      return { kind: 'invalidValue', at: name, message: `'auth.header' cannot be ${value}: the sandbox reads that header for something else` };
    }
  }
  if (/[\r\n\0]/.test(value)) return { kind: 'invalidValue', at: name, message: `'auth.${name}' cannot contain line breaks or NUL: it travels in an HTTP header` };
  return undefined;
}

function unknownField(type: SandboxAuthType, name: string): AuthProblem {
  const known = ['type', ...AUTH_FIELDS[type]];
  if (name === 'secret') {
    const valueField = type === 'bearer' ? 'token' : type === 'basic' ? 'password' : 'key';
    return { kind: 'unknownProperty', at: name, onKey: true,
      message: `In a registry, 'secret' names a secret; here the sandbox needs the value itself: '${valueField}' (omit it for the sandbox token)` };
  }
  const owner = SANDBOX_AUTH_TYPES.find((t) => AUTH_FIELDS[t].includes(name));
  const guess = owner ? undefined : suggest(name, known);
  const why = owner ? `; '${name}' belongs to auth type ${owner}` : guess ? `; did you mean '${guess}'?` : '';
  return { kind: 'unknownProperty', at: name, onKey: true, message: `auth type ${type} takes ${known.map((k) => `'${k}'`).join(', ')}, not '${name}'${why}`, ...(guess ? { suggestion: guess } : {}) };
}

/** Everything wrong with an app's `auth` value, each on the field it concerns. */
export function authProblems(value: unknown): AuthProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ kind: 'invalidType', message: `"auth" must be an object such as { "type": "basic", "username": "...", "password": "..." }, not ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}` }];
  }
  const fields = value as Record<string, unknown>;
  const type = fields['type'];
  if (type === undefined) return [{ kind: 'missingProperty', message: `"auth" needs a "type": ${SANDBOX_AUTH_TYPES.join(', ')}` }];
  if (typeof type !== 'string') return [{ kind: 'invalidType', at: 'type', message: `'auth.type' must be a string: ${SANDBOX_AUTH_TYPES.join(', ')}` }];
  if (!(SANDBOX_AUTH_TYPES as readonly string[]).includes(type)) {
    const guess = suggest(type, SANDBOX_AUTH_TYPES);
    const hint = type === 'oauth2ClientCredentials'
      ? ': a bearer app also serves OAuth 2.0 client credentials at {baseUrl}/oauth/token'
      : type === 'none' ? ': every sandbox app authenticates' : guess ? `; did you mean '${guess}'?` : '';
    return [{ kind: 'invalidValue', at: 'type', message: `Unknown auth type '${type}' (the sandbox serves ${SANDBOX_AUTH_TYPES.join(', ')})${hint}`, ...(guess ? { suggestion: guess } : {}) }];
  }
  const t = type as SandboxAuthType;
  const problems: AuthProblem[] = [];
  for (const [name, v] of Object.entries(fields)) {
    if (name === 'type') continue;
    if (!AUTH_FIELDS[t].includes(name)) problems.push(unknownField(t, name));
    else {
      const p = fieldProblem(t, name, v);
      if (p) problems.push(p);
    }
  }
  return problems;
}

/** An app's own `token` beside a non-bearer `auth`, or beside `auth.token`: which one would count is unclear. */
export function tokenConflict(auth: unknown): string | undefined {
  const a = auth as { type?: unknown; token?: unknown } | undefined;
  if (!a || typeof a !== 'object') return undefined;
  if (a.type === 'bearer' && a.token !== undefined) return `Give the bearer token once: as "token" or as "auth.token", not both`;
  if (a.type === 'basic' || a.type === 'apiKey') {
    return `"token" is a bearer token, but this app authenticates with ${a.type === 'basic' ? 'HTTP Basic' : 'an API key'} (auth.type) and would refuse it: remove "token"`;
  }
  return undefined;
}

/** The credentials an app accepts; values not given default to the sandbox token (the user name: the app id). */
export function resolveAppAuth(appId: string, spec: { auth?: SandboxAuthSpec; token?: string }, sandboxToken: string): SandboxAuth {
  if (spec.auth === undefined) return { type: 'bearer', token: spec.token ?? sandboxToken };
  const problem = authProblems(spec.auth)[0] ?? (spec.token !== undefined ? tokenConflict(spec.auth) : undefined);
  if (problem) throw new Error(`app '${appId}': ${typeof problem === 'string' ? problem : problem.message}`);
  const a = spec.auth;
  switch (a.type) {
    case 'bearer':
      return { type: 'bearer', token: a.token ?? spec.token ?? sandboxToken };
    case 'basic':
      return { type: 'basic', username: a.username ?? appId, password: a.password ?? sandboxToken };
    case 'apiKey':
      return { type: 'apiKey', header: a.header ?? DEFAULT_API_KEY_HEADER, key: a.key ?? sandboxToken };
  }
}
