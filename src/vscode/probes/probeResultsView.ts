// The "Probe Results" view. Probes arrive in a later issue; until then the view is registered (so VS Code shows
// its welcome text rather than "no data provider") and lists nothing.
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../shared/workbenchContext';

class ProbeResultsProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }
  getChildren(): never[] {
    return [];
  }
}

export function registerProbeResultsView(ctx: WorkbenchContext): void {
  ctx.track(vscode.window.createTreeView('scimWorkbench.probes', { treeDataProvider: new ProbeResultsProvider() }));
}
