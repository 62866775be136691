// The "Probe Results" view: application -> run -> probe -> finding -> evidence, built by the core's resultTree
// from the stored runs. Selecting an exchange opens it (read-only, redacted); selecting a finding reveals the
// registry field it concerns. A finding's tooltip links its code to the README.
import * as vscode from 'vscode';
import { buildResultTree, findNode, type ResultNode } from '../../core/probeResults';
import { findingCodeTarget } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { probeRunStore, type ProbeRunStore } from './probeRunStore';

export const PROBE_VIEW_ID = 'scimWorkbench.probes';

class ProbeResultsProvider implements vscode.TreeDataProvider<ResultNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: ResultNode[] = [];
  private readonly parents = new Map<string, ResultNode>();

  constructor(private readonly store: ProbeRunStore, private readonly extensionUri: vscode.Uri) {
    this.rebuild();
  }

  rebuild(): void {
    this.roots = buildResultTree(this.store.all());
    this.parents.clear();
    const walk = (n: ResultNode): void => {
      for (const c of n.children) {
        this.parents.set(c.id, n);
        walk(c);
      }
    };
    this.roots.forEach(walk);
    void vscode.commands.executeCommand('setContext', 'scimWorkbench.probeResults', this.roots.length > 0);
    this.changed.fire();
  }

  get tree(): ResultNode[] {
    return this.roots;
  }

  node(id: string): ResultNode | undefined {
    return findNode(this.roots, id);
  }

  getTreeItem(n: ResultNode): vscode.TreeItem {
    const state = n.children.length === 0 ? vscode.TreeItemCollapsibleState.None
      : n.kind === 'app' || (n.kind === 'run' && n.contextValue.includes('Latest')) ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(n.label, state);
    item.id = n.id;
    item.description = n.description;
    item.iconPath = new vscode.ThemeIcon(n.icon, n.color ? new vscode.ThemeColor(n.color) : undefined);
    item.contextValue = n.contextValue;
    if (n.kind === 'finding' && n.ref.code) {
      const md = new vscode.MarkdownString(`${n.tooltip}\n\n[${n.ref.code}](${findingCodeTarget(this.extensionUri, n.ref.code).toString()}): what it means and how to fix it`);
      item.tooltip = md;
    } else {
      item.tooltip = n.tooltip;
    }
    if (n.kind === 'evidence' && n.ref.runId && n.ref.exchangeId) {
      item.command = { command: 'scimWorkbench.probes.openExchange', title: 'Open Exchange', arguments: [n.ref.key, n.ref.appId, n.ref.runId, n.ref.exchangeId] };
    } else if (n.kind === 'finding' && n.ref.field) {
      item.command = { command: 'scimWorkbench.probes.revealField', title: 'Reveal Registry Field', arguments: [n.ref.registry, n.ref.appId, n.ref.field] };
    }
    return item;
  }

  getChildren(n?: ResultNode): ResultNode[] {
    return n ? n.children : this.roots;
  }

  getParent(n: ResultNode): ResultNode | undefined {
    return this.parents.get(n.id);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** What a test sees of a node: the data plus what selecting it runs. */
export interface ProbeTreeSnapshot extends Omit<ResultNode, 'children'> {
  command?: { command: string; arguments: unknown[] };
  children: ProbeTreeSnapshot[];
}

let provider: ProbeResultsProvider | undefined;

/** The node a context-menu command was given: the node itself, or (from the palette) none. */
export function resultNode(arg: unknown): ResultNode | undefined {
  const id = (arg as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? provider?.node(id) ?? (arg as ResultNode) : undefined;
}

export function registerProbeResultsView(ctx: WorkbenchContext): void {
  const store = probeRunStore(ctx);
  const created = ctx.track(new ProbeResultsProvider(store, ctx.extension.extensionUri));
  provider = created;
  ctx.track({ dispose: () => { if (provider === created) provider = undefined; } });
  const view = ctx.track(vscode.window.createTreeView(PROBE_VIEW_ID, { treeDataProvider: created, showCollapseAll: true }));
  ctx.track(store.onDidChange(() => created.rebuild()));
  void store.ready().then(() => created.rebuild());

  const snapshot = (n: ResultNode): ProbeTreeSnapshot => {
    const item = created.getTreeItem(n);
    const { children, ...rest } = n;
    return {
      ...rest,
      ...(item.command ? { command: { command: item.command.command, arguments: item.command.arguments ?? [] } } : {}),
      children: children.map(snapshot),
    };
  };
  // Not in the palette: the tree as the view shows it, for tests.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.probes.describe', async () => {
    await store.ready();
    return { roots: created.tree.map(snapshot), visible: view.visible };
  }));
  // Not in the palette: reads the stored runs again, as a window reload would.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.probes.reloadResults', () => store.reload()));
}
