// Quick fixes on REGISTRY_DRIFT: "Accept the observed value" writes it into the declared field (a minimal edit),
// "Add to known issues" records the drift in the application's knownIssues (summary and code filled in).
import * as vscode from 'vscode';
import { addKnownIssue, knownIssueFor } from '../../core/probeResults';
import { promoteObservation, type WriteBackResult } from '../../core/registry';
import type { TextEdit } from '../../core/findings';
import { REGISTRY_GLOB } from '../registry/registryFiles';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';
import { DRIFT_DIAGNOSTIC_SOURCE, driftMarksOf } from './driftDiagnostics';

export function editOf(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, toRange(doc, e.range), e.newText);
  return edit;
}

class DriftCodeActionProvider implements vscode.CodeActionProvider {
  constructor(private readonly ctx: WorkbenchContext) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    try {
      return this.actions(doc, range);
    } catch (err) {
      this.ctx.log.error(`Drift quick fixes failed for ${doc.uri.fsPath}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return [];
    }
  }

  private actions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const text = doc.getText();
    const shown = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DRIFT_DIAGNOSTIC_SOURCE);
    for (const mark of driftMarksOf(this.ctx, doc)) {
      const at = toRange(doc, mark.range);
      if (!at.intersection(range)) continue;
      const diagnostics = shown.filter((d) => d.range.isEqual(at));
      const add = (title: string, result: WriteBackResult, preferred: boolean): void => {
        if (!result.ok) return;
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.edit = editOf(doc, result.edits);
        action.diagnostics = diagnostics;
        action.isPreferred = preferred;
        actions.push(action);
      };
      add(`Accept the observed value ${JSON.stringify(mark.observed)}`, promoteObservation(text, mark.appId, mark.field, mark.observed), true);
      add('Add to known issues', addKnownIssue(text, mark.appId, knownIssueFor({ code: 'REGISTRY_DRIFT', message: mark.message }, mark.when)), false);
    }
    return actions;
  }
}

export function registerDriftCodeActions(ctx: WorkbenchContext): void {
  ctx.track(vscode.languages.registerCodeActionsProvider({ pattern: REGISTRY_GLOB }, new DriftCodeActionProvider(ctx), {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  }));
}
