// Views into what the extension keeps, registered only while VS Code runs the extension's tests
// (ExtensionMode.Test): the secrets suites prove no secret value reaches workspace or global state, nor the files
// the extension keeps in its storage folders (stored probe runs, the sandbox's cleanup journal). In the web
// workbench mementos live in the browser, out of a test's reach on disk.
import * as vscode from 'vscode';
import type { WorkbenchContext } from './workbenchContext';

export interface StoredState { workspace: Record<string, unknown>; global: Record<string, unknown> }

export interface StorageFolders { workspace?: string; global: string }

export function registerTestHooks(ctx: WorkbenchContext): void {
  if (ctx.extension.extensionMode !== vscode.ExtensionMode.Test) return;
  const dump = (memento: vscode.Memento): Record<string, unknown> => Object.fromEntries(memento.keys().map((k) => [k, memento.get(k)]));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.storedState', (): StoredState => ({
    workspace: dump(ctx.extension.workspaceState),
    global: dump(ctx.extension.globalState),
  })));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.storageFolders', (): StorageFolders => ({
    ...(ctx.extension.storageUri ? { workspace: ctx.extension.storageUri.toString() } : {}),
    global: ctx.extension.globalStorageUri.toString(),
  })));
}
