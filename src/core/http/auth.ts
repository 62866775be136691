// Credentials for one application, from the registry's `auth` block and a SecretSource. Secrets are resolved
// before anything is sent, so a missing one is a clear configuration error naming where to set it. OAuth
// client-credentials tokens are cached per process until shortly before they expire.
import type { Application, Auth } from '../registry/model';
import { secretEnvName, type RedactableSecret, type SecretSource } from '../registry/secrets';
import { ScimConfigError } from './types';

export interface ResolvedAuth {
  type: Auth['type'];
  /** Which registry secret authenticates, and its value. */
  secretName?: string;
  secret?: string;
  /** What the redactor must know about. */
  redactables: RedactableSecret[];
  /** apiKey: the header that carries the key (also redacted in transcripts). */
  apiKeyHeader?: string;
}

/** The default hint names the CLI's environment variable; VS Code passes its own ("run SCIM: Set Secret"). */
export type MissingSecretHint = (name: string) => string;

export const envSecretHint: MissingSecretHint = (name) => `set the environment variable ${secretEnvName(name)}`;

export async function resolveAuth(app: Application, secrets: SecretSource, secondary: boolean, hint: MissingSecretHint): Promise<ResolvedAuth> {
  const auth = app.auth;
  if (!auth || auth.type === 'none') {
    if (secondary) throw new ScimConfigError('AUTH_INCOMPLETE', `Application '${app.id}' has no auth, so it has no standby secret to send with.`);
    return { type: 'none', redactables: [] };
  }
  const missingField = (field: string): never => {
    throw new ScimConfigError('AUTH_INCOMPLETE', `Application '${app.id}': auth type ${auth.type} needs auth.${field} in the registry.`);
  };
  let name = auth.secret;
  if (secondary) {
    name = auth.rotation?.secondarySecret;
    if (!name) missingField('rotation.secondarySecret (the standby secret to send with)');
  }
  if (!name) missingField('secret');
  const secretName = name as string;
  if (auth.type === 'apiKey' && !auth.header) missingField('header');
  if (auth.type === 'basic' && auth.username === undefined) missingField('username');
  if (auth.type === 'oauth2ClientCredentials') {
    if (!auth.tokenUrl) missingField('tokenUrl');
    if (!auth.clientId) missingField('clientId');
  }
  let value: string | undefined;
  try {
    value = await secrets.get(secretName);
  } catch (err) {
    throw new ScimConfigError('SECRET_MISSING', `Secret '${secretName}' of application '${app.id}' could not be read: ${(err as Error).message}`, { name: secretName, envName: secretEnvName(secretName) });
  }
  if (value === undefined || value === '') {
    throw new ScimConfigError(
      'SECRET_MISSING',
      `Secret '${secretName}' (auth.${secondary ? 'rotation.secondarySecret' : 'secret'} of application '${app.id}') is not set: ${hint(secretName)}. Nothing was sent.`,
      { name: secretName, envName: secretEnvName(secretName) },
    );
  }
  const redactables: RedactableSecret[] = [{ name: secretName, value, ...(auth.type === 'basic' ? { username: auth.username ?? '' } : {}) }];
  return {
    type: auth.type,
    secretName,
    secret: value,
    redactables,
    ...(auth.type === 'apiKey' && auth.header ? { apiKeyHeader: auth.header.toLowerCase() } : {}),
  };
}

/** The request header for static credentials (bearer, apiKey, basic); OAuth goes through the token cache. */
export function staticAuthHeader(app: Application, resolved: ResolvedAuth): [string, string] | undefined {
  switch (resolved.type) {
    case 'bearer':
      return ['authorization', `Bearer ${resolved.secret}`];
    case 'apiKey':
      return [resolved.apiKeyHeader ?? 'authorization', resolved.secret ?? ''];
    case 'basic':
      return ['authorization', `Basic ${Buffer.from(`${app.auth?.username ?? ''}:${resolved.secret}`).toString('base64')}`];
    default:
      return undefined;
  }
}

/** A credential no server accepts, in the application's own form (probes check how 401s are answered). */
export const INVALID_CREDENTIAL = 'scimwb-invalid-credential';

export function invalidAuthHeader(app: Application, resolved: ResolvedAuth): [string, string] {
  switch (resolved.type) {
    case 'apiKey':
      return [resolved.apiKeyHeader ?? 'authorization', INVALID_CREDENTIAL];
    case 'basic':
      return ['authorization', `Basic ${Buffer.from(`${app.auth?.username ?? ''}:${INVALID_CREDENTIAL}`).toString('base64')}`];
    default:
      return ['authorization', `Bearer ${INVALID_CREDENTIAL}`];
  }
}
