// Registries that exist only while something runs (the embedded sandbox). Each is rendered as registry JSONC
// and served read-only under the `scim-registry` scheme, so the view, reveal and code lenses treat it exactly
// like a file, and a user can copy an entry into their own registry.
import * as vscode from 'vscode';
import { parseRegistry, type Application } from '../../core/registry';
import type { RegistryFile } from './registryFiles';

export const TRANSIENT_SCHEME = 'scim-registry';

export interface TransientRegistry {
  /** Stable key, e.g. `sandbox`. */
  key: string;
  label: string;
  description?: string;
  file: RegistryFile;
}

class TransientRegistries {
  private readonly entries = new Map<string, TransientRegistry>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly onDidChangeContent = this.contentChanged.event;

  list(): TransientRegistry[] {
    return [...this.entries.values()];
  }

  find(uri: vscode.Uri): TransientRegistry | undefined {
    return this.list().find((e) => e.file.uri.toString() === uri.toString());
  }

  set(key: string, label: string, apps: Application[], opts: { description?: string; header?: string } = {}): TransientRegistry {
    const uri = vscode.Uri.from({ scheme: TRANSIENT_SCHEME, path: `/${key}.scim-registry.jsonc` });
    const text = renderRegistry(apps, opts.header);
    const entry: TransientRegistry = { key, label, file: { uri, text, parsed: parseRegistry(text, uri.path) } };
    if (opts.description !== undefined) entry.description = opts.description;
    this.entries.set(key, entry);
    this.contentChanged.fire(uri);
    this.changed.fire();
    return entry;
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.contentChanged.fire(entry.file.uri);
    this.changed.fire();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.find(uri)?.file.text ?? '// This registry is gone: whatever produced it (e.g. the sandbox) has stopped.\n{ "applications": [] }\n';
  }
}

function renderRegistry(apps: Application[], header?: string): string {
  const comment = header ? header.split('\n').map((l) => `// ${l}`).join('\n') + '\n' : '';
  return `${comment}${JSON.stringify({ applications: apps }, null, 2)}\n`;
}

/** The one set of transient registries of this extension host. */
export const transientRegistries = new TransientRegistries();

let registered = false;

/** Serves transient registries as read-only documents; idempotent. */
export function registerTransientRegistries(track: (d: vscode.Disposable) => void): void {
  if (registered) return;
  registered = true;
  const provider: vscode.TextDocumentContentProvider = {
    onDidChange: transientRegistries.onDidChangeContent,
    provideTextDocumentContent: (uri) => transientRegistries.provideTextDocumentContent(uri),
  };
  track(vscode.workspace.registerTextDocumentContentProvider(TRANSIENT_SCHEME, provider));
  track({ dispose: () => { registered = false; } });
}
