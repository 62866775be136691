// Registers the request runner when the features load, cheaply: the `SCIM: Open Request Runner` command, the
// panel's revival (VS Code restores the panel after a reload; the serializer is in shared/lazyFeatures), the registry lens "Open in Request Runner" and the
// saved-response sidecar. The runner itself (panel, history, engine) loads on first use.
import * as vscode from 'vscode';
import type { RunnerRequest } from '../../core/protocol';
import { contributeRegistryLens } from '../registry/registryCodeLens';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { runnerWebviewOptions } from './runnerPanelHtml';
import { registerSavedResponseTracking } from './savedResponses';

interface OpenArgs { appId?: string; resultId?: string; request?: RunnerRequest }

async function load(ctx: WorkbenchContext): Promise<import('./runner').Runner> {
  const { runner } = await import('./runner');
  return runner(ctx);
}

/** The panel VS Code restores after a reload; the serializer that calls this is the activation bundle's. */
export async function reviveRunnerPanel(ctx: WorkbenchContext, panel: vscode.WebviewPanel, state: unknown): Promise<void> {
  panel.webview.options = runnerWebviewOptions(ctx.extension.extensionUri);
  (await load(ctx)).revive(panel, state);
}

export function registerRunner(ctx: WorkbenchContext): void {
  ctx.track(vscode.commands.registerCommand('scimWorkbench.openRunner', async (args?: OpenArgs) => {
    const r = await load(ctx);
    const { emptyRequest } = await import('./runnerRequest');
    const request = args?.request ?? (typeof args?.appId === 'string' ? emptyRequest(args.appId) : undefined);
    if (typeof args?.resultId === 'string') await r.show(args.resultId);
    await r.open(request ? { request } : {});
  }));
  ctx.track(contributeRegistryLens({
    id: 'runner.open',
    order: 200,
    lens: ({ app }) => (typeof app.app.id === 'string' && app.app.id !== '' ? {
      title: '$(send) Open in Request Runner',
      tooltip: `Send requests to ${app.app.id} from the request runner`,
      command: 'scimWorkbench.openRunner',
      arguments: [{ appId: app.app.id }],
    } : undefined),
  }));
  registerSavedResponseTracking(ctx);
  // For the extension-host tests: speak for the page, and read what was posted to it.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.runnerPanel', async (args?: { receive?: unknown }) => {
    const r = await load(ctx);
    return r.testHook(args?.receive);
  }));
}
