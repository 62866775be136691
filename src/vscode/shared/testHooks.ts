// Views into what the extension keeps, registered only while VS Code runs the extension's tests
// (ExtensionMode.Test): the secrets suite proves no secret value reaches workspace or global state. In the web
// workbench that state lives in the browser, out of a test's reach on disk.
import * as vscode from 'vscode';
import type { WorkbenchContext } from './workbenchContext';

export interface StoredState { workspace: Record<string, unknown>; global: Record<string, unknown> }

export function registerTestHooks(ctx: WorkbenchContext): void {
  if (ctx.extension.extensionMode !== vscode.ExtensionMode.Test) return;
  const dump = (memento: vscode.Memento): Record<string, unknown> => Object.fromEntries(memento.keys().map((k) => [k, memento.get(k)]));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.internal.storedState', (): StoredState => ({
    workspace: dump(ctx.extension.workspaceState),
    global: dump(ctx.extension.globalState),
  })));
}
