// activate() builds the context and registers adapters, nothing else: no schema compilation and no network
// before a SCIM file, view or command needs it.
import type * as vscode from 'vscode';
import { WorkbenchContext } from './vscode/shared/workbenchContext';
import { registerShowLogCommand } from './vscode/shared/showLogCommand';
import { registerProbeResultsView } from './vscode/probes/probeResultsView';
import { registerRegistry } from './vscode/registry/registryFeatures';
import { registerSecrets } from './vscode/secrets/secretCommands';
import { registerSandbox } from './vscode/sandbox/sandboxCommands';
import { registerPayloadEditing } from './vscode/payload/payloadEditing';
import { registerRequestFiles } from './vscode/requestFiles/requestFileFeatures';
import { registerRunner } from './vscode/runner/runnerFeatures';

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
  registerRequestFiles(ctx);
  registerRunner(ctx);
  ctx.log.info(`SCIM Workbench ${String(extensionContext.extension.packageJSON.version)} activated`);
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
