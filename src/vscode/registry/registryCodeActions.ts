// Quick fixes for registry findings that carry fixes (a typo'd finding code, a contract in the wrong case, a
// trailing /Users). Schema findings are shown by VS Code's JSON validation (see registryDiagnostics.ts), but
// their fixes still come from here, attached to that service's diagnostic at the same place.
import * as vscode from 'vscode';
import { lintRegistry } from '../../core/registry';
import { REGISTRY_GLOB } from './registryFiles';
import { REGISTRY_DIAGNOSTIC_SOURCE } from './registryDiagnostics';
import { toRange } from '../shared/findingLinks';
import type { WorkbenchContext } from '../shared/workbenchContext';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}

function dedupe(list: vscode.Diagnostic[]): vscode.Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.source}|${codeOf(d)}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export class RegistryCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const finding of lintRegistry(doc.getText())) {
      if (!finding.fixes?.length) continue;
      const at = toRange(doc, finding.range);
      if (!at.intersection(range)) continue;
      // The context may not list every diagnostic at the range (it depends on how the request was made), so
      // look at all diagnostics of the document.
      const candidates = [...context.diagnostics, ...vscode.languages.getDiagnostics(doc.uri)];
      const shown = dedupe(candidates).filter((d) => d.range.intersection(at) && !d.range.isEmpty &&
        (d.source === REGISTRY_DIAGNOSTIC_SOURCE ? codeOf(d) === finding.code : finding.code === 'REGISTRY_SCHEMA' || finding.code === 'REGISTRY_JSON_SYNTAX'));
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) action.edit.replace(doc.uri, toRange(doc, e.range), e.newText);
        if (shown.length) action.diagnostics = shown;
        action.isPreferred = fix.preferred === true;
        actions.push(action);
      }
    }
    return actions;
  }
}

export function registerRegistryCodeActions(ctx: WorkbenchContext): void {
  ctx.track(vscode.languages.registerCodeActionsProvider({ pattern: REGISTRY_GLOB }, new RegistryCodeActionProvider(), {
    providedCodeActionKinds: RegistryCodeActionProvider.kinds,
  }));
}
