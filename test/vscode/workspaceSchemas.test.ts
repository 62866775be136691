// A server's /Schemas response saved in the workspace makes its custom extension known to the payload editor:
// diagnostics inside the extension, completion of its attributes; a schemas file added or deleted later counts too.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../harness/waitFor';

function fixture(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return vscode.Uri.joinPath(folder.uri, 'discovery', name);
}

const codes = (uri: vscode.Uri): string[] => vscode.languages.getDiagnostics(uri).map((d) => String(typeof d.code === 'object' ? d.code.value : d.code));

describe('server schemas saved in the workspace', () => {
  it('check the custom extension of a payload: typo and wrong type found, URN known', async () => {
    const uri = fixture('acme-user.request.scim.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('the extension to be checked against the saved /Schemas', () => {
      const c = codes(uri);
      return c.includes('UNKNOWN_ATTRIBUTE') && c.includes('ATTRIBUTE_TYPE') && !c.includes('SCHEMAS_UNKNOWN_URN') ? c : undefined;
    });
    const typo = vscode.languages.getDiagnostics(uri).find((d) => d.message.includes('costCentre'));
    assert.ok(typo, 'the misspelt custom attribute is reported');
    assert.match(typo.message, /Did you mean "costCenter"/);
  });

  it('complete the custom extension\'s attributes', async () => {
    const uri = fixture('acme-user.request.scim.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('"costCenter"') + 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.some((l) => l.includes('seatLicensed')), `labels: ${labels.join(', ')}`);
  });

  it('follow schemas files as they are added and deleted', async () => {
    const uri = fixture('globex-user.request.scim.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitFor('the unknown Globex URN', () => (codes(uri).includes('SCHEMAS_UNKNOWN_URN') ? true : undefined));
    const schemasFile = fixture(`globex-schema-${Date.now()}.response.scim.json`);
    const schema = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'],
      id: 'urn:globex:params:scim:schemas:extension:globex:2.0:User',
      name: 'GlobexUser',
      attributes: [{ name: 'plant', type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', description: 'Plant' }],
    };
    await vscode.workspace.fs.writeFile(schemasFile, new TextEncoder().encode(JSON.stringify(schema, null, 2)));
    try {
      await waitFor('the Globex URN to become known', () => (!codes(uri).includes('SCHEMAS_UNKNOWN_URN') ? true : undefined), 30_000);
    } finally {
      await vscode.workspace.fs.delete(schemasFile);
    }
    await waitFor('the Globex URN to be unknown again', () => (codes(uri).includes('SCHEMAS_UNKNOWN_URN') ? true : undefined), 30_000);
  });
});
