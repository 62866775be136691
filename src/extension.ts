// activate() builds the context and registers stand-ins, nothing else: the features (dist/features.js) load the
// first time a SCIM file, view or command needs them (vscode/shared/lazyFeatures.ts), so opening VS Code on any
// JSON file or a workspace with a registry costs next to nothing until SCIM Workbench is actually used.
import type * as vscode from 'vscode';
import { WorkbenchContext } from './vscode/shared/workbenchContext';
import { registerShowLogCommand } from './vscode/shared/showLogCommand';
import { LazyFeatures } from './vscode/shared/lazyFeatures';

let current: WorkbenchContext | undefined;

export function activate(extensionContext: vscode.ExtensionContext): void {
  const ctx = new WorkbenchContext(extensionContext);
  current = ctx;
  extensionContext.subscriptions.push(ctx);
  registerShowLogCommand(ctx);
  ctx.track(new LazyFeatures(ctx, new Set(['scimWorkbench.showLog']))).start();
}

export function deactivate(): void {
  current?.dispose();
  current = undefined;
}
