// Vendor errors explained inline in payload files: the inspector's deviations as diagnostics with the codes
// `scim-workbench explain` prints (never twice for a fault the payload rules report), and its explanation on hover
// over status/scimType/detail; a leading `// @app <id>` brings the registry's matching entries.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, waitFor, workspaceRoot } from './registryHelpers';
import { forget, plain, runnerFixture, type RunnerFixture } from './runnerHelpers';

async function payload(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), 'payloads', `scratch-runner-${name}`);
  forget(uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function hoverAt(doc: vscode.TextDocument, needle: string): Promise<string> {
  const at = doc.positionAt(doc.getText().indexOf(needle) + 1);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
  return plain(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
}

const scim = (doc: vscode.TextDocument): vscode.Diagnostic[] => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'scim');

describe('request runner: vendor errors explained in payload files', () => {
  let f: RunnerFixture;
  before(async () => {
    await activate();
    f = await runnerFixture();
  });
  after(async () => { await f?.dispose(); });

  it('a SCIM 1.1 error body gets ERROR_BODY_NOT_SCIM on its Errors member, and the explanation on hover', async () => {
    const doc = await payload('scim11.scim.json', '{\n  "Errors": { "description": "User already exists", "code": 409 }\n}\n');
    const d = await waitFor('ERROR_BODY_NOT_SCIM', () => scim(doc).find((x) => codeOf(x) === 'ERROR_BODY_NOT_SCIM'));
    assert.equal(doc.getText(d.range), '"Errors"');
    const hover = await hoverAt(doc, '"description"');
    assert.match(hover, /SCIM error explained: 409 · uniqueness/);
    assert.match(hover, /no application known/);
  });

  it('one problem, one squiggle: a numeric status on a 409 without scimType is reported once per fault', async () => {
    const doc = await payload('numeric.scim.json', '{\n  "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],\n  "status": 409,\n  "detail": "User already exists in the database."\n}\n');
    await waitFor('the payload rules', () => (scim(doc).some((x) => codeOf(x) === 'ERROR_STATUS_NOT_STRING') ? true : undefined));
    const codes = scim(doc).map(codeOf).sort();
    assert.deepEqual(codes, ['ERROR_SCIMTYPE_MISSING', 'ERROR_STATUS_NOT_STRING']);
  });

  it('a leading // @app comment brings the registry entries into the hover', async () => {
    const doc = await payload('with-app.scim.jsonc', '// @app rt-strict\n{\n  "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],\n  "status": "409",\n  "scimType": "uniqueness",\n  "detail": "taken"\n}\n');
    const hover = await waitFor('the registry entry in the hover', async () => {
      const text = await hoverAt(doc, '"detail"');
      return text.includes('rt: that userName is taken') ? text : undefined;
    });
    assert.match(hover, /workaround: rt: look the user up first/);
    assert.equal(scim(doc).length, 0, 'an RFC-correct error body has no diagnostics');
  });

  it('leaves resources alone: a User with a description-like field is not an error', async () => {
    const doc = await payload('user.scim.json', '{\n  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],\n  "userName": "bjensen",\n  "title": "Tour Guide"\n}\n');
    assert.doesNotMatch(await hoverAt(doc, '"title"'), /SCIM error explained/);
    assert.ok(f.sandbox.url);
  });
});
