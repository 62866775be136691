// Everything one sandbox application owns: its data, its credentials, its quirk switches and their state.
// Nothing here is module-global, so two sandboxes (or two apps) in one process never share data.
import { randomBytes } from 'node:crypto';
import { CursorRegistry } from './cursor';
import { MembershipIndex } from './memberships';
import { ResourceStore } from './store';
import { seedStores } from './seed';
import { seedFromString } from './random';
import { presetQuirks } from './presets';
import { APP_ID_PATTERN } from './appId';
import { resolveAppAuth, type SandboxAuth, type SandboxAuthSpec } from './appAuth';
import type { QuirkConfig, QuirkOverrides } from './quirks/types';
import { WriteLog, type WriteLogEntry } from './writeLog';

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
  /** Bearer token of this app; default: the sandbox token. The same as `auth: { type: 'bearer', token }`. */
  token?: string;
  /** How the app authenticates (default bearer); credentials not given are the sandbox token. */
  auth?: SandboxAuthSpec;
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
  /** What the app accepts; bearer apps also accept the tokens their OAuth endpoint issued. */
  auth: SandboxAuth;
  clientId: string;
  clientSecret: string;
  issuedTokens: Map<string, IssuedToken>;
  users: ResourceStore;
  groups: ResourceStore;
  /** userId -> the groups it is a member of, kept current from the group store. */
  memberships: MembershipIndex;
  /** Every write this app received (see writeLog.ts). */
  writes: WriteLog;
  /** The cursors this app has issued (RFC 9865 paging). */
  cursors: CursorRegistry;
  /** Marks the requests /Bulk dispatches to this app (see internal.ts). */
  internalSecret: string;
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
  /** userGroups=stale: each written user's `groups` as they were at its last write. */
  groupSnapshots: Map<string, unknown>;
}

export { APP_ID_PATTERN };

export function randomSecret(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export interface SandboxContext {
  seed: number;
  token: string;
  now?: () => number;
  onWrite?: (appId: string, entry: WriteLogEntry) => void;
}

export function createAppRuntime(spec: AppSpec, sandbox: SandboxContext): AppRuntime {
  if (!APP_ID_PATTERN.test(spec.id)) {
    throw new Error(`app id '${spec.id}' must be 1-64 letters, digits, '.', '_' or '-'`);
  }
  const auth = resolveAppAuth(spec.id, spec, sandbox.token);
  const profile = spec.profile ?? 'strict';
  const quirks = presetQuirks(profile, spec.quirks);
  const seed = seedFromString(spec.id, sandbox.seed);
  const users = new ResourceStore({
    resourceType: 'User',
    uniqueAttribute: quirks.userNameUnique ? 'userName' : undefined,
    uniqueCaseSensitive: quirks.userNameCaseSensitive,
  });
  const groups = new ResourceStore({ resourceType: 'Group' });
  const memberships = new MembershipIndex(groups);
  seedStores(users, groups, { users: spec.users ?? 250, groups: spec.groups ?? 20 }, seed);
  const onWrite = sandbox.onWrite;
  const now = sandbox.now ?? Date.now;
  return {
    id: spec.id,
    profile,
    quirks,
    seed,
    auth,
    clientId: `${spec.id}-client`,
    clientSecret: randomSecret(),
    issuedTokens: new Map(),
    users,
    groups,
    memberships,
    writes: new WriteLog(onWrite && ((entry) => onWrite(spec.id, entry))),
    cursors: new CursorRegistry({ now, quirks }),
    internalSecret: randomSecret(),
    quirkState: { requestCount: 0, bucket: undefined, pendingDeactivations: new Map(), locked: new Set(), groupSnapshots: new Map() },
    now,
  };
}

/** Removes a user and its group memberships (RFC 7644 §3.6: the provider may do so; every preset does). */
export function deleteUser(app: AppRuntime, id: string): boolean {
  if (!app.users.delete(id)) return false;
  for (const { value: groupId } of app.memberships.groupsOf(id)) {
    const group = app.groups.get(groupId);
    const members = group?.['members'];
    if (!group || !Array.isArray(members)) continue;
    app.groups.replace({
      ...group,
      members: members.filter((m) => (m as { value?: unknown }).value !== id),
      meta: { ...group.meta, lastModified: new Date(app.now()).toISOString(), version: app.groups.nextVersion() },
    });
  }
  return true;
}
