// Quick fixes from the core's fix edits, attached to the diagnostics they fix, plus one source action that
// applies every vendor-quirk fix in the file at once.
import * as vscode from 'vscode';
import type { Finding, TextEdit } from '../../core/findings';
import { fixAllQuirks } from '../../core/scim/fixAllQuirks';
import type { PayloadAnalyses } from './payloadAnalysis';
import { PAYLOAD_SELECTOR, isPayloadDocument } from './payloadDocuments';
import { PAYLOAD_DIAGNOSTIC_SOURCE } from './payloadDiagnostics';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const FIX_ALL_QUIRKS_KIND = vscode.CodeActionKind.SourceFixAll.append('scim');

function workspaceEdit(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(doc.uri, toRange(doc, e.range), e.newText);
  return we;
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (typeof c === 'object' && c !== null) return String(c.value);
  return c === undefined ? undefined : String(c);
}

function sameSpot(doc: vscode.TextDocument, f: Finding, d: vscode.Diagnostic): boolean {
  return codeOf(d) === f.code && doc.offsetAt(d.range.start) === f.range.start && doc.offsetAt(d.range.end) === f.range.end;
}

/**
 * The fixes of the findings at `range` as quick fixes, each attached to the diagnostic (of `source`) that shows
 * its finding. Offered from the findings themselves, not only from the diagnostics the request carries: right
 * after a document opens, a request can come before VS Code has our diagnostics on its side (the request then
 * carries none) while the editor already shows them, and the fixes must not go missing then.
 */
function quickFixes(doc: vscode.TextDocument, range: vscode.Range, findings: readonly Finding[], carried: readonly vscode.Diagnostic[], source: string): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  const ours = [...carried, ...vscode.languages.getDiagnostics(doc.uri)].filter((d) => d.source === source);
  for (const f of findings) {
    if (!f.fixes?.length) continue;
    const shown = ours.find((d) => sameSpot(doc, f, d));
    const at = shown?.range ?? toRange(doc, f.range);
    if (!at.intersection(range) && !carried.some((d) => d === shown)) continue;
    for (const fix of f.fixes) {
      const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      a.edit = workspaceEdit(doc, fix.edits);
      if (shown) a.diagnostics = [shown];
      a.isPreferred = fix.preferred === true;
      actions.push(a);
    }
  }
  return actions;
}

/**
 * The code actions of a SCIM document: quick fixes of the findings its diagnostics (of `source`) show, and "Fix
 * all SCIM quirks in file" when asked for, or when the range touches a quirk; `fixAll` computes its edits.
 */
export function findingCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, findings: readonly Finding[], source: string, fixAll: () => readonly TextEdit[]): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
  if (wantsQuickFix) actions.push(...quickFixes(doc, range, findings, context.diagnostics, source));
  const wantsFixAll = !context.only || context.only.contains(FIX_ALL_QUIRKS_KIND) || FIX_ALL_QUIRKS_KIND.contains(context.only);
  if (wantsFixAll) {
    const inRange = findings.some((f) => f.code.startsWith('QUIRK_') && toRange(doc, f.range).intersection(range));
    const edits = context.only || inRange ? fixAll() : [];
    if (edits.length > 0) {
      const a = new vscode.CodeAction('Fix all SCIM quirks in file', FIX_ALL_QUIRKS_KIND);
      a.edit = workspaceEdit(doc, edits);
      actions.push(a);
    }
  }
  return actions;
}

export function registerPayloadCodeActions(ctx: WorkbenchContext, analyses: PayloadAnalyses): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, range, context) {
      if (!isPayloadDocument(doc)) return undefined;
      const findings = analyses.findings(doc);
      return findingCodeActions(doc, range, context, findings, PAYLOAD_DIAGNOSTIC_SOURCE, () => {
        const fixed = fixAllQuirks(doc.getText(), analyses.optionsFor(doc), findings);
        return fixed.edit ? [fixed.edit] : [];
      });
    },
  };
  ctx.track(vscode.languages.registerCodeActionsProvider(PAYLOAD_SELECTOR, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_QUIRKS_KIND],
  }));
}
