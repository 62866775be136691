// Payload editing in the real VS Code: diagnostics (codes and ranges, one per problem), quick fixes,
// completion, hover, content detection, and the New Payload command.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitFor } from '../harness/waitFor';
import { analyzePayload } from '../../src/core/scim/payloadRules';

const extensionId = 'scim-workbench.scim-workbench';
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the test workspace is not open');
  return folder.uri;
}
const fixture = (name: string): vscode.Uri => vscode.Uri.joinPath(root(), 'payloads', name);


const codeOf = (d: vscode.Diagnostic): string => (typeof d.code === 'object' ? String(d.code.value) : String(d.code ?? ''));
const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'scim');
const describeDiag = (doc: vscode.TextDocument, d: vscode.Diagnostic): string =>
  `${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${doc.getText(d.range)}`;

/** A scratch copy of a fixture (same directory, so name-based detection applies), deleted afterwards. */
async function withCopy<T>(name: string, as: string, body: (editor: vscode.TextEditor) => Promise<T>): Promise<T> {
  const uri = fixture(as);
  await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(fixture(name)));
  try {
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    return await body(editor);
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
}

async function open(name: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fixture(name)));
}

function positionOf(doc: vscode.TextDocument, needle: string, nth = 0, delta = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return doc.positionAt(at + delta);
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

describe('payload editing', () => {
  before(async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
  });

  it('shows the Entra quirks with exact ranges and codes that link to the README', async () => {
    const { document: doc } = await open('entra-patch.scim.json');
    const diags = await waitFor('Entra quirk diagnostics', () => (ours(doc.uri).length >= 6 ? ours(doc.uri) : undefined));
    assert.deepEqual(diags.map((d) => describeDiag(doc, d)), [
      'QUIRK_CAPITALISED_OP 4:12-4:21 "Replace"',
      'QUIRK_STRING_BOOLEAN 6:15-6:22 "False"',
      'QUIRK_CAPITALISED_OP 9:12-9:17 "Add"',
      'QUIRK_CAPITALISED_OP 14:12-14:21 "Replace"',
      'QUIRK_DOTTED_KEY 16:8-16:24 "name.givenName"',
      'QUIRK_DOTTED_KEY 17:8-17:25 "name.familyName"',
    ]);
    for (const d of diags) {
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
      const code = d.code as { value: string; target: vscode.Uri };
      assert.match(code.target.path, /README\.md$/);
      assert.equal(code.target.fragment, code.value.toLowerCase());
    }
    // The filtered path Entra sends is valid: no diagnostic on it.
    assert.ok(!diags.some((d) => doc.getText(d.range).includes('emails[')));
  });

  it('offers one-click fixes that remove their diagnostic, and a fix-all for the quirks', async () => {
    await withCopy('entra-patch.scim.json', 'scratch-entra.scim.json', async (editor) => {
      const doc = editor.document;
      const d = await waitFor('"False" diagnostic', () => ours(doc.uri).find((x) => codeOf(x) === 'QUIRK_STRING_BOOLEAN'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, undefined, 50);
      const fix = actions.find((a) => a.title === 'Use false');
      assert.ok(fix, actions.map((a) => a.title).join(', '));
      assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
      assert.equal(fix.isPreferred, true);
      // (executeCodeActionProvider does not return CodeAction.diagnostics, so the attachment is not asserted here.)
      assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
      await waitFor('the fixed diagnostic to go', () => !ours(doc.uri).some((x) => codeOf(x) === 'QUIRK_STRING_BOOLEAN'));
      assert.match(doc.lineAt(6).text, /"value": false/);

      const op = ours(doc.uri).find((x) => codeOf(x) === 'QUIRK_CAPITALISED_OP');
      assert.ok(op);
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, op.range, 'source.fixAll.scim', 50);
      const fixAll = all.find((a) => a.title === 'Fix all SCIM quirks in file');
      assert.ok(fixAll?.edit && (await vscode.workspace.applyEdit(fixAll.edit)));
      await waitFor('no quirk left but one dotted key (its sibling nests under the same name)', () => ours(doc.uri).filter((x) => codeOf(x).startsWith('QUIRK_')).length <= 1);
      assert.doesNotMatch(doc.getText(), /"(Replace|Add)"/);
      JSON.parse(doc.getText());
    });
  });

  it('quick fixes: missing schemas, readOnly id in a request, extension attribute at the top level', async () => {
    await withCopy('missing-schemas.scim.json', 'scratch-missing.scim.json', async (editor) => {
      const doc = editor.document;
      const d = await waitFor('SCHEMAS_MISSING', () => ours(doc.uri).find((x) => codeOf(x) === 'SCHEMAS_MISSING'));
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, undefined, 50);
      const add = actions.find((a) => a.isPreferred && a.title.startsWith('Add "schemas"'));
      assert.ok(add?.edit && (await vscode.workspace.applyEdit(add.edit)));
      await waitFor('SCHEMAS_MISSING to go', () => !ours(doc.uri).some((x) => codeOf(x) === 'SCHEMAS_MISSING'));
      assert.equal(JSON.parse(doc.getText()).schemas[0], USER);
    });
    await withCopy('create-user.request.scim.json', 'scratch-create.request.scim.json', async (editor) => {
      const doc = editor.document;
      const diags = await waitFor('request diagnostics', () => (ours(doc.uri).length >= 2 ? ours(doc.uri) : undefined));
      assert.deepEqual(diags.map((x) => `${codeOf(x)} ${doc.getText(x.range)}`), ['READONLY_IN_REQUEST "id"', 'EXTENSION_NOT_NESTED "employeeNumber"']);
      for (const code of ['READONLY_IN_REQUEST', 'EXTENSION_NOT_NESTED']) {
        const d = await waitFor(code, () => ours(doc.uri).find((x) => codeOf(x) === code));
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, undefined, 50);
        const fix = actions.find((a) => a.isPreferred && a.kind?.value === 'quickfix' && (code === 'READONLY_IN_REQUEST' ? /^Remove "id"/ : /^Move "employeeNumber"/).test(a.title));
        assert.ok(fix?.edit && (await vscode.workspace.applyEdit(fix.edit)), code);
        await waitFor(`${code} to go`, () => !ours(doc.uri).some((x) => codeOf(x) === code));
      }
      const value = JSON.parse(doc.getText());
      assert.equal(value.id, undefined);
      assert.equal(value[ENTERPRISE].employeeNumber, '701984');
    });
  });

  it('reports a wrong type once: ours, not a second squiggle from the JSON schema', async () => {
    const { document: doc } = await open('wrong-type.scim.json');
    const range = new vscode.Range(positionOf(doc, '42'), positionOf(doc, '42', 0, 2));
    // The JSON service flags the comment: once it has, it has validated the file against our schema too.
    await waitFor('the JSON service to check the file', () => vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'json' || /comment/i.test(d.message)));
    await waitFor('our ATTRIBUTE_TYPE', () => ours(doc.uri).some((d) => codeOf(d) === 'ATTRIBUTE_TYPE'));
    const onIt = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.intersection(range));
    assert.deepEqual(onIt.map((d) => `${d.source} ${codeOf(d)} ${doc.getText(d.range)}`), ['scim ATTRIBUTE_TYPE 42']);
    // The schema still serves hover: VS Code's JSON support describes standard attributes in *.scim.json.
    const hover = await hoverText(doc.uri, positionOf(doc, 'userName', 0, 2));
    assert.match(hover, /Unique identifier for the User/);
    assert.equal(hover.match(/Unique identifier for the User/g)?.length, 1, 'one description, not two');
  });

  it('detects payloads by content in plain .json files, not other JSON, and follows the setting', async () => {
    const { document: other } = await open('not-scim.json');
    const { document: doc } = await open('detected-by-content.json');
    const d = await waitFor('UNKNOWN_ATTRIBUTE in a content-detected .json', () => ours(doc.uri).find((x) => codeOf(x) === 'UNKNOWN_ATTRIBUTE'));
    assert.equal(doc.getText(d.range), '"displayNme"');
    assert.deepEqual(ours(other.uri), []);
    const config = vscode.workspace.getConfiguration('scimWorkbench.payloads');
    await config.update('detectByContent', false, vscode.ConfigurationTarget.Global);
    try {
      await waitFor('diagnostics gone with detection off', () => ours(doc.uri).length === 0);
    } finally {
      await config.update('detectByContent', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('diagnostics back', () => ours(doc.uri).length > 0);
  });

  it('clears diagnostics when the document closes', async () => {
    await withCopy('detected-by-content.json', 'scratch-close.json', async (editor) => {
      await waitFor('diagnostics', () => ours(editor.document.uri).length > 0);
    });
    await waitFor('diagnostics cleared on close', () => ours(fixture('scratch-close.json')).length === 0);
  });

  it('updates diagnostics as the user types', async () => {
    await withCopy('detected-by-content.json', 'scratch-typing.json', async (editor) => {
      const doc = editor.document;
      await waitFor('first diagnostics', () => ours(doc.uri).length > 0);
      const bad = ours(doc.uri).find((x) => codeOf(x) === 'UNKNOWN_ATTRIBUTE');
      assert.ok(bad);
      await editor.edit((b) => b.replace(bad.range, '"displayName"'));
      await waitFor('UNKNOWN_ATTRIBUTE gone after typing', () => ours(doc.uri).length === 0);
      await editor.edit((b) => b.insert(positionOf(doc, '"userName"'), '"active": "False", '));
      const q = await waitFor('QUIRK_STRING_BOOLEAN after typing', () => ours(doc.uri).find((x) => codeOf(x) === 'QUIRK_STRING_BOOLEAN'));
      assert.equal(doc.getText(q.range), '"False"');
    });
  });

  it('completes every User and enterprise attribute, in .json and .scim.json, each label once', async () => {
    for (const name of ['scratch-complete.json', 'scratch-complete.scim.json']) {
      const uri = fixture(name);
      const text = `{\n  "schemas": ["${USER}", "${ENTERPRISE}"],\n  "",\n  "${ENTERPRISE}": {\n    ""\n  }\n}\n`;
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      try {
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc);
        const top = await waitFor(`root keys in ${name}`, async () => {
          const labels = await completionLabels(uri, new vscode.Position(2, 3));
          return labels.includes('userName') && labels.includes('x509Certificates') ? labels : undefined;
        });
        // (In *.scim.json, VS Code's JSON completion omits keys already present, such as the extension object here.)
        const expected = ['userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale', 'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups', 'entitlements', 'roles', 'x509Certificates', 'externalId'];
        if (name.endsWith('.json') && !name.endsWith('.scim.json')) expected.push(ENTERPRISE);
        for (const a of expected) {
          assert.ok(top.includes(a), `${name}: ${a} in ${top.join(', ')}`);
        }
        const ext = await completionLabels(uri, new vscode.Position(4, 5));
        for (const a of ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager']) assert.ok(ext.includes(a), `${name}: ${a} in ${ext.join(', ')}`);
        for (const labels of [top, ext]) {
          const dupes = labels.filter((l, i) => labels.indexOf(l) !== i);
          assert.deepEqual(dupes, [], `${name}: labels offered twice`);
        }
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
        await vscode.workspace.fs.delete(uri);
      }
    }
  });

  it('completes canonical values, op values, URNs, PATCH paths and filters', async () => {
    const uri = fixture('scratch-values.json');
    const text = [
      '{',
      '  "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp", ""],',
      '  "Operations": [',
      '    { "op": "", "path": "emails[type eq \\"\\"].value", "value": "x" },',
      '    { "op": "replace", "value": { "emails": [{ "type": "" }] } },',
      '    { "op": "add", "path": "" }',
      '  ]',
      '}',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const at = (needle: string, nth: number, delta: number): vscode.Position => positionOf(doc, needle, nth, delta);
      const urns = await waitFor('URNs', async () => { const l = await completionLabels(uri, at('""]', 0, 1)); return l.includes(USER) ? l : undefined; });
      assert.ok(urns.includes(ENTERPRISE) && urns.includes('urn:ietf:params:scim:api:messages:2.0:Error'));
      assert.deepEqual((await completionLabels(uri, at('"op": ""', 0, 7))).filter((l) => ['add', 'remove', 'replace'].includes(l)), ['add', 'remove', 'replace']);
      const inFilter = await completionLabels(uri, at('\\"\\"]', 0, 2));
      assert.deepEqual(inFilter.filter((l) => /^"\w+"$/.test(l)).sort(), ['"home"', '"other"', '"work"']);
      const canonical = await completionLabels(uri, at('"type": ""', 0, 9));
      assert.ok(['work', 'home', 'other'].every((v) => canonical.includes(v)), canonical.join(', '));
      const paths = await completionLabels(uri, at('"path": ""', 0, 9));
      assert.ok(paths.includes('members') && paths.includes('emails[type eq "…"].value') && paths.includes('name.familyName'), paths.join(', '));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
    const search = await vscode.workspace.openTextDocument(fixture('search.scim.json'));
    const ops = await completionLabels(search.uri, positionOf(search, 'userName eq', 0, 9));
    assert.ok(ops.includes('eq') && ops.includes('pr'), ops.join(', '));
  });

  it('hovers: attribute definitions, filter trees, scimType, schema URNs', async () => {
    const { document: user } = await open('detected-by-content.json');
    const attr = await hoverText(user.uri, positionOf(user, 'userName', 0, 3));
    assert.match(attr, /\*\*userName\*\*/);
    assert.match(attr, /mutability `readWrite`/);
    assert.match(attr, /uniqueness `server`/);
    assert.match(attr, /RFC 7643 §4\.1\.1/);
    const urn = await hoverText(user.uri, positionOf(user, 'core:2.0:User', 0, 3));
    assert.match(urn, /\*\*User\*\* schema/);
    const { document: search } = await open('search.scim.json');
    const tree = await hoverText(search.uri, positionOf(search, 'userName eq', 0, 2));
    assert.match(tree, /and\n├─ userName eq "bjensen"\n└─ or/);
    const { document: err } = await open('conflict-error.response.scim.json');
    const scimType = await hoverText(err.uri, positionOf(err, '"uniqueness"', 0, 3));
    assert.match(scimType, /already in use or reserved/);
  });

  it('SCIM: New Payload opens an untitled document from a snippet that lints clean', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('scimWorkbench.newPayload', 'scim-patch-deactivate-pathless');
    try {
      assert.equal(editor.document.isUntitled, true);
      assert.equal(editor.document.languageId, 'json');
      const value = JSON.parse(editor.document.getText());
      assert.deepEqual(value.Operations, [{ op: 'replace', value: { active: false } }]);
      // The first tab stop is live: its choice is selected.
      assert.equal(editor.document.getText(editor.selection), 'false');
      await waitFor('analysis of the new document', () => vscode.languages.getDiagnostics(editor.document.uri) !== undefined);
      assert.deepEqual(ours(editor.document.uri), []);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('re-checks a large ListResponse edit by edit with exactly the findings of a full analysis', async () => {
    const users = Array.from({ length: 400 }, (_, i) => ({
      schemas: [USER, ENTERPRISE],
      id: `u-${i}`,
      userName: `user${i}@example.com`,
      emails: [{ value: `user${i}@example.com`, type: 'work', primary: true }],
      active: i % 97 === 5 ? 'False' : true,
      [ENTERPRISE]: { department: 'Ops' },
    }));
    const text = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 400, itemsPerPage: 400, startIndex: 1, Resources: users }, null, 2);
    const uri = fixture('large-page.scim.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const expected = (doc: vscode.TextDocument): string[] => analyzePayload(doc.getText()).findings.map((f) => `${f.code} ${f.range.start}-${f.range.end}`);
    const shown = (doc: vscode.TextDocument): string[] => ours(doc.uri).map((d) => `${codeOf(d)} ${doc.offsetAt(d.range.start)}-${doc.offsetAt(d.range.end)}`);
    const same = (doc: vscode.TextDocument): boolean => JSON.stringify(shown(doc)) === JSON.stringify(expected(doc));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const doc = editor.document;
      await waitFor('the first analysis', () => (ours(doc.uri).length === 5 ? true : undefined));
      // Inside resources (re-checked alone), then across the list's own members (a full pass), then inside again.
      const edits: [string, number, string][] = [
        ['"type": "work"', 200, '"type": "Work"'],
        ['"active": true', 150, '"active": "True"'],
        ['"department": "Ops"', 10, '"department": "Ops", "costCentre": 1'],
        ['"itemsPerPage": 400', 0, '"itemsPerPage": 399'],
        ['"userName": "user3', 0, '"userName": "user3b'],
      ];
      for (const [needle, nth, replacement] of edits) {
        const start = positionOf(doc, needle, nth);
        await editor.edit((b) => b.replace(new vscode.Range(start, doc.positionAt(doc.offsetAt(start) + needle.length)), replacement));
        await waitFor(`diagnostics after ${replacement}`, () => (same(doc) ? true : undefined));
      }
      assert.ok(shown(doc).some((d) => d.startsWith('CANONICAL_VALUE')) && shown(doc).some((d) => d.startsWith('LIST_ITEMS_PER_PAGE_MISMATCH')));
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
