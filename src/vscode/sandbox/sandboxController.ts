// Runs the embedded SCIM sandbox inside the extension host: one at a time, started from settings, its apps
// published as the transient "Sandbox (running)" registry, its credential (the bearer token, or with
// scimWorkbench.sandbox.auth the Basic password or API key) kept as the secret `sandbox-token` (so registry entries
// pointing at the sandbox authenticate), stopped on Stop Sandbox and on deactivate.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { Application, Auth } from '../../core/registry';
import type { RunningSandbox, SandboxAuthType } from '../../sandbox';
import { credentialNoun, registryAuthFor, SANDBOX_TOKEN_SECRET } from '../../sandbox/registryAuth';
import { secretStore } from '../secrets/secretStore';
import { transientRegistries } from '../registry/transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const SANDBOX_SECRET = SANDBOX_TOKEN_SECRET;
export const SANDBOX_REGISTRY_KEY = 'sandbox';
export const DEFAULT_PROFILES = ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like'];

export interface SandboxStartOptions {
  port?: number;
  profiles?: string[];
  users?: number;
  seed?: number;
  /** Fixes the credential (tests, scripts); otherwise the stored `sandbox-token` is reused or a new one made. */
  token?: string;
  /** How every app authenticates (default: the setting scimWorkbench.sandbox.auth, else bearer). */
  auth?: SandboxAuthType;
}

/** What the start command returns: never the token (other extensions can run commands). */
export interface SandboxSummary {
  url: string;
  port: number;
  requestedPort: number;
  /** The secret that holds the credential of every app (whatever the scheme). */
  tokenSecret: string;
  authType: SandboxAuthType;
  /** Each app's registry auth block: names, never values. */
  apps: { id: string; profile: string; baseUrl: string; auth: Auth }[];
}

