// Activation stays cheap: the activation bundle (dist/extension.js) holds only this loader, and the features
// bundle (dist/features.js, src/vscode/features.ts) is required the first time something needs it:
//   - a SCIM file is open or opens (a payload by name or content, a registry by name);
//   - any contributed command runs: a stand-in is registered for each command in package.json, which loads the
//     features, steps aside and runs the real command;
//   - any contributed tree view is shown: a stand-in provider loads the features, which register the real one;
//   - a probe run in the workspace did not finish (its cleanup journal lists resources): the cleanup is offered,
//     at start in a trusted workspace, or when the workspace is trusted;
//   - VS Code restores a webview panel after a reload (an `onWebviewPanel:<viewType>` activation event): the
//     panel's serializer, registered here because a view type takes one serializer, loads the features and hands
//     the panel to them.
// A new command or view contributed in package.json is covered without touching this file; its real
// registration goes into the features bundle like the others.
import * as vscode from 'vscode';
import { hasScimSchemas, isScimPayloadFileName } from '../../core/payloadLanguage/detect';
import { isRegistryFileName } from '../../core/registry/fileNames';
import { unfinishedProbeRun } from './unfinishedProbeRuns';
import type { WorkbenchContext } from './workbenchContext';

type FeaturesModule = typeof import('../features');

interface Contributions {
  commands?: { command: string }[];
  views?: Record<string, { id: string; type?: string }[]>;
}

interface PackageJson {
  contributes?: Contributions;
  activationEvents?: string[];
}

const CONTENT_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'memfs']);

/** A document the features must see: a request file, a registry by name, a payload by name or (unless turned off) content. */
export function isScimDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'scim-request') return CONTENT_SCHEMES.has(doc.uri.scheme);
  if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') return false;
  if (!CONTENT_SCHEMES.has(doc.uri.scheme)) return false;
  if (isRegistryFileName(doc.uri.path) || isScimPayloadFileName(doc.uri.path)) return true;
  if (!vscode.workspace.getConfiguration('scimWorkbench.payloads', doc).get<boolean>('detectByContent', true)) return false;
  return hasScimSchemas(doc.getText(new vscode.Range(0, 0, 200, 0)));
}

export class LazyFeatures implements vscode.Disposable {
  private loading: Promise<void> | undefined;
  /** Stand-ins and watchers that go away once the features are loaded. */
  private readonly standIns: vscode.Disposable[] = [];
  /** Registrations that serve the features after loading too (webview panel serializers). */
  private readonly kept: vscode.Disposable[] = [];
  private features: FeaturesModule | undefined;

  /** `ownCommands`: contributed commands the activation bundle registers itself (they need no stand-in). */
  constructor(
    private readonly ctx: WorkbenchContext,
    private readonly ownCommands: ReadonlySet<string> = new Set(),
  ) {}

  /** Registers the stand-ins and loads the features at once if a SCIM file is already open. */
  start(): void {
    const pkg = this.ctx.extension.extension.packageJSON as PackageJson;
    for (const { command } of pkg.contributes?.commands ?? []) {
      if (this.ownCommands.has(command)) continue;
      this.standIns.push(vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        await this.load(`command ${command}`);
        return vscode.commands.executeCommand(command, ...args);
      }));
    }
    for (const views of Object.values(pkg.contributes?.views ?? {})) {
      for (const view of views) {
        if (view.type === 'webview') continue; // a webview view's provider is registered by the features bundle
        const emitter = new vscode.EventEmitter<void>();
        this.standIns.push(emitter, vscode.window.registerTreeDataProvider(view.id, {
          onDidChangeTreeData: emitter.event,
          getTreeItem: (e: vscode.TreeItem) => e,
          getChildren: () => {
            // Not within getChildren itself: the features replace this provider, so load on the next tick.
            setTimeout(() => this.load(`view ${view.id}`).catch(() => undefined), 0); // logged
            return [];
          },
        }));
      }
    }
    for (const event of pkg.activationEvents ?? []) {
      const viewType = /^onWebviewPanel:(.+)$/.exec(event)?.[1];
      if (!viewType) continue;
      this.kept.push(vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          await this.load(`panel ${viewType}`);
          this.features?.reviveWebviewPanel(this.ctx, viewType, panel, state);
        },
      }));
    }
    const check = (doc: vscode.TextDocument): void => {
      if (!this.loading && isScimDocument(doc)) this.load(`document ${doc.uri.toString(true)}`).catch(() => undefined); // logged
    };
    this.standIns.push(vscode.workspace.onDidOpenTextDocument(check));
    // The content of a plain .json can become SCIM (its `schemas` typed in).
    this.standIns.push(vscode.workspace.onDidChangeTextDocument((e) => check(e.document)));
    for (const doc of vscode.workspace.textDocuments) check(doc);
    // A probe run that did not finish: the features offer its cleanup when they load, so load them now (trusted
    // workspaces only: the offer is made only there; a workspace trusted later is looked at then).
    if (vscode.workspace.isTrusted) this.loadForUnfinishedProbeRun();
    else this.standIns.push(vscode.workspace.onDidGrantWorkspaceTrust(() => this.loadForUnfinishedProbeRun()));
  }

  private loadForUnfinishedProbeRun(): void {
    unfinishedProbeRun()
      .then((journal) => { if (journal && !this.loading) this.load(`the unfinished probe run in ${vscode.workspace.asRelativePath(journal)}`).catch(() => undefined); }) // logged
      .catch((err: unknown) => this.ctx.log.warn(`Looking for unfinished probe runs: ${err instanceof Error ? err.message : String(err)}`));
  }

  /**
   * Requires the features bundle once and activates it. The stand-ins are disposed first, and their disposal
   * awaited: a tree view's disposal completes asynchronously in the extension host, and the real view of the same
   * id must register after it, or the late disposal unregisters the real one.
   */
  load(reason: string): Promise<void> {
    this.loading ??= (async () => {
      await Promise.all(this.standIns.splice(0).map((d) => d.dispose() as unknown));
      const started = performance.now();
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a runtime require keeps the bundle out of the activation bundle
      const features = require(this.ctx.asAbsolutePath('dist/features.js')) as FeaturesModule;
      features.activateFeatures(this.ctx);
      this.features = features;
      this.ctx.log.info(`features loaded for ${reason} in ${(performance.now() - started).toFixed(0)} ms`);
    })().catch((err: unknown) => {
      this.ctx.log.error(`SCIM Workbench features failed to load: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      throw err;
    });
    return this.loading;
  }

  private disposeStandIns(): void {
    for (const d of this.standIns.splice(0)) d.dispose();
  }

  dispose(): void {
    this.disposeStandIns();
    for (const d of this.kept.splice(0)) d.dispose();
  }
}
