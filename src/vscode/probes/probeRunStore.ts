// The stored probe runs of this workspace: a JSON file per application in the extension's workspace storage (no
// secrets: reports are redacted before they are kept), the newest `scimWorkbench.probes.keepRuns` runs each.
// Read once when the features load; `reload()` reads the files again (what a window reload does).
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { addRun, historyFileText, historyKey, parseHistoryFile, type StoredRun } from '../../core/probeResults';
import type { WorkbenchContext } from '../shared/workbenchContext';

export class ProbeRunStore implements vscode.Disposable {
  private readonly histories = new Map<string, StoredRun[]>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private loading: Promise<void>;
  /** Writes of one file are chained so an older history never lands after a newer one. */
  private writes = new Map<string, Promise<void>>();

  constructor(private readonly ctx: WorkbenchContext) {
    this.loading = this.load();
  }

  get dir(): vscode.Uri {
    const base = this.ctx.extension.storageUri ?? this.ctx.extension.globalStorageUri;
    return vscode.Uri.joinPath(base, 'probe-runs');
  }

  ready(): Promise<void> {
    return this.loading;
  }

  /** Every application's runs, newest first. */
  all(): StoredRun[][] {
    return [...this.histories.values()];
  }

  runs(registry: string, appId: string): StoredRun[] {
    return this.histories.get(historyKey(registry, appId)) ?? [];
  }

  /** The latest run of an application of this registry, by id (case-insensitive). */
  latest(registry: string, appId: string): StoredRun | undefined {
    const exact = this.runs(registry, appId)[0];
    if (exact) return exact;
    const wanted = appId.toLowerCase();
    for (const runs of this.histories.values()) {
      const first = runs[0];
      if (first && first.registry === registry && first.appId.toLowerCase() === wanted) return first;
    }
    return undefined;
  }

  find(key: string, runId: string): StoredRun | undefined {
    return this.histories.get(key)?.find((r) => r.report.runId === runId);
  }

  async add(run: StoredRun): Promise<void> {
    await this.loading;
    const key = historyKey(run.registry, run.appId);
    const limit = vscode.workspace.getConfiguration('scimWorkbench.probes').get<number>('keepRuns', 5);
    const runs = addRun(this.histories.get(key) ?? [], run, limit);
    this.histories.set(key, runs);
    this.changed.fire();
    await this.write(key, runs);
  }

  /** Forgets the memory and reads the files again. */
  async reload(): Promise<void> {
    this.loading = this.load();
    await this.loading;
    this.changed.fire();
  }

  private fileOf(key: string): vscode.Uri {
    return vscode.Uri.joinPath(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 24)}.json`);
  }

  private write(key: string, runs: StoredRun[]): Promise<void> {
    const text = historyFileText(key, runs);
    const next = (this.writes.get(key) ?? Promise.resolve()).then(async () => {
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(this.fileOf(key), new TextEncoder().encode(text));
    }).catch((err: unknown) => {
      this.ctx.log.error(`Probe results: could not store the runs of ${key}: ${err instanceof Error ? err.message : String(err)}`);
    });
    this.writes.set(key, next);
    return next;
  }

  private async load(): Promise<void> {
    await Promise.all([...this.writes.values()]);
    this.histories.clear();
    let entries: [string, vscode.FileType][] = [];
    try {
      entries = await vscode.workspace.fs.readDirectory(this.dir);
    } catch {
      return; // nothing stored yet
    }
    for (const [name, type] of entries) {
      if (type !== vscode.FileType.File || !name.endsWith('.json')) continue;
      const uri = vscode.Uri.joinPath(this.dir, name);
      try {
        const parsed = parseHistoryFile(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
        if (parsed.problem) this.ctx.log.warn(`Probe results: ${uri.fsPath}: ${parsed.problem}`);
        if (parsed.key && parsed.runs.length) this.histories.set(parsed.key, parsed.runs);
      } catch (err) {
        this.ctx.log.warn(`Probe results: cannot read ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let store: ProbeRunStore | undefined;

export function probeRunStore(ctx: WorkbenchContext): ProbeRunStore {
  if (!store) {
    const created = ctx.track(new ProbeRunStore(ctx));
    store = created;
    ctx.track({ dispose: () => { if (store === created) store = undefined; } });
  }
  return store;
}
