// Shared by the probe UI tests: a sandbox the test starts (port 0) and a folder whose registries point at it. The
// extension reads the token from SCIM_SECRET_SANDBOX_TOKEN (`env` below, for the VS Code server). Every app is a
// sandbox app of its own, so its traffic and write log speak for that registry entry alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox, type AppSpec, type RequestLogEntry, type RunningApp, type RunningSandbox, type WriteLogEntry } from '../../src/sandbox';

export const TOKEN = 'probe-ui-token-3c9a51';
export const PREFIX = 'scimwb-uip-';
export const env = { SCIM_SECRET_SANDBOX_TOKEN: TOKEN };

/** A registry entry: `app` names the sandbox app it points at (one of `apps` given to probeWorkspace). */
export interface EntrySpec {
  id: string;
  name?: string;
  environment: string;
  app: string;
  allowWrites: boolean;
}

export interface ProbeWorkspace {
  sandbox: RunningSandbox;
  folder: string;
  traffic: RequestLogEntry[];
  app(id: string): RunningApp;
  /** Users of a sandbox app whose userName carries the test prefix. */
  prefixUsers(appId: string): Promise<string[]>;
  /** Writes of a sandbox app to anything but the test prefix's own resources (there must be none). */
  foreignWrites(appId: string): WriteLogEntry[];
  dispose(): Promise<void>;
}

export function registryText(sandbox: RunningSandbox, entries: EntrySpec[]): string {
  return JSON.stringify({
    applications: entries.map((e) => ({
      id: e.id, ...(e.name ? { name: e.name } : {}), environment: e.environment,
      baseUrl: sandbox.apps.find((a) => a.id === e.app)?.baseUrl,
      auth: { type: 'bearer', secret: 'sandbox-token' },
      probe: { allowWrites: e.allowWrites, testUserPrefix: PREFIX },
    })),
  }, null, 2);
}

/**
 * Starts the sandbox with `apps` (id: preset, or the app's spec), and writes each of `registries` (file name: entries) into a new
 * folder. Small user counts keep a full run short on a loaded machine.
 */
export async function probeWorkspace(apps: Record<string, string | Omit<AppSpec, 'id'>>, registries: Record<string, EntrySpec[]>): Promise<ProbeWorkspace> {
  const traffic: RequestLogEntry[] = [];
  const sandbox = await startSandbox({
    port: 0, token: TOKEN, seed: 11,
    apps: Object.entries(apps).map(([id, spec]) => ({ id, users: 30, groups: 5, ...(typeof spec === 'string' ? { profile: spec } : spec) })),
    onRequest: (e) => traffic.push(e),
  });
  const folder = mkdtempSync(join(tmpdir(), 'scimwb-probes-ui-'));
  for (const [file, entries] of Object.entries(registries)) writeFileSync(join(folder, file), registryText(sandbox, entries));
  const app = (id: string): RunningApp => {
    const found = sandbox.apps.find((a) => a.id === id);
    if (!found) throw new Error(`no sandbox app ${id}`);
    return found;
  };
  return {
    sandbox, folder, traffic, app,
    prefixUsers: async (appId) => {
      const filter = encodeURIComponent(`userName sw "${PREFIX}"`);
      const res = await fetch(`${app(appId).baseUrl}/Users?filter=${filter}&count=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
      const body = await res.json() as { Resources?: { userName: string }[] };
      return (body.Resources ?? []).map((r) => r.userName);
    },
    foreignWrites: (appId) => app(appId).writes().filter((w) => {
      const ours = (name: string | undefined): boolean => name === undefined || name.startsWith(PREFIX);
      // A POST names what it creates; any other write touches what existed (a missing target is no harm).
      return (w.method === 'POST' ? !ours(w.name) : w.existed && !(w.name ?? '').startsWith(PREFIX)) || !ours(w.nameAfter);
    }),
    dispose: async () => {
      await sandbox.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
