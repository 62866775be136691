// Quick fixes from the core's fix edits, attached to the diagnostics they fix, plus one source action that
// applies every vendor-quirk fix in the file at once.
import * as vscode from 'vscode';
import type { Finding, Fix, TextEdit } from '../core/findings';
import type { PayloadAnalyses } from './payloadAnalysis';
import { PAYLOAD_SELECTOR, isPayloadDocument } from './payloadDocuments';
import { PAYLOAD_DIAGNOSTIC_SOURCE } from './payloadDiagnostics';
import { toRange } from './findingLinks';
import type { WorkbenchContext } from './workbenchContext';

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

/** The preferred fix of every QUIRK_* finding, skipping any whose edits overlap one already taken. */
export function quirkFixEdits(findings: readonly Finding[]): TextEdit[] {
  const taken: TextEdit[] = [];
  const nestedUnder = new Set<string>();
  for (const f of findings) {
    if (!f.code.startsWith('QUIRK_')) continue;
    const fix: Fix | undefined = f.fixes?.find((x) => x.preferred) ?? (f.fixes?.length === 1 ? f.fixes[0] : undefined);
    if (!fix) continue;
    if (f.code === 'QUIRK_DOTTED_KEY') {
      // Each dotted-key fix wraps its member in a new `"outer": {...}`; two of them for the same outer key would
      // leave a duplicate key, so one per outer key per run (running the action again nests the next).
      const outer = /^"((?:[^"\\]|\\.)*)"\s*:/.exec(fix.edits[0]?.newText ?? '')?.[1]?.toLowerCase();
      if (outer !== undefined) {
        if (nestedUnder.has(outer)) continue;
        nestedUnder.add(outer);
      }
    }
    const overlaps = fix.edits.some((e) => taken.some((t) => e.range.start < t.range.end && t.range.start < e.range.end || (e.range.start === t.range.start && e.range.end === t.range.end)));
    if (!overlaps) taken.push(...fix.edits);
  }
  return taken;
}

export function registerPayloadCodeActions(ctx: WorkbenchContext, analyses: PayloadAnalyses): void {
  const provider: vscode.CodeActionProvider = {
    provideCodeActions(doc, range, context) {
      if (!isPayloadDocument(doc)) return undefined;
      const findings = analyses.findings(doc);
      const actions: vscode.CodeAction[] = [];
      const wantsQuickFix = !context.only || context.only.contains(vscode.CodeActionKind.QuickFix) || vscode.CodeActionKind.QuickFix.contains(context.only);
      if (wantsQuickFix) {
        for (const d of context.diagnostics) {
          if (d.source !== PAYLOAD_DIAGNOSTIC_SOURCE) continue;
          const f = findings.find((x) => sameSpot(doc, x, d));
          for (const fix of f?.fixes ?? []) {
            const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
            a.edit = workspaceEdit(doc, fix.edits);
            a.diagnostics = [d];
            a.isPreferred = fix.preferred === true;
            actions.push(a);
          }
        }
      }
      const wantsFixAll = !context.only || context.only.contains(FIX_ALL_QUIRKS_KIND) || FIX_ALL_QUIRKS_KIND.contains(context.only);
      if (wantsFixAll) {
        const edits = quirkFixEdits(findings);
        const inRange = findings.some((f) => f.code.startsWith('QUIRK_') && toRange(doc, f.range).intersection(range));
        if (edits.length > 0 && (context.only || inRange)) {
          const a = new vscode.CodeAction('Fix all SCIM quirks in file', FIX_ALL_QUIRKS_KIND);
          a.edit = workspaceEdit(doc, edits);
          actions.push(a);
        }
      }
      return actions;
    },
  };
  ctx.track(vscode.languages.registerCodeActionsProvider(PAYLOAD_SELECTOR, provider, {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_QUIRKS_KIND],
  }));
}
