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
import { findingDiagnostic, registerDocumentDiagnostics } from '../shared/documentDiagnostics';
import { errorDeviationDiagnostics } from '../runner/errorExplanation';

export const PAYLOAD_DIAGNOSTIC_SOURCE = 'scim';

export function toDiagnostic(doc: vscode.TextDocument, f: Finding, extensionUri: vscode.Uri): vscode.Diagnostic {
  return findingDiagnostic(doc, f, extensionUri, PAYLOAD_DIAGNOSTIC_SOURCE);
}

export function registerPayloadDiagnostics(ctx: WorkbenchContext, analyses: PayloadAnalyses, onCatalogChange: vscode.Event<void>): void {
  const collection = ctx.track(vscode.languages.createDiagnosticCollection(PAYLOAD_DIAGNOSTIC_SOURCE));
  const extensionUri = ctx.extension.extensionUri;
  const diagnostics = registerDocumentDiagnostics(ctx, {
    collection,
    label: 'SCIM payload analysis',
    wants: (doc) => doc.languageId === 'json' || doc.languageId === 'jsonc',
    // Not a payload (any more): e.g. the `schemas` member was deleted, or detection turned off. An error body also
    // gets the inspector's deviations that the payload rules do not report themselves.
    analyse: (doc) => {
      if (!isPayloadDocument(doc)) return undefined;
      const findings = analyses.findings(doc);
      return [...findings.map((f) => toDiagnostic(doc, f, extensionUri)), ...errorDeviationDiagnostics(ctx, doc, findings, PAYLOAD_DIAGNOSTIC_SOURCE, () => diagnostics.all())];
    },
    forget: (doc) => analyses.forget(doc),
  });
  ctx.track(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('scimWorkbench.payloads') || e.affectsConfiguration('scimWorkbench.diagnostics')) diagnostics.all();
  }));
  ctx.track(onCatalogChange(() => diagnostics.all()));
}
