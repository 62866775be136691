// activate() builds the context and registers adapters, nothing else: no schema compilation and no network
// before a SCIM file, view or command needs it.
import type * as vscode from 'vscode';
import { WorkbenchContext } from './vscode/workbenchContext';
import { registerShowLogCommand } from './vscode/showLogCommand';
import { registerProbeResultsView } from './vscode/probeResultsView';
import { registerRegistry } from './vscode/registryFeatures';
import { registerSecrets } from './vscode/secretCommands';
import { registerSandbox } from './vscode/sandboxCommands';
import { registerPayloadEditing } from './vscode/payloadEditing';

let current: WorkbenchContext | undefined;

export function activate(extensionContext: vscode.ExtensionContext): void {
  const ctx = new WorkbenchContext(extensionContext);
  current = ctx;
  extensionContext.subscriptions.push(ctx);
  registerShowLogCommand(ctx);
  registerProbeResultsView(ctx);
  registerSecrets(ctx);
  registerRegistry(ctx);
  registerSandbox(ctx);
  registerPayloadEditing(ctx);
  ctx.log.info(`SCIM Workbench ${String(extensionContext.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
