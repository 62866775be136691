// Request files in the real VS Code: the scim-request language, diagnostics with exact ranges inside the file
// (body findings included), quick fixes on a body, completion of @app ids (registries and the running sandbox),
// paths, query parameters, filter attributes and variables, hover, and the per-file application choice.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, waitFor, workspaceRoot } from './registryHelpers';

const requests = (name: string): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), 'requests', name);
const ours = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'scim-request');
const describeDiag = (doc: vscode.TextDocument, d: vscode.Diagnostic): string =>
  `${codeOf(d)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${doc.getText(d.range)}`;

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** A scratch copy of a fixture beside it (edits never touch the fixture), deleted afterwards. */
async function withCopy<T>(name: string, body: (doc: vscode.TextDocument) => Promise<T>): Promise<T> {
  const uri = requests(`scratch-${name}`);
  await vscode.workspace.fs.writeFile(uri, await vscode.workspace.fs.readFile(requests(name)));
  try {
    return await body(await open(uri));
  } finally {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(uri);
  }
}

const scratchFiles: vscode.Uri[] = [];

/**
 * A new request file with `content`, opened. A file rather than an untitled document: VS Code reuses untitled
 * names, and the previous test's revert could land on the next test's document.
 */
async function scratch(content: string): Promise<vscode.TextDocument> {
  const uri = requests(`scratch-${scratchFiles.length}-${Date.now()}.scim`);
  scratchFiles.push(uri);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
  return open(uri);
}

/** Position of `needle` (its nth occurrence) plus `delta` characters. */
function at(doc: vscode.TextDocument, needle: string, delta = 0, nth = 0): vscode.Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = doc.getText().indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return doc.positionAt(i + delta);
}

