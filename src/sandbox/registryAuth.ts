// How a running sandbox app is reached from a registry: the `auth` block that matches its scheme, and the secret
// (name and value) that block names. The VS Code sandbox registry and the CLI's banner both say it this way, so a
// user sees the correspondence between `*.scim-sandbox.jsonc` and `scim-registry.jsonc`. Values never go into
// the block: they reach the engine as SecretStorage entries or SCIM_SECRET_* variables.
import type { Auth } from '../core/registry/model';
import type { SandboxAuth } from './appAuth';

/** The secret that holds the sandbox token: every app without a credential of its own uses it. */
export const SANDBOX_TOKEN_SECRET = 'sandbox-token';

export interface RegistryAuth {
  auth: Auth;
  secret: { name: string; value: string };
}

function credentialOf(auth: SandboxAuth): string {
  return auth.type === 'bearer' ? auth.token : auth.type === 'basic' ? auth.password : auth.key;
}

/** An app's own credential is named after it (`sandbox-<id>-password`); the sandbox token is `sandbox-token`. */
export function registryAuthFor(appId: string, auth: SandboxAuth, sandboxToken: string): RegistryAuth {
  const value = credentialOf(auth);
  const kind = auth.type === 'bearer' ? 'token' : auth.type === 'basic' ? 'password' : 'api-key';
  const name = value === sandboxToken ? SANDBOX_TOKEN_SECRET : `sandbox-${appId}-${kind}`;
  switch (auth.type) {
    case 'bearer':
      return { auth: { type: 'bearer', secret: name }, secret: { name, value } };
    case 'basic':
      return { auth: { type: 'basic', username: auth.username, secret: name }, secret: { name, value } };
    case 'apiKey':
      return { auth: { type: 'apiKey', header: auth.header, secret: name }, secret: { name, value } };
  }
}

/** What the credential is called in messages: "bearer token", "Basic password", "API key". */
export function credentialNoun(type: SandboxAuth['type']): string {
  return type === 'bearer' ? 'bearer token' : type === 'basic' ? 'Basic password' : 'API key';
}

/** One line for a terminal: the scheme and its credentials (the CLI prints them, as it always printed the token). */
export function credentialLine(auth: SandboxAuth): string {
  switch (auth.type) {
    case 'bearer':
      return `bearer token: ${auth.token}`;
    case 'basic':
      return `HTTP Basic: username ${auth.username}, password ${auth.password}`;
    case 'apiKey':
      return `API key: header ${auth.header}, key ${auth.key}`;
  }
}
