// The features bundle (dist/features.js): everything the extension does, loaded by src/extension.ts the first
// time a SCIM file, view or command needs it (see shared/lazyFeatures.ts). A new feature registers here.
import type * as vscode from 'vscode';
import { registerProbes } from './probes/probeFeatures';
import { registerRegistry } from './registry/registryFeatures';
import { registerSecrets } from './secrets/secretCommands';
import { registerSandbox } from './sandbox/sandboxCommands';
import { registerPayloadEditing } from './payload/payloadEditing';
import { registerRequestFiles } from './requestFiles/requestFileFeatures';
import { registerRunner, reviveRunnerPanel } from './runner/runnerFeatures';
import { RUNNER_VIEW_TYPE } from './runner/runnerPanelHtml';
import type { WorkbenchContext } from './shared/workbenchContext';
import { registerTestHooks } from './shared/testHooks';

export function activateFeatures(ctx: WorkbenchContext): void {
  registerSecrets(ctx);
  registerRegistry(ctx);
  registerProbes(ctx);
  registerSandbox(ctx);
  registerPayloadEditing(ctx);
  registerRequestFiles(ctx);
  registerRunner(ctx);
  registerTestHooks(ctx);
}

/** A webview panel VS Code restores after a reload (its serializer is the activation bundle's; see lazyFeatures). */
export function reviveWebviewPanel(ctx: WorkbenchContext, viewType: string, panel: vscode.WebviewPanel, state: unknown): void {
  if (viewType === RUNNER_VIEW_TYPE) reviveRunnerPanel(ctx, panel, state).catch((err: unknown) => ctx.log.error(`The request runner panel could not be restored: ${err instanceof Error ? err.message : String(err)}`));
  else panel.dispose();
}
