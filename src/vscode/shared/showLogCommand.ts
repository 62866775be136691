import * as vscode from 'vscode';
import type { WorkbenchContext } from './workbenchContext';

export function registerShowLogCommand(ctx: WorkbenchContext): void {
  ctx.track(vscode.commands.registerCommand('scimWorkbench.showLog', () => {
    ctx.log.show(true);
  }));
}
