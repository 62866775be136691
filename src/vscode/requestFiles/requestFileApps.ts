// The applications a request file can name: every registry in the workspace plus the running sandbox's
// transient registry, kept current as registries change. Completion, hover and diagnostics read the latest list
// synchronously; the first use loads it.
import * as vscode from 'vscode';
import { registryApplications, type RequestFileApp } from '../../core/requestFile';
import { allRegistryFiles, registryWorkspace, type RegistryFile } from '../registry/registryFiles';
import { TRANSIENT_SCHEME, transientRegistries } from '../registry/transientRegistry';
import type { ParsedApplication } from '../../core/registry';
import { perContext, type WorkbenchContext } from '../shared/workbenchContext';

export interface RegistryApplication {
  info: RequestFileApp;
  file: RegistryFile;
  app: ParsedApplication;
}

function sourceOf(file: RegistryFile): string {
  if (file.uri.scheme === TRANSIENT_SCHEME) return transientRegistries.find(file.uri)?.label ?? 'a running registry';
  return vscode.workspace.asRelativePath(file.uri);
}

export class RequestFileApps implements vscode.Disposable {
  private current: RegistryApplication[] | undefined;
  private loading: Promise<RegistryApplication[]> | undefined;
  private generation = 0;
  /** Someone listed the applications: from then on every registry or sandbox change loads them again. */
  private asked = false;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when the list is first known and after it changed (a registry edited, added or removed; the sandbox started or stopped). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: WorkbenchContext) {
    this.disposables.push(registryWorkspace(ctx).onDidChange(() => this.reload()), transientRegistries.onDidChange(() => this.reload()));
  }

  /** The latest list, or undefined before the first load finished. */
  get known(): RequestFileApp[] | undefined {
    return this.current?.map((a) => a.info);
  }

  /** The latest applications with their registry entries, or undefined before the first load finished. */
  get loaded(): readonly RegistryApplication[] | undefined {
    return this.current;
  }

  async list(): Promise<RegistryApplication[]> {
    this.asked = true;
    if (this.current) return this.current;
    this.loading ??= this.load();
    return this.loading;
  }

  /** The first application with this id (case-insensitive), as `findRegistryApplication` finds it. */
  async find(id: string): Promise<RegistryApplication | undefined> {
    const wanted = id.toLowerCase();
    return (await this.list()).find((a) => a.info.id.toLowerCase() === wanted);
  }

  private async load(): Promise<RegistryApplication[]> {
    const generation = ++this.generation;
    let files: RegistryFile[];
    try {
      files = await allRegistryFiles(this.ctx);
    } catch (err) {
      // A failed load must not stay the answer: the next list() or change tries again.
      if (generation === this.generation) this.loading = undefined;
      throw err;
    }
    const out: RegistryApplication[] = registryApplications(files, sourceOf).map(({ info, registry, app }) => ({ info, file: registry, app }));
    // A load that started before a newer one must not overwrite the newer list.
    if (generation === this.generation) {
      this.current = out;
      this.loading = undefined;
      this.changed.fire();
    }
    return out;
  }

  private reload(): void {
    if (!this.asked) return; // nobody asked yet: the first list() reads everything anyway
    const loading = this.load();
    this.loading = loading;
    loading.catch((err: unknown) => {
      this.ctx.log.warn(`Request files: cannot list registry applications: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** One list per extension context, built on first use. */
export const requestFileApps = perContext((ctx): RequestFileApps => ctx.track(new RequestFileApps(ctx)));
