// The request-runner panel's protocol in the real VS Code: the page loads and says `ready` (the real webview),
// then the test speaks for it: send (201, then an explained 409 with the registry entry; a 200 whose ListResponse
// breaks the RFC gets its checks, and saved, the same payload diagnostic), messages that do not
// validate are dropped, cancel, history (show, re-send, kept in workspace state), copy as curl (the token as an
// environment variable), save (a *.response.scim.json whose hover explains it), open as a request file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunnerResult } from '../../src/core/protocol';
import { activate, codeOf, waitFor, workspaceRoot } from './registryHelpers';
import { exchange, forget, hook, plain, runnerRequest as request, RT_TOKEN, runnerFixture, type RunnerFixture } from './runnerHelpers';

describe('request runner panel protocol', () => {
  let f: RunnerFixture;
  const user = `rt-panel-${Date.now()}@example.com`;
  const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: user });
  let conflict: RunnerResult;

  before(async () => {
    await activate();
    f = await runnerFixture();
  });
  after(async () => { await f?.dispose(); });

  it('opens, and the page says ready; init carries the applications and the requested one', async () => {
    await vscode.commands.executeCommand('scimWorkbench.openRunner', { appId: 'rt-strict' });
    const ready = await waitFor('the page to say ready', async () => ((await hook()).ready ? hook() : undefined), 30_000);
    const init = ready.posted.find((m) => m.type === 'init');
    assert.ok(init && init.type === 'init');
    assert.ok(init.apps.some((a) => a.id === 'rt-strict' && a.baseUrl?.includes('/apps/strict/scim/v2')));
    assert.equal(init.request?.appId, 'rt-strict');
    assert.equal(init.trusted, true);
  });

  it('sends: a 201, then a 409 explained with the registry entry; history lists both', async () => {
    const created = await exchange({ type: 'send', request: request('rt-strict', { method: 'POST', body }) }, 'result');
    assert.equal(created.result.exchange.response?.status, 201);
    assert.equal(created.result.explanation, null);
    assert.ok(Array.isArray(created.result.checks));
    const second = await exchange({ type: 'send', request: request('rt-strict', { method: 'POST', body }) }, 'result');
    conflict = second.result;
    assert.equal(conflict.exchange.response?.status, 409);
    assert.equal(conflict.explanation?.category, 'uniqueness');
    assert.equal(conflict.explanation?.registryMatches[0]?.meaning, 'rt: that userName is taken');
    assert.equal(conflict.explanation?.registryMatches[0]?.workaround, 'rt: look the user up first');
    assert.equal(conflict.exchange.request.headers['authorization'], 'Bearer «redacted:rt-token»');
    assert.ok(!JSON.stringify(conflict).includes(RT_TOKEN));
    const history = (await hook()).posted.filter((m) => m.type === 'history').at(-1);
    assert.ok(history && history.type === 'history');
    const mine = history.items.filter((i) => i.appId === 'rt-strict');
    assert.deepEqual(mine.slice(0, 2).map((i) => i.outcome), ['409 uniqueness', '201 Created']);
  });

  it('checks a success\'s body: a ListResponse that breaks the RFC says how, with the line', async () => {
    const listed = await exchange({ type: 'send', request: request('rt-echo', { method: 'GET', query: { count: '50' } }) }, 'result');
    assert.equal(listed.result.exchange.response?.status, 200);
    const mismatch = listed.result.checks.find((c) => c.code === 'LIST_ITEMS_PER_PAGE_MISMATCH');
    assert.ok(mismatch, JSON.stringify(listed.result.checks));
    assert.match(mismatch.message, /"itemsPerPage" is 50 but the page holds 20 resources/);
    assert.equal(listed.result.prettyBody.split('\n')[mismatch.line - 1]?.trim().startsWith('"itemsPerPage"'), true, 'the line points at itemsPerPage');
    // Saved, it gets the same finding as a payload diagnostic.
    const notice = await exchange({ type: 'saveResponse', id: listed.result.id }, 'notice');
    const saved = /Saved as (\S+\.response\.scim\.json)\./.exec(notice.text)?.[1];
    assert.ok(saved, notice.text);
    const uri = vscode.Uri.joinPath(workspaceRoot(), saved);
    forget(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const diagnostic = await waitFor('the saved page\'s payload diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'LIST_ITEMS_PER_PAGE_MISMATCH'));
    assert.match(doc.lineAt(diagnostic.range.start.line).text, /"itemsPerPage": 50/);
    const clean = await exchange({ type: 'send', request: request('rt-strict', { method: 'GET', query: { count: '50' } }) }, 'result');
    assert.deepEqual(clean.result.checks, [], 'an RFC-correct page has no checks');
  });

  it('refuses what it cannot send, and drops messages that do not validate', async () => {
    const notJson = await exchange({ type: 'send', request: request('rt-strict', { method: 'POST', body: '{ not json' }) }, 'notSent');
    assert.match(notJson.message, /The body is not JSON/);
    const unknownApp = await exchange({ type: 'send', request: request('no-such-app') }, 'notSent');
    assert.match(unknownApp.message, /no-such-app/);
    const before = (await hook()).count;
    const traffic = f.traffic.length;
    for (const bad of [{ type: 'send' }, { type: 'send', request: { appId: 1 } }, { type: 'bogus' }, 'send', null, { type: 'showHistory', id: 7 }]) await hook(bad);
    assert.equal((await hook()).count, before, 'nothing answered');
    assert.equal(f.traffic.length, traffic, 'nothing sent');
  });

  it('cancels the send in flight', async () => {
    const hits = f.hangingHits();
    const sending = await exchange({ type: 'send', request: request('rt-hang') }, 'sending');
    assert.match(sending.label, /GET \/Users → rt-hang/);
    await waitFor('the request to reach the server', () => (f.hangingHits() > hits ? true : undefined));
    const cancelled = await exchange({ type: 'cancel' }, 'result');
    assert.equal(cancelled.result.exchange.error?.kind, 'aborted');
    assert.equal(cancelled.result.exchange.response, undefined);
  });

  it('shows and re-sends history entries; history survives the panel', async () => {
    const shown = await exchange({ type: 'showHistory', id: conflict.id }, 'result');
    assert.equal(shown.result.id, conflict.id);
    const resent = await exchange({ type: 'resend', id: conflict.id }, 'result');
    assert.notEqual(resent.result.id, conflict.id);
    assert.equal(resent.result.exchange.response?.status, 409);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitFor('the panel to close', async () => (!(await hook()).open ? true : undefined));
    await vscode.commands.executeCommand('scimWorkbench.openRunner');
    const init = await waitFor('init after reopening', async () => (await hook()).posted.find((m) => m.type === 'init'), 30_000);
    assert.ok(init.type === 'init' && init.history.some((i) => i.id === conflict.id), 'history is kept in the workspace state');
  });

  it('copies as curl with the token as an environment variable reference', async () => {
    await exchange({ type: 'copyCurl', id: conflict.id }, 'notice');
    const curl = await vscode.env.clipboard.readText();
    assert.match(curl, /^curl -sS -i -X POST \\\n  'http:\/\/127\.0\.0\.1:\d+\/apps\/strict\/scim\/v2\/Users' \\\n/);
    assert.match(curl, /-H "Authorization: Bearer \$SCIM_SECRET_RT_TOKEN"/);
    assert.match(curl, /--data-binary '\{"schemas"/);
    assert.ok(!curl.includes(RT_TOKEN) && !curl.includes('redacted'));
  });

  it('saves the response as *.response.scim.json, whose hover explains it with the registry entry', async () => {
    const notice = await exchange({ type: 'saveResponse', id: conflict.id }, 'notice');
    const saved = /Saved as (\S+\.response\.scim\.json)\./.exec(notice.text)?.[1];
    assert.ok(saved, notice.text);
    const uri = vscode.Uri.joinPath(workspaceRoot(), saved);
    forget(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(JSON.parse(doc.getText()).status, '409');
    const at = doc.positionAt(doc.getText().indexOf('"scimType"') + 2);
    const hover = await waitFor('the explanation on hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const text = plain(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'));
      return text.includes('rt: that userName is taken') ? text : undefined;
    });
    assert.match(hover, /SCIM error explained/);
    assert.match(hover, /application `rt-strict`/);
  });

  it('opens the request as a request file, and takes a body from the last editor', async () => {
    const panelRequest = request('rt-strict', { method: 'GET', query: { filter: 'userName eq "a&b"', count: '5' } });
    await hook({ type: 'openRequestFile', request: panelRequest });
    const editor = await waitFor('the request file', () => (vscode.window.activeTextEditor?.document.languageId === 'scim-request' ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.getText(), '# @app rt-strict\n\n### from the request runner\nGET /Users\n  ?filter=userName eq "a%26b"\n  &count=5\n');
    await vscode.commands.executeCommand('scimWorkbench.openRunner');
    await waitFor('the page to be ready again', async () => ((await hook()).ready ? true : undefined), 30_000);
    const taken = await exchange({ type: 'bodyFromEditor' }, 'body');
    assert.match(taken.text, /^# @app rt-strict/);
  });
});
