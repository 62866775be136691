// Payload findings as diagnostics (source "scim"): debounced while typing, re-run when server schemas arrive
// or settings change, cleared when the document closes. Each code links to its entry in the packaged README.
//
// Who reports what: our core rules report every SCIM problem (with a code, an exact range and fixes). The JSON
// Schema contributed through jsonValidation judges nothing (no type/enum/required/additionalProperties), so
// VS Code's JSON support adds hover and completion but no second squiggle; it alone reports JSON syntax errors.
import * as vscode from 'vscode';
import type { Finding } from '../../core/findings';
import type { PayloadAnalyses } from './payloadAnalysis';
import { isPayloadDocument } from './payloadDocuments';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { findingCodeTarget, toRange } from '../shared/findingLinks';

export const PAYLOAD_DIAGNOSTIC_SOURCE = 'scim';

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostic(doc: vscode.TextDocument, f: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, f.range), f.message, severities[f.severity]);
  d.source = PAYLOAD_DIAGNOSTIC_SOURCE;
  d.code = { value: f.code, target: findingCodeTarget(extensionUri, f.code) };
  return d;
}

export function registerPayloadDiagnostics(ctx: WorkbenchContext, analyses: PayloadAnalyses, onCatalogChange: vscode.Event<void>): void {
  const collection = ctx.track(vscode.languages.createDiagnosticCollection(PAYLOAD_DIAGNOSTIC_SOURCE));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const extensionUri = ctx.extension.extensionUri;

  const cancel = (key: string): void => {
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.delete(key);
  };
  const analyseNow = (doc: vscode.TextDocument): void => {
    if (doc.isClosed) return;
    if (!isPayloadDocument(doc)) {
      collection.delete(doc.uri); // e.g. the `schemas` member was deleted, or detection turned off
      return;
    }
    try {
      collection.set(doc.uri, analyses.findings(doc).map((f) => toDiagnostic(doc, f, extensionUri)));
    } catch (err) {
      ctx.log.error(`SCIM payload analysis failed for ${doc.uri.toString(true)}: ${err instanceof Error ? err.message : String(err)}`);
      collection.delete(doc.uri);
    }
  };
  const schedule = (doc: vscode.TextDocument, immediate = false): void => {
    if (doc.languageId !== 'json' && doc.languageId !== 'jsonc') {
      collection.delete(doc.uri); // the language was changed away from JSON
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
    analyses.forget(doc);
    collection.delete(doc.uri);
  }));
  // VS Code may keep a document alive (no close event) long after its last tab closed; users expect its
  // problems to go with the tab, so a closed tab clears them too and a reopened one brings them back.
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
  ctx.track(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('scimWorkbench.payloads') || e.affectsConfiguration('scimWorkbench.diagnostics')) all();
  }));
  ctx.track(onCatalogChange(all));
  ctx.track({ dispose: () => { for (const k of [...timers.keys()]) cancel(k); } });
  all();
}
