// Running probes from the registry: a `Run probes` code lens above each application, an inline action on an
// application in the Registry view, and `Run all probes for this registry` on a registry node.
import * as vscode from 'vscode';
import { contributeRegistryLens } from '../registry/registryCodeLens';
import { registryWorkspace, type RegistryFile } from '../registry/registryFiles';
import type { AppNode, FileNode } from '../registry/registryTreeNodes';
import { transientRegistries } from '../registry/transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { findTarget } from './probeTargets';
import { runInteractively, runRegistry } from './runProbesCommand';

async function fileOf(ctx: WorkbenchContext, arg: unknown): Promise<RegistryFile | undefined> {
  const node = arg as Partial<FileNode> | undefined;
  if (node?.kind === 'file' && node.file) return node.file;
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  return transientRegistries.find(uri)?.file ?? (await registryWorkspace(ctx).get(uri));
}

export function registerProbeRegistryActions(ctx: WorkbenchContext): void {
  ctx.track(contributeRegistryLens({
    id: 'probes.run',
    order: 300,
    lens: ({ uri, app }) => typeof app.app.id === 'string' && typeof app.app.baseUrl === 'string' ? {
      title: '$(beaker) Run probes',
      tooltip: `Find out how ${app.app.id} really behaves (SCIM: Run Probes)`,
      command: 'scimWorkbench.runProbesForApplication',
      arguments: [uri.toString(), app.app.id],
    } : undefined,
  }));
  // The Registry view's inline action gives the node; the code lens gives (registry, app id).
  ctx.track(vscode.commands.registerCommand('scimWorkbench.runProbesForApplication', async (arg?: unknown, appId?: unknown) => {
    const node = arg as Partial<AppNode> | undefined;
    const target = node?.kind === 'app' && node.parent && typeof node.app?.app.id === 'string'
      ? await findTarget(ctx, node.app.app.id, node.parent.file.uri)
      : typeof appId === 'string' && (typeof arg === 'string' || arg instanceof vscode.Uri) ? await findTarget(ctx, appId, arg) : undefined;
    if (!target) return vscode.commands.executeCommand('scimWorkbench.runProbes');
    return runInteractively(ctx, target);
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.runProbesForRegistry', async (arg?: unknown) => {
    const file = await fileOf(ctx, arg);
    if (!file) {
      void vscode.window.showInformationMessage('Open a registry file, or use the action on a registry in the Registry view.');
      return [];
    }
    return runRegistry(ctx, file);
  }));
}
