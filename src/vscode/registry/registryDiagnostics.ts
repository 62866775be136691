// Registry lint as diagnostics: debounced while typing, cleared on close, each code linking to its README entry.
//
// Double reporting: VS Code's JSON language service validates registry files against the contributed schema
// (jsonValidation) and reports syntax errors itself. When it does (the built-in JSON extension is enabled and
// `json.validate.enable` is on for the file), REGISTRY_JSON_SYNTAX and REGISTRY_SCHEMA are left to it, so one
// mistake shows one squiggle; our own rules (duplicate ids, filters, secrets, ...) are reported either way.
// When JSON validation is off, we report those two codes ourselves so nothing goes unreported.
import * as vscode from 'vscode';
import { lintRegistry } from '../../core/registry';
import type { Finding } from '../../core/findings';
import { isRegistryDocument } from './registryFiles';
import { findingCodeTarget, toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const REGISTRY_DIAGNOSTIC_SOURCE = 'scim-registry';
const LEFT_TO_JSON_SERVICE = new Set(['REGISTRY_JSON_SYNTAX', 'REGISTRY_SCHEMA']);
const DEFAULT_DEBOUNCE_MS = 250;

/** Whether VS Code's JSON language service validates this document against our contributed schema. */
export function jsonServiceValidates(doc: vscode.TextDocument): boolean {
  const jsonExtension = vscode.extensions.getExtension('vscode.json-language-features');
  if (!jsonExtension) return false;
  return vscode.workspace.getConfiguration('json', doc).get<boolean>('validate.enable', true);
}

const severities: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toDiagnostics(doc: vscode.TextDocument, findings: readonly Finding[], extensionUri: vscode.Uri): vscode.Diagnostic[] {
  const skip = jsonServiceValidates(doc) ? LEFT_TO_JSON_SERVICE : new Set<string>();
  return findings
    .filter((f) => !skip.has(f.code))
    .map((f) => {
      const d = new vscode.Diagnostic(toRange(doc, f.range), f.message, severities[f.severity]);
      d.source = REGISTRY_DIAGNOSTIC_SOURCE;
      d.code = { value: f.code, target: findingCodeTarget(extensionUri, f.code) };
      return d;
    });
}

export function registerRegistryDiagnostics(ctx: WorkbenchContext): void {
  const collection = ctx.track(vscode.languages.createDiagnosticCollection(REGISTRY_DIAGNOSTIC_SOURCE));
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const extensionUri = ctx.extension.extensionUri;

  const lintNow = (doc: vscode.TextDocument): void => {
    if (doc.isClosed) return;
    try {
      collection.set(doc.uri, toDiagnostics(doc, lintRegistry(doc.getText()), extensionUri));
    } catch (err) {
      // The core promises not to throw; if it ever does, say so rather than leave stale squiggles.
      ctx.log.error(`Registry lint failed for ${doc.uri.fsPath}: ${err instanceof Error ? err.message : String(err)}`);
      collection.delete(doc.uri);
    }
  };
  const schedule = (doc: vscode.TextDocument, delay?: number): void => {
    if (!isRegistryDocument(doc)) return;
    // The same typing delay as SCIM payloads: one setting for every SCIM diagnostic.
    delay ??= vscode.workspace.getConfiguration('scimWorkbench.diagnostics', doc).get<number>('debounceMs', DEFAULT_DEBOUNCE_MS);
    const key = doc.uri.toString();
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      lintNow(doc);
    }, delay));
  };

  ctx.track(vscode.workspace.onDidOpenTextDocument((doc) => schedule(doc, 0)));
  ctx.track(vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)));
  ctx.track(vscode.workspace.onDidCloseTextDocument((doc) => {
    const key = doc.uri.toString();
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.delete(key);
    collection.delete(doc.uri);
  }));
  ctx.track(vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration('json.validate.enable')) return;
    for (const doc of vscode.workspace.textDocuments) schedule(doc, 0);
  }));
  ctx.track(vscode.extensions.onDidChange(() => {
    for (const doc of vscode.workspace.textDocuments) schedule(doc, 0);
  }));
  ctx.track({ dispose: () => { for (const t of timers.values()) clearTimeout(t); timers.clear(); } });
  for (const doc of vscode.workspace.textDocuments) schedule(doc, 0);
}
