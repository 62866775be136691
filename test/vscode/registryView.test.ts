import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RegistryTreeSnapshot } from '../../src/vscode/registry/registryView';
import { activate, fixture, offsetOf, waitFor, workspaceRoot } from './registryHelpers';

interface Described { roots: RegistryTreeSnapshot[]; selection: string[]; visible: boolean }

const describeView = (): Thenable<Described> => vscode.commands.executeCommand<Described>('scimWorkbench.registry.describe');

function fileNode(d: Described, suffix: string): RegistryTreeSnapshot | undefined {
  return d.roots.find((r) => r.label.endsWith(suffix));
}

function child(node: RegistryTreeSnapshot | undefined, label: string): RegistryTreeSnapshot {
  const found = node?.children.find((c) => c.label === label || c.description === label || c.description.startsWith(`${label} · `));
  assert.ok(found, `"${label}" under ${node?.label}: [${node?.children.map((c) => c.label).join(', ')}]`);
  return found;
}

describe('registry view', () => {
  before(async () => {
    await activate();
    await vscode.commands.executeCommand('scimWorkbench.registry.focus');
  });
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('lists registry files, applications with auth icons and verdicts, and fields of interest', async () => {
    const d = await waitFor('the example registry in the view', async () => {
      const v = await describeView();
      return fileNode(v, 'registry/scim-registry.jsonc') ? v : undefined;
    });
    const file = fileNode(d, 'registry/scim-registry.jsonc');
    assert.equal(file?.description, '6 applications');
    assert.ok(fileNode(d, 'registry/mistakes.scim-registry.jsonc'), 'the mistakes file is listed too');
    const strict = child(file, 'strict');
    assert.equal(strict.icon, 'key');
    assert.equal(strict.label, 'Strict (RFC 7644 reference)');
    assert.match(strict.description, /^strict · ✓ pass · pagination 2026-01-15$/);
    assert.equal(child(file, 'acme-crm').icon, 'shield');
    assert.equal(child(file, 'acme-crm').description, 'acme-crm · not probed');
    const fields = strict.children.map((c) => c.label);
    for (const f of ['baseUrl', 'auth', 'endpoints', 'deactivation', 'pagination', 'schema extensions', 'observed']) {
      assert.ok(fields.includes(f), `${f} in [${fields.join(', ')}]`);
    }
    assert.equal(child(strict, 'baseUrl').description, 'http://127.0.0.1:4780/apps/strict/scim/v2');
    assert.equal(child(strict, 'deactivation').description, 'immediate');
    assert.match(child(strict, 'pagination').description, /max 1000\/page/);
    assert.equal(child(strict, 'auth').description, 'bearer · secret sandbox-token');
    const aws = child(file, 'aws-like');
    assert.equal(child(aws, 'known issues').description, '1 issue');
    const slack = child(file, 'slack-like');
    assert.match(child(slack, 'rate limit').description, /5\/s · 300\/min · burst 10 · Retry-After honored/);
    assert.equal(child(child(file, 'acme-crm'), 'deactivation').description, 'delayed (3600 s)');
  });

  it('reveals a field in its file when the node is selected', async () => {
    const d = await describeView();
    const deactivation = child(child(fileNode(d, 'registry/scim-registry.jsonc'), 'acme-crm'), 'deactivation');
    assert.ok(deactivation.command);
    await vscode.commands.executeCommand(deactivation.command.command, ...deactivation.command.arguments);
    const editor = await waitFor('the registry editor', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.toString(), fixture('scim-registry.jsonc').toString());
    const selected = editor.document.getText(editor.selection);
    assert.ok(selected.startsWith('"deactivation": { "contract": "delayed", "delaySeconds": 3600'), selected);
    assert.equal(editor.document.offsetAt(editor.selection.start), offsetOf(editor.document.getText(), '"deactivation": { "contract": "delayed"'));
  });

  it('selects an application from its code lens', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('scim-registry.jsonc'));
    await vscode.window.showTextDocument(doc);
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 50);
      return l.length ? l : undefined;
    });
    const reveal = lenses.filter((l) => l.command?.command === 'scimWorkbench.registry.revealApplication')[2];
    assert.ok(reveal?.command);
    const ok = await vscode.commands.executeCommand<boolean>(reveal.command.command, ...(reveal.command.arguments ?? []));
    assert.equal(ok, true);
    const d = await waitFor('the selection in the view', async () => {
      const v = await describeView();
      return v.selection.length ? v : undefined;
    });
    const aws = child(fileNode(d, 'registry/scim-registry.jsonc'), 'aws-like');
    assert.deepEqual(d.selection, [aws.id]);
  });

  it('follows files created, edited (unsaved) and deleted', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'watch.scim-registry.jsonc');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{ "applications": [ { "id": "first", "baseUrl": "https://first.example.com/scim/v2" } ] }\n'));
    try {
      await waitFor('the new file in the view', async () => fileNode(await describeView(), 'watch.scim-registry.jsonc')?.children.some((c) => c.label === 'first'));
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const text = editor.document.getText();
      const at = offsetOf(text, '"first"');
      await editor.edit((b) => b.replace(new vscode.Range(editor.document.positionAt(at), editor.document.positionAt(at + 7)), '"renamed"'));
      await waitFor('the unsaved rename in the view', async () => fileNode(await describeView(), 'watch.scim-registry.jsonc')?.children.some((c) => c.label === 'renamed'));
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitFor('the disk content after revert', async () => fileNode(await describeView(), 'watch.scim-registry.jsonc')?.children.some((c) => c.label === 'first'));
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
    await waitFor('the deleted file gone from the view', async () => !fileNode(await describeView(), 'watch.scim-registry.jsonc'));
    // VS Code keeps the closed file's document for a while: a refresh must not bring the deleted file back from it.
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
    const kept = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    assert.equal(fileNode(await describeView(), 'watch.scim-registry.jsonc')?.label, undefined, `the deleted file after a refresh (its document ${kept ? 'still' : 'no longer'} open)`);
  });

  it('survives a file that is not valid JSON', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'broken.scim-registry.jsonc');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{ "applications": [ { "id": "half", "baseUrl": \n'));
    try {
      await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
      const node = await waitFor('the broken file in the view', async () => fileNode(await describeView(), 'broken.scim-registry.jsonc'));
      assert.equal(node.description, 'has syntax errors');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
