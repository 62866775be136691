// `SCIM: New Payload...`: pick a kind, get an untitled JSON document filled from the payload snippets, with
// live tab stops.
import * as vscode from 'vscode';
import { readFile } from 'node:fs/promises';
import { parseSnippetFile, type PayloadSnippet } from '../../core/payloadLanguage';
import type { WorkbenchContext } from '../shared/workbenchContext';

export const SNIPPETS_FILE = 'snippets/scim-payloads.code-snippets';

async function loadSnippets(ctx: WorkbenchContext): Promise<PayloadSnippet[]> {
  return parseSnippetFile(await readFile(ctx.asAbsolutePath(SNIPPETS_FILE), 'utf8'));
}

/** Opens a new untitled JSON document from the snippet named `name` (exact title) and returns its editor. */
export async function openPayloadFromSnippet(snippet: PayloadSnippet): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: '' });
  const editor = await vscode.window.showTextDocument(doc);
  await editor.insertSnippet(new vscode.SnippetString(snippet.body), new vscode.Position(0, 0));
  return editor;
}

export function registerNewPayloadCommand(ctx: WorkbenchContext): void {
  // The optional argument (a snippet title, or a prefix such as "scim-group") lets tests and keybindings skip the picker.
  ctx.track(vscode.commands.registerCommand('scimWorkbench.newPayload', async (kind?: string) => {
    const snippets = await loadSnippets(ctx);
    let chosen: PayloadSnippet | undefined;
    if (typeof kind === 'string') {
      chosen = snippets.find((s) => s.name === kind || s.prefixes.includes(kind));
      if (!chosen) {
        void vscode.window.showErrorMessage(`No SCIM payload kind "${kind}". Known: ${snippets.map((s) => s.prefixes[0]).join(', ')}.`);
        return undefined;
      }
    } else {
      const picked = await vscode.window.showQuickPick(
        snippets.map((s) => ({ label: s.name.replace(/^SCIM: /, ''), description: s.prefixes[0], detail: s.description, snippet: s })),
        { title: 'New SCIM Payload', placeHolder: 'Which payload?', matchOnDescription: true, matchOnDetail: true },
      );
      chosen = picked?.snippet;
    }
    if (!chosen) return undefined;
    return openPayloadFromSnippet(chosen);
  }));
}
