// REGISTRY_DRIFT in registry files: a warning on each declared field that the latest run of its application
// contradicts (declared vs observed, when, by which run), recomputed when runs are stored and as the file is
// edited, so accepting the observed value (or fixing it by hand) clears it.
import * as vscode from 'vscode';
import { driftMarks, type DriftMark } from '../../core/probeResults';
import { isRegistryDocument, registryWorkspace } from '../registry/registryFiles';
import { findingCodeTarget, toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { probeRunStore } from './probeRunStore';

export const DRIFT_DIAGNOSTIC_SOURCE = 'scim-probes';

/** The drift marks of a registry document as it is now. */
export function driftMarksOf(ctx: WorkbenchContext, doc: vscode.TextDocument): DriftMark[] {
  const store = probeRunStore(ctx);
  const registry = doc.uri.toString();
  return driftMarks(registryWorkspace(ctx).fromDocument(doc).parsed, (appId) => store.latest(registry, appId));
}

export function registerDriftDiagnostics(ctx: WorkbenchContext): void {
  const collection = ctx.track(vscode.languages.createDiagnosticCollection(DRIFT_DIAGNOSTIC_SOURCE));
  const store = probeRunStore(ctx);
  const update = (doc: vscode.TextDocument): void => {
    if (!isRegistryDocument(doc) || doc.isClosed || doc.uri.scheme === 'git') return;
    const diagnostics = driftMarksOf(ctx, doc).map((m) => {
      const d = new vscode.Diagnostic(toRange(doc, m.range), m.message, vscode.DiagnosticSeverity.Warning);
      d.source = DRIFT_DIAGNOSTIC_SOURCE;
      d.code = { value: 'REGISTRY_DRIFT', target: findingCodeTarget(ctx.extension.extensionUri, 'REGISTRY_DRIFT') };
      return d;
    });
    collection.set(doc.uri, diagnostics);
  };
  const all = (): void => { for (const doc of vscode.workspace.textDocuments) update(doc); };
  ctx.track(store.onDidChange(all));
  ctx.track(vscode.workspace.onDidOpenTextDocument(update));
  ctx.track(vscode.workspace.onDidChangeTextDocument((e) => update(e.document)));
  ctx.track(vscode.workspace.onDidCloseTextDocument((doc) => collection.delete(doc.uri)));
  void store.ready().then(all);
}
