import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { lintRegistry } from '../../src/core/registry';
import { REGISTRY_TEMPLATE } from '../../src/vscode/registry/registryNewCommand';
import { activate, codeOf, fixture, offsetOf, openFixture, waitFor, workspaceRoot } from './registryHelpers';

const MISTAKES = 'mistakes.scim-registry.jsonc';
const EXAMPLE = 'scim-registry.jsonc';

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'scim-registry');
}

function rangeText(doc: vscode.TextDocument, d: vscode.Diagnostic): string {
  return doc.getText(d.range);
}

describe('registry editing', () => {
  before(activate);
  afterEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  it('opens registry files (.jsonc and .json) in the jsonc language', async () => {
    const jsonc = await vscode.workspace.openTextDocument(fixture(EXAMPLE));
    assert.equal(jsonc.languageId, 'jsonc');
    const json = await vscode.workspace.openTextDocument(fixture('plain.scim-registry.json'));
    assert.equal(json.languageId, 'jsonc', 'the .json variant allows comments');
  });

  it('reports each mistake with its code, README link and range', async () => {
    const editor = await openFixture(MISTAKES);
    const doc = editor.document;
    const text = doc.getText();
    const expected: [string, string, number][] = [
      ['REGISTRY_BASEURL_RESOURCE_SUFFIX', '/Users', offsetOf(text, '/Users"')],
      ['REGISTRY_LITERAL_SECRET', '"Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"', offsetOf(text, '"Bearer 9f8')],
      ['REGISTRY_DUPLICATE_ID', '"crm"', offsetOf(text, '"id": "crm"', 1) + 6],
      ['REGISTRY_BASEURL_SCHEME', 'ftp', offsetOf(text, 'ftp://')],
      ['REGISTRY_BASEURL_TRAILING_SLASH', '/', offsetOf(text, 'v2/"') + 2],
      ['REGISTRY_SECRET_NAME_COLLISION', '"wiki_api_key"', offsetOf(text, '"wiki_api_key"')],
      ['REGISTRY_FILTER_SYNTAX', '\\"VP', offsetOf(text, '\\"VP')],
      ['REGISTRY_EXTENSION_NOT_URN', '"enterprise"', offsetOf(text, '["enterprise"]') + 1],
      ['REGISTRY_UNKNOWN_FINDING_CODE', '"PAGE_SIZE_CAPED"', offsetOf(text, '"PAGE_SIZE_CAPED"')],
      ['REGISTRY_DELAYED_WITHOUT_DELAY', '"delayed"', offsetOf(text, '"contract": "delayed"') + 12],
      ['REGISTRY_SECRET_NAME_INVALID', '"payroll password"', offsetOf(text, '"payroll password"')],
      ['REGISTRY_WRITES_ON_PRODUCTION', 'true', offsetOf(text, '"allowWrites": true', 0) + 15],
    ];
    const diags = await waitFor('registry diagnostics', () => {
      const d = ours(doc.uri);
      return d.length >= expected.length ? d : undefined;
    });
    for (const [code, snippet, start] of expected) {
      const d = diags.find((x) => codeOf(x) === code);
      assert.ok(d, `${code} reported (got ${diags.map(codeOf).join(', ')})`);
      assert.equal(rangeText(doc, d), snippet, `${code} range text`);
      assert.equal(doc.offsetAt(d.range.start), start, `${code} range start`);
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      assert.ok(target && target.path.endsWith('/README.md') && target.fragment === code.toLowerCase(), `${code} links to its README entry`);
    }
    assert.equal(diags.find((d) => codeOf(d) === 'REGISTRY_WRITES_ON_PRODUCTION')?.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(diags.find((d) => codeOf(d) === 'REGISTRY_DUPLICATE_ID')?.severity, vscode.DiagnosticSeverity.Error);
  });

  it('shows one diagnostic for one schema mistake (JSON validation reports it, we do not repeat it)', async () => {
    const editor = await openFixture(MISTAKES);
    const doc = editor.document;
    const at = offsetOf(doc.getText(), '"contract": "Immediate"') + '"contract": '.length;
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + '"Immediate"'.length));
    const onIt = await waitFor('the JSON language service to flag "Immediate"', () => {
      const all = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.range.intersection(range) && !d.range.isEmpty);
      return all.length > 0 && ours(doc.uri).length > 0 ? all : undefined;
    }).catch((err: unknown) => {
      const all = vscode.languages.getDiagnostics(doc.uri).map((d) => `${d.source}:${codeOf(d)} ${doc.getText(d.range)} ${d.message}`);
      throw new Error(`${String(err)}; diagnostics: ${all.join(' | ')}`);
    });
    assert.equal(onIt.length, 1, `one diagnostic on "Immediate": ${onIt.map((d) => `${d.source}:${codeOf(d)} ${d.message}`).join(' | ')}`);
    assert.notEqual(onIt[0]?.source, 'scim-registry', 'the schema error comes from the JSON language service');
    assert.ok(!ours(doc.uri).some((d) => codeOf(d) === 'REGISTRY_SCHEMA'));
  });

  it('offers the core\'s fixes as quick fixes, also on the JSON service\'s schema diagnostic', async () => {
    const editor = await openFixture(MISTAKES);
    const doc = editor.document;
    const text = doc.getText();
    const fixesAt = async (offset: number): Promise<vscode.CodeAction[]> => {
      const p = doc.positionAt(offset + 2);
      return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(p, p), undefined, 50);
    };
    await waitFor('diagnostics', () => ours(doc.uri).length > 0);
    const typo = (await fixesAt(offsetOf(text, '"PAGE_SIZE_CAPED"'))).find((a) => a.title === 'Change to "PAGE_SIZE_CAPPED"');
    assert.ok(typo?.edit, 'a fix for the finding-code typo');
    assert.equal(typo.isPreferred, true);
    assert.equal(typo.edit.get(doc.uri)[0]?.newText, '"PAGE_SIZE_CAPPED"');
    // (vscode.executeCodeActionProvider does not return CodeAction.diagnostics, so the link to the JSON
    // service's diagnostic is not visible here; the fix itself is.)
    const contract = await fixesAt(offsetOf(text, '"contract": "Immediate"') + 12);
    const toLower = contract.find((a) => a.title === 'Change to "immediate"');
    assert.equal(toLower?.edit?.get(doc.uri)[0]?.newText, '"immediate"', contract.map((a) => a.title).join(', '));
  });

  it('reports REGISTRY_SCHEMA itself when JSON validation is off', async () => {
    const config = vscode.workspace.getConfiguration('json');
    await config.update('validate.enable', false, vscode.ConfigurationTarget.Global);
    try {
      const editor = await openFixture(MISTAKES);
      const d = await waitFor('REGISTRY_SCHEMA from our lint', () => ours(editor.document.uri).find((x) => codeOf(x) === 'REGISTRY_SCHEMA'));
      assert.equal(editor.document.getText(d.range), '"Immediate"');
    } finally {
      await config.update('validate.enable', undefined, vscode.ConfigurationTarget.Global);
    }
    const doc = await vscode.workspace.openTextDocument(fixture(MISTAKES));
    await waitFor('REGISTRY_SCHEMA left to JSON validation again', () => !ours(doc.uri).some((x) => codeOf(x) === 'REGISTRY_SCHEMA') && ours(doc.uri).length > 0);
  });

  it('lints the example registry clean, also for the JSON language service', async () => {
    const editor = await openFixture(EXAMPLE);
    // Wait until the JSON service has validated (its syntax pass runs on open) by waiting for our lint to run.
    await waitFor('lint to run', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      return lenses.length > 0;
    });
    const problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(problems.map((d) => `${d.source}:${codeOf(d)} ${d.message}`), []);
  });

  it('updates diagnostics while typing and clears them on close', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'scratch.scim-registry.jsonc');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('{ "applications": [ { "id": "a", "baseUrl": "https://a.example.com/scim/v2" } ] }\n'));
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const doc = editor.document;
      const at = offsetOf(doc.getText(), '/scim/v2') + '/scim/v2'.length;
      await editor.edit((b) => b.insert(doc.positionAt(at), '/Groups'));
      const d = await waitFor('suffix diagnostic after the edit', () => ours(uri).find((x) => codeOf(x) === 'REGISTRY_BASEURL_RESOURCE_SUFFIX'));
      assert.equal(doc.getText(d.range), '/Groups');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await waitFor('diagnostics cleared on close', () => ours(uri).length === 0);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('completes field names and enum values, each label once', async () => {
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'complete.scim-registry.jsonc');
    const text = '{\n  "applications": [\n    {\n      "id": "x",\n      "baseUrl": "https://x.example.com/scim/v2",\n      "deactivation": { "contract": "" },\n      "knownIssues": [{ "summary": "s", "codes": [""] }],\n      \n    }\n  ]\n}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc);
      const labels = async (offset: number): Promise<string[]> => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, doc.positionAt(offset));
        return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      };
      const once = (all: string[], label: string): void => {
        assert.equal(all.filter((l) => l === label || l === `"${label}"`).length, 1, `"${label}" offered exactly once in [${all.join(', ')}]`);
      };
      const keyAt = offsetOf(text, '\n      \n') + 7;
      const keys = await waitFor('property completions', async () => {
        const l = await labels(keyAt);
        return l.some((x) => x.includes('deactivation') || x.includes('pagination')) ? l : undefined;
      });
      for (const field of ['pagination', 'rateLimit', 'auth', 'endpoints', 'probe']) once(keys, field);
      const contract = await labels(offsetOf(text, '"contract": ""') + '"contract": "'.length);
      for (const value of ['immediate', 'delayed', 'locked-only', 'deleted']) once(contract, value);
      const codes = await labels(offsetOf(text, '"codes": [""]') + '"codes": ["'.length);
      once(codes, 'PAGE_SIZE_CAPPED');
      once(codes, 'REGISTRY_DUPLICATE_ID');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('hovers fields and values without showing the same text twice', async () => {
    const editor = await openFixture(EXAMPLE);
    const doc = editor.document;
    const text = doc.getText();
    const hoverText = async (offset: number): Promise<string[]> => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset));
      return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    };
    const onKey = await waitFor('hover on "deactivation"', async () => {
      const h = await hoverText(offsetOf(text, '"deactivation"') + 3);
      return h.length ? h : undefined;
    });
    assert.ok(onKey.join('\n').toLowerCase().includes('deactivat'), onKey.join('\n'));
    const onDeleted = await hoverText(offsetOf(text, '"deleted"') + 3);
    assert.ok(onDeleted.join('\n').length > 0, 'hover on a contract value');
    const onCode = await hoverText(offsetOf(text, '"PAGE_SIZE_CAPPED"') + 3);
    assert.ok(onCode.some((h) => h.includes('PAGE_SIZE_CAPPED') && /fewer items|page-size cap/i.test(h)), `code hover: ${onCode.join('\n---\n')}`);
    const onSecret = await hoverText(offsetOf(text, '"secret": "sandbox-token"') + '"secret": "'.length);
    assert.ok(onSecret.some((h) => h.includes('SCIM_SECRET_SANDBOX_TOKEN')), `secret hover: ${onSecret.join('\n---\n')}`);
    for (const list of [onKey, onDeleted, onCode, onSecret]) {
      const normalized = list.map((s) => s.trim()).filter(Boolean);
      assert.equal(new Set(normalized).size, normalized.length, `no hover shown twice: ${normalized.join('\n---\n')}`);
    }
  });

  it('puts code lenses above each application', async () => {
    const editor = await openFixture(EXAMPLE);
    const doc = editor.document;
    const lenses = await waitFor('code lenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 50);
      return l.length > 0 && l.every((x) => x.command) ? l : undefined;
    });
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.equal(titles.filter((t) => t.includes('Reveal in Registry view')).length, 6, titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Start sandbox for this app')), titles.join(' | '));
    assert.ok(titles.some((t) => t.includes('Try in sandbox')), 'the production entry offers to try the sandbox');
    const firstApp = offsetOf(doc.getText(), '{\n      "id": "strict"');
    assert.equal(lenses[0]?.range.start.line, doc.positionAt(firstApp).line);
    const start = lenses.find((l) => l.command?.title.includes('Start sandbox for this app'));
    assert.equal(start?.command?.command, 'scimWorkbench.startSandbox');
    assert.deepEqual(start?.command?.arguments, [{ port: 4780, reveal: 'strict' }]);
  });

  it('creates a registry from a template that lints clean', async () => {
    assert.deepEqual(lintRegistry(REGISTRY_TEMPLATE).map((f) => `${f.code} ${f.message}`), []);
    const folder = vscode.Uri.joinPath(workspaceRoot(), 'registry', 'new');
    await vscode.workspace.fs.createDirectory(folder);
    try {
      const created = await vscode.commands.executeCommand<string>('scimWorkbench.newRegistry', folder, 'scim-registry.jsonc');
      assert.equal(created, vscode.Uri.joinPath(folder, 'scim-registry.jsonc').toString());
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created);
      assert.equal(vscode.window.activeTextEditor?.document.getText(), REGISTRY_TEMPLATE);
      // A second run never overwrites.
      await vscode.workspace.fs.writeFile(vscode.Uri.parse(created), new TextEncoder().encode('// mine\n{ "applications": [] }\n'));
      await vscode.commands.executeCommand('scimWorkbench.newRegistry', folder, 'scim-registry.jsonc');
      const after = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(created)));
      assert.ok(after.startsWith('// mine'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });
});