async function labels(doc: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

async function hoverText(doc: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

const MISTAKES = [
  'REQUEST_UNKNOWN_APP 1:7-1:13 strikt',
  'REQUEST_LINE_MALFORMED 5:0-5:5 PTACH',
  'REQUEST_UNKNOWN_VARIABLE 5:15-5:18 usr',
  'FILTER_SYNTAX 8:31-8:31 ',
  'QUIRK_CAPITALISED_OP 16:25-16:34 "Replace"',
  'QUIRK_STRING_BOOLEAN 16:57-16:64 "False"',
];

describe('request files', () => {
  before(activate);
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of scratchFiles.splice(0)) await vscode.workspace.fs.delete(uri);
  });

  it('*.scim and *.scim.http open as the scim-request language', async () => {
    assert.equal((await open(requests('mistakes.scim'))).languageId, 'scim-request');
    assert.equal((await open(requests('clean.scim.http'))).languageId, 'scim-request');
  });

  it('shows each mistake once, with exact ranges inside the file and codes linking to the README', async () => {
    const doc = await open(requests('mistakes.scim'));
    const diags = await waitFor('request-file diagnostics with the registry loaded', () => {
      const d = ours(doc.uri);
      if (d.some((x) => codeOf(x) === 'REQUEST_UNKNOWN_APP') && d.length >= MISTAKES.length) return d;
      throw new Error(`so far: ${d.map((x) => describeDiag(doc, x)).join(' | ')}`);
    });
    assert.deepEqual(diags.map((d) => describeDiag(doc, d)), MISTAKES);
    const app = diags[0];
    assert.equal(app?.severity, vscode.DiagnosticSeverity.Error);
    assert.match(app?.message ?? '', /did you mean `strict`\?/);
    const code = app?.code as { value: string; target: vscode.Uri };
    assert.match(code.target.path, /README\.md$/);
    assert.equal(code.target.fragment, 'request_unknown_app');
    assert.deepEqual(ours(requests('clean.scim.http')), []);
    const clean = await open(requests('clean.scim.http'));
    await waitFor('the clean file analysed', () => (vscode.languages.getDiagnostics(clean.uri).length === 0 ? true : undefined));
  });

  it('offers the payload quick fixes on a body and applies them inside the request file', async () => withCopy('mistakes.scim', async (doc) => {
    const diag = await waitFor('the capitalised op', () => ours(doc.uri).find((d) => codeOf(d) === 'QUIRK_CAPITALISED_OP'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value, 50);
    const fix = actions.find((a) => a.title === 'Use "replace"');
    assert.ok(fix?.edit, `quick fixes: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(doc.lineAt(16).text, /"op": "replace", "value": \{ "active": "False" \}/);
    const fixAll = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range, 'source.fixAll.scim', 50))
      .find((a) => a.title === 'Fix all SCIM quirks in file');
    assert.ok(fixAll?.edit);
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.equal(doc.lineAt(16).text, '  "Operations": [{ "op": "replace", "value": { "active": false } }]');
    await waitFor('the quirk diagnostics gone', () => (ours(doc.uri).some((d) => codeOf(d).startsWith('QUIRK_')) ? undefined : true));
    const app = await waitFor('the unknown app', () => ours(doc.uri).find((d) => codeOf(d) === 'REQUEST_UNKNOWN_APP'));
    const appFix = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, app.range, vscode.CodeActionKind.QuickFix.value, 50)).find((a) => a.title === 'Change to strict');
    assert.ok(appFix?.edit);
    assert.ok(await vscode.workspace.applyEdit(appFix.edit));
    assert.equal(doc.lineAt(1).text, '# @app strict');
  }));

  it('completes @app ids from every registry in the workspace', async () => {
    const doc = await scratch('# @app \nGET /Users');
    const ids = await labels(doc, new vscode.Position(0, 7));
    for (const id of ['strict', 'aws-like', 'acme-crm', 'plain-json']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
  });

  it('completes methods, resource paths, query parameters, filter attributes, headers and variables', async () => {
    const doc = await scratch([
      '# @app strict',
      '@user = scimwb-x',
      '### paths',
      'GET /',
      '### query',
      'GET /Users?count=10&',
      '### filter',
      'GET /Groups?filter=dis',
      '### header and body',
      'POST /Users/{{',
      'Content-Type: application/scim+json',
      '',
      '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "na" }',
    ].join('\n'));
    assert.ok((await labels(doc, new vscode.Position(3, 1))).includes('PATCH'));
    const paths = await labels(doc, new vscode.Position(3, 5));
    for (const p of ['/Users', '/Groups', '/Schemas', '/ServiceProviderConfig', '/ResourceTypes', '/Bulk', '/.search']) assert.ok(paths.includes(p), `${p} in ${paths.join(', ')}`);
    const params = await labels(doc, new vscode.Position(5, 20));
    assert.ok(params.includes('filter') && params.includes('startIndex') && params.includes('excludedAttributes') && !params.includes('count'), params.join(', '));
    const attrs = await labels(doc, new vscode.Position(7, 22));
    assert.ok(attrs.includes('displayName') && attrs.includes('members') && !attrs.includes('userName'), attrs.join(', '));
    const vars = await labels(doc, new vscode.Position(9, 14));
    for (const v of ['user', 'app.baseUrl', 'lastResponse.id', '$uuid', '$prompt']) assert.ok(vars.includes(v), `${v} in ${vars.join(', ')}`);
    const headers = await labels(doc, new vscode.Position(10, 3));
    assert.ok(headers.includes('Content-Type') && headers.includes('If-Match'), headers.join(', '));
    const body = await labels(doc, at(doc, '"na"', 3));
    assert.ok(body.includes('name') && body.includes('nickName'), body.join(', '));
  });

  it('hovers a variable with its value or origin, and a query filter with its tree', async () => {
    const doc = await scratch('# @app strict\n@user = scimwb-x\nGET {{app.baseUrl}}/Users?filter=userName eq "{{user}}" and active eq true');
    assert.match(await hoverText(doc, at(doc, 'baseUrl', 2)), /For this request \(`strict`\): `http:\/\/127\.0\.0\.1:4780\/apps\/strict\/scim\/v2`/);
    assert.match(await hoverText(doc, at(doc, '{{user}}', 3)), /`@user`\*\* \(file variable, line 2\)/);
    assert.match(await hoverText(doc, at(doc, ' and ', 2)), /\*\*SCIM filter\*\*[\s\S]*└─ active eq true/);
  });

  it('checks bodies against the server schemas saved in the workspace', async () => {
    const doc = await scratch([
      'POST /Users',
      '',
      '{',
      '  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", "urn:acme:params:scim:schemas:extension:acme:2.0:User"],',
      '  "userName": "bjensen",',
      '  "urn:acme:params:scim:schemas:extension:acme:2.0:User": { "costCentre": "CC-17" }',
      '}',
    ].join('\n'));
    const typo = await waitFor('the custom attribute checked against the saved /Schemas', () => {
      const d = ours(doc.uri);
      const found = d.some((x) => codeOf(x) === 'SCHEMAS_UNKNOWN_URN') ? undefined : d.find((x) => codeOf(x) === 'UNKNOWN_ATTRIBUTE');
      if (!found) throw new Error(`so far: ${d.map((x) => describeDiag(doc, x)).join(' | ')}`);
      return found;
    });
    assert.equal(doc.getText(typo.range), '"costCentre"');
    assert.match(typo.message, /Did you mean "costCenter"/);
  });

  it('knows the running sandbox\'s applications', async () => {
    const doc = await open(requests('sandbox-app.scim'));
    // Said when a wait fails: what the file shows and which ids completion offers (the list the check uses).
    const state = async (): Promise<string> => `diagnostics: [${ours(doc.uri).map((d) => describeDiag(doc, d)).join('; ')}]; @app ids offered: [${(await labels(doc, new vscode.Position(0, 7))).join(', ')}]`;
    await waitFor('sandbox-strict unknown while the sandbox is stopped', () => (ours(doc.uri).some((d) => codeOf(d) === 'REQUEST_UNKNOWN_APP') ? true : undefined))
      .catch(async (err: unknown) => { throw new Error(`${String(err)}; ${await state()}`); });
    await vscode.commands.executeCommand('scimWorkbench.startSandbox', { port: 0, users: 5, profiles: ['strict'], token: 'request-files-test-token' });
    try {
      await waitFor('sandbox-strict known once the sandbox runs', () => (ours(doc.uri).length === 0 ? true : undefined))
        .catch(async (err: unknown) => { throw new Error(`${String(err)}; ${await state()}`); });
      const ids = await labels(doc, new vscode.Position(0, 7));
      assert.ok(ids.includes('sandbox-strict'), ids.join(', '));
    } finally {
      await vscode.commands.executeCommand('scimWorkbench.stopSandbox');
    }
    await waitFor('sandbox-strict unknown again', () => (ours(doc.uri).some((d) => codeOf(d) === 'REQUEST_UNKNOWN_APP') ? true : undefined))
      .catch(async (err: unknown) => { throw new Error(`${String(err)}; ${await state()}`); });
  });

  it('remembers the application chosen for a file that names none', async () => {
    const doc = await scratch('GET {{app.baseUrl}}/Users');
    assert.match(await hoverText(doc, at(doc, 'baseUrl')), /chosen when the request is sent/);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.chooseRequestFileApp', doc.uri, 'AWS-LIKE'), 'aws-like');
    assert.match(await hoverText(doc, at(doc, 'baseUrl')), /For this request \(`aws-like` \(chosen for this file\)\): `http:\/\/127\.0\.0\.1:4780\/apps\/aws-like\/scim\/v2`/);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.chooseRequestFileApp', doc.uri, 'nowhere'), undefined);
  });
});
