// The life cycle every diagnostics adapter shares: analyse a document when it opens, again after the user pauses
// typing (`scimWorkbench.diagnostics.debounceMs`), and on demand (settings, schemas or registries changed); clear
// its problems when it closes, and when its last tab closes (VS Code may keep a document alive long after its
// last tab closed; users expect its problems to go with the tab, and a reopened tab brings them back).
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import { findingCodeTarget, toRange } from './findingLinks';
import type { WorkbenchContext } from './workbenchContext';

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A finding as a diagnostic whose code links to its README entry. */
export function findingDiagnostic(doc: vscode.TextDocument, f: Finding, extensionUri: vscode.Uri, source: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, f.range), f.message, severities[f.severity]);
  d.source = source;
  d.code = { value: f.code, target: findingCodeTarget(extensionUri, f.code) };
  return d;
}

export interface DocumentDiagnosticsOptions {
  collection: vscode.DiagnosticCollection;
  /** Cheap: whether the document may be one of ours (e.g. its language); others are cleared at once. */
  wants(doc: vscode.TextDocument): boolean;
  /** The document's diagnostics, or undefined when it turns out not to be one of ours (its problems are cleared). */
  analyse(doc: vscode.TextDocument): vscode.Diagnostic[] | undefined;
  /** Called when a document closes, to drop caches. */
  forget?(doc: vscode.TextDocument): void;
  /** For the log when `analyse` throws. */
  label: string;
}

export interface DocumentDiagnostics {
  /** Re-analyses every open document now. */
  all(): void;
}

export function registerDocumentDiagnostics(ctx: WorkbenchContext, opts: DocumentDiagnosticsOptions): DocumentDiagnostics {
  const { collection } = opts;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const cancel = (key: string): void => {
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.delete(key);
  };
  const analyseNow = (doc: vscode.TextDocument): void => {
    if (doc.isClosed) return;
    try {
      const diagnostics = opts.analyse(doc);
      if (diagnostics) collection.set(doc.uri, diagnostics);
      else collection.delete(doc.uri);
    } catch (err) {
      ctx.log.error(`${opts.label} failed for ${doc.uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
      collection.delete(doc.uri);
    }
  };
  const schedule = (doc: vscode.TextDocument, immediate = false): void => {
    if (!opts.wants(doc)) {
      collection.delete(doc.uri); // e.g. the language was changed away
      return;
    }
    const key = doc.uri.toString();
    cancel(key);
    const delay = immediate ? 0 : Math.max(0, vscode.workspace.getConfiguration('scimWorkbench.diagnostics', doc).get<number>('debounceMs', 250));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      analyseNow(doc);
    }, delay));
  };
  const all = (): void => { for (const d of vscode.workspace.textDocuments) schedule(d, true); };

  ctx.track(vscode.workspace.onDidOpenTextDocument((doc) => schedule(doc, true)));
  ctx.track(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) schedule(e.document); }));
  ctx.track(vscode.workspace.onDidCloseTextDocument((doc) => {
    cancel(doc.uri.toString());
    opts.forget?.(doc);
    collection.delete(doc.uri);
  }));
  const tabUris = (tabs: readonly vscode.Tab[]): vscode.Uri[] => tabs.flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri] : []));
  ctx.track(vscode.window.tabGroups.onDidChangeTabs((e) => {
    const stillShown = new Set(tabUris(vscode.window.tabGroups.all.flatMap((g) => g.tabs)).map((u) => u.toString()));
    for (const uri of tabUris(e.closed)) {
      if (stillShown.has(uri.toString())) continue;
      cancel(uri.toString());
      collection.delete(uri);
    }
    for (const uri of tabUris(e.opened)) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc) schedule(doc, true);
    }
  }));
  ctx.track({ dispose: () => { for (const k of [...timers.keys()]) cancel(k); } });
  all();
  return { all };
}
