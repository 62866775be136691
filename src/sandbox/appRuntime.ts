// Everything one sandbox application owns: its data, its credentials, its quirk switches and their state.
// Nothing here is module-global, so two sandboxes (or two apps) in one process never share data.
import { randomBytes } from 'node:crypto';
import { ResourceStore } from './store';
import { seedStores } from './seed';
import { seedFromString } from './random';
import { presetQuirks } from './presets';
import { APP_ID_PATTERN } from './appId';
import type { QuirkConfig, QuirkOverrides } from './quirks/types';

export interface AppSpec {
  /** Path segment of the app: `/apps/<id>/scim/v2`. Letters, digits, `.`, `_` and `-`. */
  id: string;
  /** Preset name (see `presetNames`); default `strict`. */
  profile?: string;
  /** Switches that override the preset. */
  quirks?: QuirkOverrides;
  /** Seeded users (default 250) and groups (default 20). */
  users?: number;
  groups?: number;
  /** Bearer token of this app; default: the sandbox token. */
  token?: string;
}

export interface IssuedToken {
  expiresAt: number;
}

export interface AppRuntime {
  id: string;
  profile: string;
  quirks: QuirkConfig;
  /** Per-app seed derived from the sandbox seed and the app id. */
  seed: number;
  token: string;
  clientId: string;
  clientSecret: string;
  issuedTokens: Map<string, IssuedToken>;
  users: ResourceStore;
  groups: ResourceStore;
  /** Mutable state of the quirk layer (rate bucket, fault counter, pending deactivations, locks). */
  quirkState: QuirkState;
  now(): number;
}

export interface QuirkState {
  requestCount: number;
  bucket: { tokens: number; updatedAt: number } | undefined;
  /** userId -> epoch ms until which reads still show active=true. */
  pendingDeactivations: Map<string, number>;
  locked: Set<string>;
}

export { APP_ID_PATTERN };

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function createAppRuntime(spec: AppSpec, sandbox: { seed: number; token: string; now?: () => number }): AppRuntime {
  if (!APP_ID_PATTERN.test(spec.id)) {
    throw new Error(`app id '${spec.id}' must be 1-64 letters, digits, '.', '_' or '-'`);
  }
  const profile = spec.profile ?? 'strict';
  const quirks = presetQuirks(profile, spec.quirks);
  const seed = seedFromString(spec.id, sandbox.seed);
  const users = new ResourceStore({ resourceType: 'User', uniqueAttribute: 'userName', uniqueCaseSensitive: quirks.userNameCaseSensitive });
  const groups = new ResourceStore({ resourceType: 'Group' });
  seedStores(users, groups, { users: spec.users ?? 250, groups: spec.groups ?? 20 }, seed);
  return {
    id: spec.id,
    profile,
    quirks,
    seed,
    token: spec.token ?? sandbox.token,
    clientId: `${spec.id}-client`,
    clientSecret: randomSecret(),
    issuedTokens: new Map(),
    users,
    groups,
    quirkState: { requestCount: 0, bucket: undefined, pendingDeactivations: new Map(), locked: new Set() },
    now: sandbox.now ?? Date.now,
  };
}

/** Removes a user and its group memberships (RFC 7644 §3.6: the provider may do so; every preset does). */
export function deleteUser(app: AppRuntime, id: string): boolean {
  if (!app.users.delete(id)) return false;
  for (const group of app.groups.list()) {
    const members = group['members'];
    if (!Array.isArray(members) || !members.some((m) => (m as { value?: unknown }).value === id)) continue;
    app.groups.replace({
      ...group,
      members: members.filter((m) => (m as { value?: unknown }).value !== id),
      meta: { ...group.meta, lastModified: new Date(app.now()).toISOString(), version: app.groups.nextVersion() },
    });
  }
  return true;
}
