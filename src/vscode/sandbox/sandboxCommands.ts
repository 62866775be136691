// SCIM: Start Sandbox / SCIM: Stop Sandbox, the status bar item, and the "Start sandbox" code lens above
// registry applications. The start command takes optional options (tests, the code lens) and returns a summary
// without the token.
import * as vscode from 'vscode';
import type { Application } from '../../core/registry';
import { presetNames } from '../../sandbox/presets';
import { credentialNoun } from '../../sandbox/registryAuth';
import { contributeRegistryLens, refreshRegistryLenses } from '../registry/registryCodeLens';
import { DEFAULT_PROFILES, SANDBOX_REGISTRY_KEY, sandboxController, sandboxTarget, type SandboxStartOptions, type SandboxSummary } from './sandboxController';
import { registerSandboxStatusBar, SANDBOX_MENU_COMMAND } from './sandboxStatusBar';
import { transientRegistries } from '../registry/transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';

interface StartArgs extends SandboxStartOptions {
  /** After starting, select this sandbox app (its profile name) in the Registry view. */
  reveal?: string;
}

function startArgs(value: unknown): StartArgs {
  if (typeof value !== 'object' || value === null) return {};
  const v = value as Record<string, unknown>;
  const out: StartArgs = {};
  if (typeof v.port === 'number' && Number.isInteger(v.port) && v.port >= 0 && v.port < 65536) out.port = v.port;
  if (Array.isArray(v.profiles)) out.profiles = v.profiles.filter((p): p is string => typeof p === 'string');
  if (typeof v.users === 'number' && v.users >= 0) out.users = Math.floor(v.users);
  if (typeof v.seed === 'number') out.seed = v.seed;
  if (typeof v.token === 'string' && v.token !== '') out.token = v.token;
  if (v.auth === 'bearer' || v.auth === 'basic' || v.auth === 'apiKey') out.auth = v.auth;
  if (typeof v.reveal === 'string') out.reveal = v.reveal;
  return out;
}

/** The preset that resembles a registry entry most, for "Try in sandbox" on an application elsewhere. */
export function resemblingPreset(app: Application): string {
  const a = app as Partial<Application>;
  if (a.deactivation?.contract === 'deleted') return 'github-like';
  if (a.pagination?.maxPageSize === 50) return 'aws-like';
  if (a.rateLimit) return 'slack-like';
  if (a.probe?.idpProfile === 'entra') return 'entra-compatible';
  return 'strict';
}

export function registerSandbox(ctx: WorkbenchContext): void {
  const controller = sandboxController(ctx);
  registerSandboxStatusBar(ctx, controller);

  const revealSandboxApp = async (profile: string): Promise<void> => {
    const entry = transientRegistries.list().find((t) => t.key === SANDBOX_REGISTRY_KEY);
    const app = entry?.file.parsed.applications.find((a) => a.app.id === `sandbox-${profile}`);
    if (entry && app) await vscode.commands.executeCommand('scimWorkbench.registry.revealApplication', entry.file.uri.toString(), app.index);
  };

  ctx.track(vscode.commands.registerCommand('scimWorkbench.startSandbox', async (raw?: unknown): Promise<SandboxSummary | undefined> => {
    const args = startArgs(raw);
    const wasRunning = controller.summary !== undefined;
    try {
      const summary = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Starting the SCIM sandbox' },
        () => controller.start(args),
      );
      if (wasRunning && raw === undefined) {
        void vscode.window.showInformationMessage(`The SCIM sandbox is already running at ${summary.url}.`);
      } else if (!wasRunning && raw === undefined) {
        void vscode.window.showInformationMessage(`SCIM sandbox running at ${summary.url} (${summary.apps.length} apps). Its ${credentialNoun(summary.authType)} is stored as the secret "${summary.tokenSecret}".`);
      }
      if (args.reveal) await revealSandboxApp(args.reveal);
      return summary;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log.error(`Sandbox failed to start: ${message}`);
      void vscode.window.showErrorMessage(`The SCIM sandbox did not start: ${message}`);
      return undefined;
    }
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.stopSandbox', async (): Promise<boolean> => {
    const stopped = await controller.stop();
    if (!stopped) void vscode.window.setStatusBarMessage('The SCIM sandbox is not running.', 3000);
    return stopped;
  }));
  ctx.track(controller.onDidChange(() => refreshRegistryLenses()));

  ctx.track(contributeRegistryLens({
    id: 'sandbox.start',
    order: 100,
    lens: ({ app, uri }) => {
      const running = controller.summary;
      const target = sandboxTarget(app.app.baseUrl);
      if (uri.scheme === 'scim-registry') return undefined;
      if (target) {
        if (running) return { title: '$(vm-running) Sandbox running', tooltip: running.url, command: SANDBOX_MENU_COMMAND };
        // An app id that is not a preset name is not something this sandbox can serve; start the defaults anyway.
        const profiles = DEFAULT_PROFILES.includes(target.appId) || !presetNames.includes(target.appId) ? undefined : [...DEFAULT_PROFILES, target.appId];
        return {
          title: '$(play) Start sandbox for this app',
          tooltip: `Starts the embedded SCIM sandbox on port ${target.port}, which serves ${String(app.app.baseUrl)}`,
          command: 'scimWorkbench.startSandbox',
          arguments: [{ port: target.port, reveal: target.appId, ...(profiles ? { profiles } : {}) }],
        };
      }
      if (running) return undefined;
      const preset = resemblingPreset(app.app);
      return {
        title: '$(beaker) Try in sandbox',
        tooltip: `Starts the embedded SCIM sandbox; its "${preset}" preset resembles this application`,
        command: 'scimWorkbench.startSandbox',
        arguments: [{ reveal: preset }],
      };
    },
  }));
}
