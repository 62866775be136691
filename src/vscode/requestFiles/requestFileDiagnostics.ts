// Request-file findings as diagnostics (source "scim-request"): syntax, unknown `@app` ids and variables, written
// credentials, query filters, and the payload rules on each JSON body (their own codes, ranges inside the file).
// Re-run when registries change (the known application ids) or server schemas arrive.
import * as vscode from 'vscode';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { findingDiagnostic, registerDocumentDiagnostics } from '../shared/documentDiagnostics';
import { isRequestFileDocument, type RequestFileModels } from './requestFileDocuments';

export const REQUEST_FILE_DIAGNOSTIC_SOURCE = 'scim-request';

export function registerRequestFileDiagnostics(ctx: WorkbenchContext, models: RequestFileModels): void {
  const collection = ctx.track(vscode.languages.createDiagnosticCollection(REQUEST_FILE_DIAGNOSTIC_SOURCE));
  const extensionUri = ctx.extension.extensionUri;
  const diagnostics = registerDocumentDiagnostics(ctx, {
    collection,
    label: 'SCIM request-file analysis',
    wants: isRequestFileDocument,
    analyse: (doc) => {
      // Unknown `@app` ids are judged against the registries: read them the first time a request file is open
      // (not at activation); their arrival (apps.onDidChange) analyses again.
      // list() shares the load in flight, and starts another when the last one failed.
      if (!models.apps.known) {
        models.apps.list().catch((err: unknown) => {
          ctx.log.warn(`Request files: cannot list registry applications: ${err instanceof Error ? err.message : String(err)}`);
        });
      }
      return models.findings(doc).map((f) => findingDiagnostic(doc, f, extensionUri, REQUEST_FILE_DIAGNOSTIC_SOURCE));
    },
  });
  ctx.track(models.apps.onDidChange(() => diagnostics.all()));
  ctx.track(models.catalog.onDidChange(() => diagnostics.all()));
  ctx.track(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('scimWorkbench.diagnostics')) diagnostics.all(); }));
}
