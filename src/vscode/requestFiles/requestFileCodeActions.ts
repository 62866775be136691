// Quick fixes in request files from the findings' own edits (body fixes are the payload rules' fixes, moved into
// the file), plus "Fix all SCIM quirks in file" over every JSON body.
import * as vscode from 'vscode';
import { fixAllBodyQuirks } from '../../core/requestFile';
import { FIX_ALL_QUIRKS_KIND, findingCodeActions } from '../payload/payloadCodeActions';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { REQUEST_FILE_DIAGNOSTIC_SOURCE } from './requestFileDiagnostics';
import { REQUEST_FILE_SELECTOR, isRequestFileDocument, type RequestFileModels } from './requestFileDocuments';

export function registerRequestFileCodeActions(ctx: WorkbenchContext, models: RequestFileModels): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, range, context) {
      if (!isRequestFileDocument(doc)) return undefined;
      return findingCodeActions(doc, range, context, models.findings(doc), REQUEST_FILE_DIAGNOSTIC_SOURCE, () => fixAllBodyQuirks(models.parsed(doc), models.catalog.catalog));
    },
  };
  ctx.track(vscode.languages.registerCodeActionsProvider(REQUEST_FILE_SELECTOR, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_QUIRKS_KIND],
  }));
}
