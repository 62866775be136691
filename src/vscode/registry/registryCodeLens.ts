// Code lenses above each application of a registry file. Features contribute actions (reveal in the view, the
// sandbox now; the request runner and the probes later) through `contributeRegistryLens`, so this provider never
// needs to know them.
import * as vscode from 'vscode';
import type { ParsedApplication } from '../../core/registry';
import { REGISTRY_GLOB, isRegistryDocument, registryWorkspace, type RegistryFile } from './registryFiles';
import { TRANSIENT_SCHEME, transientRegistries } from './transientRegistry';
import type { WorkbenchContext } from '../shared/workbenchContext';

export interface RegistryLensTarget {
  uri: vscode.Uri;
  file: RegistryFile;
  app: ParsedApplication;
}

export interface RegistryLensAction {
  /** Unique; a second contribution with the same id replaces the first. */
  id: string;
  /** Lower comes first; reveal is 0, sandbox 100; leave gaps (runner 200, probes 300). */
  order: number;
  /** The lens for one application, or undefined to show none for it. */
  lens(target: RegistryLensTarget): vscode.Command | undefined;
}

const actions = new Map<string, RegistryLensAction>();
const actionsChanged = new vscode.EventEmitter<void>();

/** Adds a code lens action above every registry application; dispose to remove it. */
export function contributeRegistryLens(action: RegistryLensAction): vscode.Disposable {
  actions.set(action.id, action);
  actionsChanged.fire();
  return new vscode.Disposable(() => {
    if (actions.get(action.id) === action) {
      actions.delete(action.id);
      actionsChanged.fire();
    }
  });
}

/** Asks the provider to recompute lenses (e.g. the sandbox started, so its lens title changes). */
export function refreshRegistryLenses(): void {
  actionsChanged.fire();
}

class RegistryCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses = actionsChanged.event;

  constructor(private readonly ctx: WorkbenchContext) {}

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const file = doc.uri.scheme === TRANSIENT_SCHEME
      ? transientRegistries.find(doc.uri)?.file
      : registryWorkspace(this.ctx).fromDocument(doc);
    if (!file) return [];
    const ordered = [...actions.values()].sort((a, b) => a.order - b.order);
    const lenses: vscode.CodeLens[] = [];
    for (const app of file.parsed.applications) {
      const at = doc.positionAt(app.range.start);
      const range = new vscode.Range(at, at);
      for (const action of ordered) {
        let command: vscode.Command | undefined;
        try {
          command = action.lens({ uri: doc.uri, file, app });
        } catch (err) {
          this.ctx.log.warn(`Code lens "${action.id}" failed: ${err instanceof Error ? err.message : String(err)}`);
        }
        if (command) lenses.push(new vscode.CodeLens(range, command));
      }
    }
    return lenses;
  }
}

export function registerRegistryCodeLens(ctx: WorkbenchContext): void {
  const selector: vscode.DocumentSelector = [{ pattern: REGISTRY_GLOB }, { scheme: TRANSIENT_SCHEME }];
  ctx.track(vscode.languages.registerCodeLensProvider(selector, new RegistryCodeLensProvider(ctx)));
  // VS Code asks for an editor's lenses when it shows the editor and then only when the text or this provider
  // changes. In a fresh web workbench (1.100) that first ask sometimes never reached the provider, and the lenses
  // stayed missing until the editor was reopened. Signalling a change whenever a registry editor becomes visible,
  // or a registry file changes, makes VS Code ask again, so the lenses appear on first open.
  const shownRegistry = (editors: readonly vscode.TextEditor[]): boolean =>
    editors.some((e) => isRegistryDocument(e.document) || e.document.uri.scheme === TRANSIENT_SCHEME);
  // The first signal can come before the new editor's model is attached and be dropped with nothing to ask
  // for, so it is repeated once the editor has settled (cheap: lenses come from the parsed file).
  let timers: ReturnType<typeof setTimeout>[] = [];
  ctx.track(new vscode.Disposable(() => timers.forEach(clearTimeout)));
  const refreshSoon = (): void => {
    refreshRegistryLenses();
    timers.forEach(clearTimeout);
    timers = [300, 1500].map((ms) => setTimeout(refreshRegistryLenses, ms));
  };
  ctx.track(vscode.window.onDidChangeVisibleTextEditors((editors) => { if (shownRegistry(editors)) refreshSoon(); }));
  ctx.track(registryWorkspace(ctx).onDidChange(() => refreshRegistryLenses()));
  if (shownRegistry(vscode.window.visibleTextEditors)) refreshSoon();
  ctx.track(contributeRegistryLens({
    id: 'registry.reveal',
    order: 0,
    lens: ({ uri, app }) => ({
      title: '$(list-tree) Reveal in Registry view',
      tooltip: 'Select this application in the SCIM Workbench Registry view',
      command: 'scimWorkbench.registry.revealApplication',
      arguments: [uri.toString(), app.index],
    }),
  }));
}
