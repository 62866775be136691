// The "Registry" view: registry files and transient registries, their applications, and fields of interest.
// Selecting a node reveals its range in the file. Commands: refresh, reveal (file range), revealApplication
// (select an app in the tree, used by the code lens), and a non-palette `describe` hook for tests.
import * as vscode from 'vscode';
import { registryWorkspace, type RegistryWorkspace } from './registryFiles';
import { appNodes, fieldNodes, fileNodeId, treeItemOf, type AppNode, type FileNode, type RegistryNode } from './registryTreeNodes';
import { registerTransientRegistries, transientRegistries } from './transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const REGISTRY_VIEW_ID = 'scimWorkbench.registry';

class RegistryTreeProvider implements vscode.TreeDataProvider<RegistryNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly workspace: RegistryWorkspace) {}

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }

  async roots(): Promise<FileNode[]> {
    const files: FileNode[] = (await this.workspace.list()).map((file) => ({ kind: 'file', id: fileNodeId(file), file }));
    const transient: FileNode[] = transientRegistries.list().map((t) => ({
      kind: 'file',
      id: fileNodeId(t.file),
      file: t.file,
      transient: t.description === undefined ? { label: t.label } : { label: t.label, description: t.description },
    }));
    return [...transient, ...files];
  }

  getTreeItem(node: RegistryNode): vscode.TreeItem {
    return treeItemOf(node);
  }

  async getChildren(node?: RegistryNode): Promise<RegistryNode[]> {
    if (!node) return this.roots();
    if (node.kind === 'file') return appNodes(node);
    if (node.kind === 'app') return fieldNodes(node);
    return node.children;
  }

  getParent(node: RegistryNode): RegistryNode | undefined {
    return node.kind === 'file' ? undefined : node.parent;
  }

  async findApp(uri: string, index: number): Promise<AppNode | undefined> {
    const root = (await this.roots()).find((r) => r.file.uri.toString() === uri);
    return root ? appNodes(root).find((a) => a.app.index === index) : undefined;
  }
}

/** A plain snapshot of the tree, for tests and diagnostics. */
export interface RegistryTreeSnapshot {
  id: string;
  label: string;
  description: string;
  icon: string;
  /** The command selecting the node runs (reveal in file), with its arguments. */
  command?: { command: string; arguments: unknown[] };
  children: RegistryTreeSnapshot[];
}

async function snapshot(provider: RegistryTreeProvider, node?: RegistryNode, depth = 4): Promise<RegistryTreeSnapshot[]> {
  const children = await provider.getChildren(node);
  return Promise.all(children.map(async (child) => {
    const item = provider.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    const out: RegistryTreeSnapshot = {
      id: child.id,
      label,
      description: typeof item.description === 'string' ? item.description : '',
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : '',
      children: depth > 1 ? await snapshot(provider, child, depth - 1) : [],
    };
    if (item.command) out.command = { command: item.command.command, arguments: item.command.arguments ?? [] };
    return out;
  }));
}

export async function revealRange(uri: vscode.Uri, start?: number, end?: number): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { preview: true });
  if (start !== undefined) {
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(end ?? start));
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
  return editor;
}

export function registerRegistryView(ctx: WorkbenchContext): void {
  registerTransientRegistries((d) => ctx.track(d));
  const workspace = registryWorkspace(ctx);
  const provider = new RegistryTreeProvider(workspace);
  ctx.track(provider);
  const view = ctx.track(vscode.window.createTreeView(REGISTRY_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true }));
  ctx.track(workspace.onDidChange(() => provider.refresh()));
  ctx.track(transientRegistries.onDidChange(() => provider.refresh()));

  ctx.track(vscode.commands.registerCommand('scimWorkbench.registry.refresh', async () => {
    await workspace.rescan();
    provider.refresh();
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.registry.reveal', async (uri: unknown, start?: unknown, end?: unknown) => {
    if (typeof uri !== 'string' && !(uri instanceof vscode.Uri)) return;
    await revealRange(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri,
      typeof start === 'number' ? start : undefined, typeof end === 'number' ? end : undefined);
  }));
  ctx.track(vscode.commands.registerCommand('scimWorkbench.registry.revealApplication', async (uri: unknown, index: unknown) => {
    if (typeof index !== 'number' || (typeof uri !== 'string' && !(uri instanceof vscode.Uri))) return false;
    const node = await provider.findApp(uri.toString(), index);
    if (!node) return false;
    await view.reveal(node, { select: true, focus: true, expand: true });
    return true;
  }));
  // Not in the palette: what the view shows, plus the current selection.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.registry.describe', async () => ({
    roots: await snapshot(provider),
    selection: view.selection.map((n) => n.id),
    visible: view.visible,
  })));
}
