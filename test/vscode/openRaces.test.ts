// Races seen right after a file opens (issue 15): quick fixes once missing while the diagnostics were shown (the
// code-action request came before VS Code had our diagnostics on its side), and registry code lenses that never
// appeared until the editor was reopened. Each is checked on 20 files opened for the first time, asking at once,
// with no retry: the first answer must be complete.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, waitFor, workspaceRoot } from './registryHelpers';

const ROUNDS = 20;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

async function freshFile(name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'payloads', name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function closeAndDelete(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  await vscode.workspace.fs.delete(uri);
}

describe('open races (first answer right after a file opens)', () => {
  before(async () => {
    await activate();
    // The features load with the first SCIM file; the rounds below measure opening, not loading.
    const warm = await freshFile('race-warm.scim.json', JSON.stringify({ schemas: [USER], userName: 'w' }));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(warm));
    await waitFor('the payload features', async () => (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', warm, new vscode.Position(0, 1))).items.length > 0);
    // The first JSON file also starts VS Code's own JSON language server, whose client registers a code-action
    // provider ("Sort JSON") once the server is up. VS Code cancels every code-action request in flight when the
    // providers for the document change, and the request then answers nothing (read in getCodeActions of VS Code
    // 1.100; on a loaded machine that registration fell into round 0). The editor asks again by itself when the
    // providers change; the rounds below ask once, so they start after that registration.
    await waitFor("VS Code's JSON language server's code actions", async () =>
      (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', warm, new vscode.Range(0, 0, 0, 0), 'source.sort')).some((a) => a.title === 'Sort JSON'), 60_000);
    await closeAndDelete(warm);
  });

  it(`offers a payload's quick fix on the first request right after it opens, ${ROUNDS} times in a row`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const text = `{\n  "schemas": ["${USER}"],\n  "userName": "race${round}",\n  "active": "False"\n}\n`;
      const uri = await freshFile(`race-${round}.scim.json`, text);
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc);
        const at = doc.positionAt(text.indexOf('"False"') + 2);
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at), undefined, 50);
        const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit?.get(uri).some((e) => e.newText === 'false'));
        assert.ok(fix, `round ${round}: the "False" -> false fix on the first request; got: ${actions.map((a) => a.title).join(', ') || 'nothing'}`);
        // And the diagnostic it fixes is shown.
        await waitFor(`round ${round}: QUIRK_STRING_BOOLEAN shown`, () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'QUIRK_STRING_BOOLEAN'));
      } finally {
        await closeAndDelete(uri);
      }
    }
  });

  it(`offers the quick fix while the diagnostics lag behind the text (first request after an edit), ${ROUNDS} times`, async () => {
    // A long debounce holds the diagnostics at the text as it was opened: the request then carries none at the
    // fix's new place, as a request does when it comes before VS Code has the fresh diagnostics.
    const config = vscode.workspace.getConfiguration('scimWorkbench.diagnostics');
    await config.update('debounceMs', 600_000, vscode.ConfigurationTarget.Global);
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const text = `{\n  "schemas": ["${USER}"],\n  "userName": "lag${round}",\n  "active": "False"\n}\n`;
        const uri = await freshFile(`race-lag-${round}.scim.json`, text);
        try {
          const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
          await waitFor(`round ${round}: QUIRK_STRING_BOOLEAN shown`, () => vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'QUIRK_STRING_BOOLEAN'));
          assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), '\n\n')));
          const at = editor.document.positionAt(editor.document.getText().indexOf('"False"') + 2);
          const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(at, at), undefined, 50);
          const fix = actions.find((a) => a.kind?.value === 'quickfix' && a.edit?.get(uri).some((e) => e.newText === 'false'));
          assert.ok(fix, `round ${round}: the fix after the edit; got: ${actions.map((a) => a.title).join(', ') || 'nothing'}`);
          assert.equal(editor.document.offsetAt(fix.edit?.get(uri)[0]?.range.start ?? new vscode.Position(0, 0)), editor.document.getText().indexOf('"False"'), 'the fix edits the text as it is now');
        } finally {
          await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
          await vscode.workspace.fs.delete(uri);
        }
      }
    } finally {
      await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it(`shows a registry's code lenses on the first request right after it opens, ${ROUNDS} times in a row`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const uri = vscode.Uri.joinPath(workspaceRoot(), `race-${round}.scim-registry.jsonc`);
      const registry = { applications: [{ id: `a${round}`, baseUrl: 'https://a.example.com/scim/v2' }, { id: `b${round}`, baseUrl: 'https://b.example.com/scim/v2' }] };
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(registry, null, 2)));
      try {
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 50);
        const reveal = lenses.filter((l) => l.command?.title.includes('Reveal in Registry view'));
        assert.equal(reveal.length, 2, `round ${round}: one reveal lens per application; got: ${lenses.map((l) => l.command?.title).join(', ') || 'nothing'}`);
      } finally {
        await closeAndDelete(uri);
      }
    }
  });
});
