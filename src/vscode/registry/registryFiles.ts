// The workspace's registry files, parsed once per change and shared by the view, the code lenses, the secret
// commands and the sandbox. Open documents win over the disk, so the view follows unsaved edits.
import * as vscode from 'vscode';
import { isRegistryFileName, parseRegistry, type ParsedApplication, type ParsedRegistry } from '../../core/registry';
import { LineIndex, type OffsetRange } from '../../core/text';
import { transientRegistries } from './transientRegistry';
import { perContext, type WorkbenchContext } from '../shared/workbenchContext';

/** Every name issue 5 gives a registry file; also the `filenamePatterns` contributed for the jsonc language. */
export const REGISTRY_GLOB = '**/{scim-registry.jsonc,scim-registry.json,*.scim-registry.jsonc,*.scim-registry.json}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.test-runtime,.artifacts,out,dist}/**';

export interface RegistryFile {
  uri: vscode.Uri;
  parsed: ParsedRegistry;
  /** The text `parsed` was built from, for offset -> position conversion. */
  text: string;
}

export function isRegistryDocument(doc: vscode.TextDocument): boolean {
  return isRegistryFileName(doc.uri.path);
}

export function rangeIn(file: RegistryFile, range: OffsetRange): vscode.Range {
  const index = new LineIndex(file.text);
  const r = index.rangeAt(range);
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export function appLabel(app: ParsedApplication): string {
  const id = typeof app.app.id === 'string' && app.app.id ? app.app.id : `application ${app.index + 1}`;
  return typeof app.app.name === 'string' && app.app.name ? `${app.app.name} (${id})` : id;
}

export class RegistryWorkspace implements vscode.Disposable {
  private readonly files = new Map<string, RegistryFile>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private loaded: Promise<void> | undefined;
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Per file, how many times its entry was (or is being) replaced: a disk read that a newer read or document
   * update overtook while it waited must not overwrite the newer text. */
  private readonly versions = new Map<string, number>();

  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(REGISTRY_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => { void this.reload(uri); }),
      watcher.onDidChange((uri) => { void this.reload(uri); }),
      watcher.onDidDelete((uri) => { this.remove(uri); }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isRegistryDocument(e.document)) this.updateFromDocument(e.document);
      }),
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (isRegistryDocument(doc) && doc.uri.scheme !== 'git') this.updateFromDocument(doc);
      }),
      // Closing a dirty document discards its edits: the disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (isRegistryDocument(doc) && this.files.has(doc.uri.toString())) void this.reload(doc.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => { void this.rescan(); }),
    );
  }

  /** All registry files, sorted by path; scans the workspace on first call. */
  async list(): Promise<RegistryFile[]> {
    this.loaded ??= this.scanOnce();
    await this.loaded;
    return [...this.files.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  }

  async get(uri: vscode.Uri): Promise<RegistryFile | undefined> {
    await this.list();
    return this.files.get(uri.toString()) ?? (await this.reload(uri));
  }

  /** The file for a document, parsed from its current (possibly unsaved) text. */
  fromDocument(doc: vscode.TextDocument): RegistryFile {
    const text = doc.getText();
    const known = this.files.get(doc.uri.toString());
    if (known && known.text === text) return known;
    return { uri: doc.uri, text, parsed: parseRegistry(text, doc.uri.fsPath) };
  }

  async rescan(): Promise<void> {
    this.loaded = this.scanOnce();
    await this.loaded;
    this.fire();
  }

  /** A scan that failed (the file search) is not kept as the answer: the next list() scans again. */
  private scanOnce(): Promise<void> {
    const scanning: Promise<void> = this.scan().catch((err: unknown) => {
      if (this.loaded === scanning) this.loaded = undefined;
      throw err;
    });
    return scanning;
  }

  private async scan(): Promise<void> {
    const uris = await vscode.workspace.findFiles(REGISTRY_GLOB, EXCLUDE_GLOB, 500);
    this.files.clear();
    await Promise.all(uris.map((uri) => this.read(uri)));
    // Open registry documents too (one outside the folders, unsaved edits), but not one whose file is gone: VS Code
    // keeps a document alive for a while after its file was deleted and its tab closed.
    const found = new Set(uris.map((u) => u.toString()));
    const open = vscode.workspace.textDocuments.filter((doc) => isRegistryDocument(doc) && doc.uri.scheme === 'file');
    const exists = await Promise.all(open.map((doc) => found.has(doc.uri.toString()) || doc.isDirty
      || Promise.resolve(vscode.workspace.fs.stat(doc.uri)).then(() => true, () => false)));
    open.forEach((doc, i) => { if (exists[i]) this.set(this.fromDocument(doc)); });
    this.log.debug(`Registry: ${this.files.size} registry file(s) in the workspace`);
  }

  private async read(uri: vscode.Uri): Promise<RegistryFile | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.set(this.fromDocument(open));
    const key = uri.toString();
    const version = this.bump(key);
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (this.versions.get(key) !== version) return this.files.get(key);
      return this.set({ uri, text, parsed: parseRegistry(text, uri.fsPath) }, version);
    } catch (err) {
      if (this.versions.get(key) !== version) return this.files.get(key);
      this.log.warn(`Registry: cannot read ${uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      this.files.delete(key);
      return undefined;
    }
  }

  private bump(key: string): number {
    const next = (this.versions.get(key) ?? 0) + 1;
    this.versions.set(key, next);
    return next;
  }

  private async reload(uri: vscode.Uri): Promise<RegistryFile | undefined> {
    if (!isRegistryFileName(uri.path)) return undefined;
    const file = await this.read(uri);
    this.fire();
    return file;
  }

  private remove(uri: vscode.Uri): void {
    this.bump(uri.toString());
    if (this.files.delete(uri.toString())) this.fire();
  }

  private updateFromDocument(doc: vscode.TextDocument): void {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'vscode-remote') return;
    this.set(this.fromDocument(doc));
    this.fire();
  }

  /** Records a file's entry; `version` is the read's own, otherwise (a document's text) it supersedes reads in flight. */
  private set(file: RegistryFile, version?: number): RegistryFile {
    const key = file.uri.toString();
    if (version === undefined) this.bump(key);
    this.files.set(key, file);
    return file;
  }

  /** Coalesces bursts (typing, a save that also fires the watcher) into one refresh. */
  private fire(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 150);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** One RegistryWorkspace per extension context, built on first use (activate() stays cheap). */
export const registryWorkspace = perContext((ctx): RegistryWorkspace => ctx.track(new RegistryWorkspace(ctx.log)));

/** Every registry the runner and the probes can use: the running sandbox's first, then the workspace files. */
export async function allRegistryFiles(ctx: WorkbenchContext): Promise<RegistryFile[]> {
  return [...transientRegistries.list().map((t) => t.file), ...(await registryWorkspace(ctx).list())];
}

/** The first application with this id (case-insensitive, like the CLI's --app) across all registries. */
export async function findRegistryApplication(ctx: WorkbenchContext, id: string): Promise<{ file: RegistryFile; app: ParsedApplication } | undefined> {
  const wanted = id.toLowerCase();
  for (const file of await allRegistryFiles(ctx)) {
    const app = file.parsed.applications.find((a) => typeof a.app.id === 'string' && a.app.id.toLowerCase() === wanted);
    if (app) return { file, app };
  }
  return undefined;
}