export class SandboxController implements vscode.Disposable {
  private running: { sandbox: RunningSandbox; summary: SandboxSummary } | undefined;
  private starting: Promise<SandboxSummary> | undefined;
  private readonly changed = new vscode.EventEmitter<SandboxSummary | undefined>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: WorkbenchContext) {}

  get summary(): SandboxSummary | undefined {
    return this.running?.summary;
  }

  /** The credential of the running sandbox, for the status bar's "Copy token"; never logged. */
  get token(): string | undefined {
    return this.running?.sandbox.token;
  }

  async start(opts: SandboxStartOptions = {}): Promise<SandboxSummary> {
    if (this.running) return this.running.summary;
    this.starting ??= this.doStart(opts).finally(() => { this.starting = undefined; });
    return this.starting;
  }

  private async doStart(opts: SandboxStartOptions): Promise<SandboxSummary> {
    const config = vscode.workspace.getConfiguration('scimWorkbench.sandbox');
    const requestedPort = opts.port ?? config.get<number>('port', 4780);
    const profiles = dedupe(opts.profiles ?? config.get<string[]>('profiles', DEFAULT_PROFILES));
    const users = opts.users ?? config.get<number>('users', 500);
    const seed = opts.seed ?? config.get<number>('seed', 1);
    const authType = opts.auth ?? config.get<SandboxAuthType>('auth', 'bearer');
    // Loaded on first use: express and scimmy stay out of activation.
    const { startSandbox, presetNames, SANDBOX_AUTH_TYPES } = await import('../../sandbox');
    if (!SANDBOX_AUTH_TYPES.includes(authType)) throw new Error(`Unknown scimWorkbench.sandbox.auth '${String(authType)}' (known: ${SANDBOX_AUTH_TYPES.join(', ')}).`);
    const unknown = profiles.filter((p) => !presetNames.includes(p));
    if (unknown.length) throw new Error(`Unknown sandbox profile(s) ${unknown.join(', ')} in scimWorkbench.sandbox.profiles (known: ${presetNames.join(', ')}).`);
    if (profiles.length === 0) throw new Error('scimWorkbench.sandbox.profiles is empty: name at least one preset.');
    const secrets = secretStore(this.ctx);
    const token = opts.token ?? (await secrets.storage.get(SANDBOX_SECRET)) ?? randomBytes(24).toString('base64url');
    const apps = profiles.map((profile) => ({ id: profile, profile, users, ...(authType === 'bearer' ? {} : { auth: { type: authType } }) }));
    let sandbox: RunningSandbox;
    try {
      sandbox = await startSandbox({ port: requestedPort, apps, token, seed });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || requestedPort === 0) throw err;
      sandbox = await startSandbox({ port: 0, apps, token, seed });
      const port = new URL(sandbox.url).port;
      this.ctx.log.warn(`Sandbox: port ${requestedPort} is in use; running on ${port} instead.`);
      void vscode.window.showWarningMessage(
        `Port ${requestedPort} is in use, so the SCIM sandbox runs on port ${port}. Registry entries that point at ` +
        `127.0.0.1:${requestedPort} will not reach it; use the "Sandbox (running)" registry or change scimWorkbench.sandbox.port.`,
      );
    }
    const summary: SandboxSummary = {
      url: sandbox.url,
      port: Number(new URL(sandbox.url).port),
      requestedPort,
      tokenSecret: SANDBOX_SECRET,
      authType,
      // Every app uses the sandbox token, so every block names the secret `sandbox-token`.
      apps: sandbox.apps.map((a) => ({ id: a.id, profile: a.profile, baseUrl: a.baseUrl, auth: registryAuthFor(a.id, a.auth, token).auth })),
    };
    this.running = { sandbox, summary };
    try {
      await secrets.set(SANDBOX_SECRET, token);
    } catch (err) {
      this.ctx.log.warn(`Sandbox: could not store the token in SecretStorage: ${err instanceof Error ? err.message : String(err)}`);
    }
    this.ctx.log.info(`Sandbox started at ${sandbox.url} with ${summary.apps.length} app(s): ${summary.apps.map((a) => a.id).join(', ')}; ${users} users each, seed ${seed}.`);
    this.ctx.log.info(`Sandbox: every app takes the ${credentialNoun(authType)} stored as the secret "${SANDBOX_SECRET}" (not printed); registry entries with auth.secret "${SANDBOX_SECRET}" use it.`);
    transientRegistries.set(SANDBOX_REGISTRY_KEY, 'Sandbox (running)', sandboxApplications(summary), {
      description: sandbox.url,
      header: `The running SCIM Workbench sandbox (${sandbox.url}). Generated; copy entries into your own registry.\n` +
        `Every app uses the ${credentialNoun(authType)} stored as the secret "${SANDBOX_SECRET}".`,
    });
    void vscode.commands.executeCommand('setContext', 'scimWorkbench.sandboxRunning', true);
    this.changed.fire(summary);
    return summary;
  }

  async stop(): Promise<boolean> {
    if (this.starting) await this.starting.catch(() => undefined);
    const running = this.running;
    if (!running) return false;
    this.running = undefined;
    transientRegistries.delete(SANDBOX_REGISTRY_KEY);
    void vscode.commands.executeCommand('setContext', 'scimWorkbench.sandboxRunning', false);
    this.changed.fire(undefined);
    await running.sandbox.stop();
    this.ctx.log.info(`Sandbox at ${running.summary.url} stopped.`);
    return true;
  }

  dispose(): void {
    // deactivate() is synchronous: closing the listener happens at once, the rest finishes in the background.
    void this.stop();
    this.changed.dispose();
  }
}

export function sandboxApplications(summary: SandboxSummary): Application[] {
  return summary.apps.map((a) => ({
    id: `sandbox-${a.id}`,
    name: `Sandbox: ${a.profile}`,
    environment: 'sandbox',
    tags: ['sandbox', a.profile],
    baseUrl: a.baseUrl,
    auth: a.auth,
    probe: { allowWrites: true },
  }));
}

function dedupe(list: string[]): string[] {
  return [...new Set(list.filter((p) => typeof p === 'string' && p !== ''))];
}

/** `http://127.0.0.1:4780/apps/<id>/scim/v2` -> { port, appId }, for registry entries aimed at the sandbox. */
export function sandboxTarget(baseUrl: unknown): { port: number; appId: string } | undefined {
  if (typeof baseUrl !== 'string') return undefined;
  const m = /^http:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::(\d+))?\/apps\/([A-Za-z0-9._-]+)\/scim\/v2\/?$/i.exec(baseUrl.trim());
  if (!m) return undefined;
  return { port: m[1] ? Number(m[1]) : 80, appId: m[2] as string };
}

let controller: SandboxController | undefined;

export function sandboxController(ctx: WorkbenchContext): SandboxController {
  if (!controller) {
    const created = new SandboxController(ctx);
    controller = created;
    ctx.track(created);
    ctx.track({ dispose: () => { if (controller === created) controller = undefined; } });
  }
  return controller;
}
