// Shared by the registry and sandbox extension-host suites: fixture paths and polling with a deadline.
import * as vscode from 'vscode';
import { waitFor } from '../harness/waitFor';

export { waitFor };

export const extensionId = 'scim-workbench.scim-workbench';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return folder.uri;
}

export function fixture(...parts: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'registry', ...parts);
}

export async function activate(): Promise<void> {
  const ext = vscode.extensions.getExtension(extensionId);
  if (!ext) throw new Error('extension not loaded');
  await ext.activate();
}


export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fixture(name));
  return vscode.window.showTextDocument(doc);
}

/** Offset of the n-th (0-based) occurrence of `needle` in the text. */
export function offsetOf(text: string, needle: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return at;
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? '');
}
