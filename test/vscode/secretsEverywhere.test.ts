// No secret leaves SecretStorage except on the wire: with distinctive values configured (a bearer token, an OAuth
// client secret used against the sandbox's token endpoint, a basic password, a value typed at a password
// `$prompt`), every editor feature that handles them runs (Send from request files, the runner panel's send,
// history, re-send, copy as curl, save, open as a request file, the vendor-error hover), and then no file in the
// workspace, no log file, no workspace or global state value, no setting, no open document, no hover, the
// clipboard and no message posted to the runner page holds any value, its base64 form, or base64(user:pass).
// The probe features have their own suite: probeSecrets.test.ts.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ToWebview } from '../../src/core/protocol';
import type { StoredState } from '../../src/vscode/shared/testHooks';
import { activate, waitFor, workspaceRoot } from './registryHelpers';
import { leakForms, leaksOf, textsUnder } from './secretScan';
import { exchange, forget, hook, lineOf, plain, results, RT_TOKEN, runnerFixture, runnerRequest, scratchFile, sendAt, type RunnerFixture } from './runnerHelpers';

const BASIC_USER = 'sec-basic-user';
const BASIC_PASSWORD = 'sec-basic-Pw4rT8yLq2';
const PROMPTED = 'sec-prompted-Hx3nQ6wEz9';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

describe('secrets never leave SecretStorage except on the wire', () => {
  let f: RunnerFixture;
  let oauthSecret: string;
  let oauthClientId: string;
  let forms: string[];
  /** Every message posted to the runner page during the suite. */
  const posted: ToWebview[] = [];
  let seenCount: number | undefined;
  /** Texts shown to the user that are in no file: hovers, the clipboard. */
  const shown = new Map<string, string>();
  const registry = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), 'registry', 'secrets-test.scim-registry.jsonc');
  const realShowInputBox = vscode.window.showInputBox;

  /** Collects what the panel posted since the last call; the hook keeps the last 50, so none may be missed. */
  async function drain(): Promise<void> {
    const h = await hook();
    if (seenCount === undefined) seenCount = h.count - h.posted.length;
    const fresh = h.count - seenCount;
    assert.ok(fresh <= h.posted.length, `${fresh - h.posted.length} posted messages were missed: drain more often`);
    posted.push(...h.posted.slice(h.posted.length - fresh));
    seenCount = h.count;
  }

  const leaksIn = (where: string, text: string): string[] => leaksOf(forms, where, text);

  before(async () => {
    await activate();
    f = await runnerFixture();
    const strict = f.sandbox.apps.find((a) => a.id === 'strict');
    assert.ok(strict);
    oauthSecret = strict.clientSecret;
    oauthClientId = strict.clientId;
    forms = leakForms([RT_TOKEN, oauthSecret, BASIC_PASSWORD, PROMPTED], [[BASIC_USER, BASIC_PASSWORD], [oauthClientId, oauthSecret]]);
    await vscode.workspace.fs.writeFile(registry(), new TextEncoder().encode(JSON.stringify({
      applications: [
        { id: 'sec-oauth', baseUrl: strict.baseUrl, auth: { type: 'oauth2ClientCredentials', tokenUrl: strict.tokenUrl, clientId: oauthClientId, secret: 'sec-oauth-client' } },
        {
          id: 'sec-basic', baseUrl: strict.baseUrl, auth: { type: 'basic', username: BASIC_USER, secret: 'sec-basic-password' },
          errors: [{ status: 401, meaning: 'sec: the basic password is wrong' }],
        },
      ],
    }, null, 2)));
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.setSecret', 'sec-oauth-client', oauthSecret), true);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.setSecret', 'sec-basic-password', BASIC_PASSWORD), true);
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
    const probe = await scratchFile('secrets-probe.scim', '# @app ');
    await waitFor('the secrets test registry to be known', async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', probe.uri, new vscode.Position(0, 7));
      return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'sec-basic') ? true : undefined;
    });
  });
  after(async () => {
    (vscode.window as { showInputBox: typeof vscode.window.showInputBox }).showInputBox = realShowInputBox;
    await vscode.workspace.fs.delete(registry()).then(undefined, () => undefined);
    await vscode.commands.executeCommand('scimWorkbench.clearSecret', 'sec-oauth-client');
    await vscode.commands.executeCommand('scimWorkbench.clearSecret', 'sec-basic-password');
    await f?.dispose();
  });

  it('the scan finds a planted value in each of its forms (it can fail)', () => {
    assert.notDeepEqual(leaksIn('x', `a${RT_TOKEN}b`), []);
    assert.notDeepEqual(leaksIn('x', `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`), []);
    assert.notDeepEqual(leaksIn('x', Buffer.from(PROMPTED).toString('base64')), []);
    assert.notDeepEqual(leaksIn('x', `{"secret":"${oauthSecret}"}`), []);
    assert.deepEqual(leaksIn('x', 'Bearer «redacted:rt-token»'), []);
  });

  it('Send from request files: bearer, OAuth client credentials, basic and a password $prompt', async () => {
    const sent = f.traffic.length;
    const bearer = await scratchFile('secrets-bearer.scim', '# @app rt-strict\n\n### bearer\nGET /Users?count=1\n');
    assert.equal((await sendAt(bearer, 'GET /Users'))?.status, 200);
    const oauth = await scratchFile('secrets-oauth.scim', '# @app sec-oauth\n\n### oauth\nGET /Users?count=1\n');
    assert.equal((await sendAt(oauth, 'GET /Users'))?.status, 200, 'the token endpoint took the client secret');
    const basic = await scratchFile('secrets-basic.scim', '# @app sec-basic\n\n### basic\nGET /Users?count=1\n');
    assert.equal((await sendAt(basic, 'GET /Users'))?.status, 401, 'the sandbox takes bearer tokens only: the basic header was sent and refused');
    // The user typing at the password box, played by the test: the box itself is tested in test/e2e/runner.test.ts.
    const asked: { prompt?: string; password?: boolean }[] = [];
    (vscode.window as { showInputBox: typeof vscode.window.showInputBox }).showInputBox = (options?: vscode.InputBoxOptions) => {
      asked.push({ ...(options?.prompt !== undefined ? { prompt: options.prompt } : {}), ...(options?.password !== undefined ? { password: options.password } : {}) });
      return Promise.resolve(PROMPTED);
    };
    const prompted = await scratchFile('secrets-prompt.scim', '# @app rt-strict\n\n### typed\nGET /Users?count=1\nX-Api-Token: {{$prompt api token}}\n');
    try {
      assert.equal((await sendAt(prompted, 'GET /Users'))?.status, 200);
    } finally {
      (vscode.window as { showInputBox: typeof vscode.window.showInputBox }).showInputBox = realShowInputBox;
    }
    assert.deepEqual(asked, [{ prompt: 'api token', password: true }]);
    assert.ok(f.traffic.length >= sent + 4, 'every request reached the sandbox');
    for (const doc of [bearer, oauth, basic, prompted]) {
      const drawn = await results(doc.uri);
      assert.ok(drawn.some((r) => r.line === lineOf(doc, 'GET /Users')), `a result is drawn in ${doc.uri.path}`);
      shown.set(`result hover in ${doc.uri.path}`, JSON.stringify(drawn));
    }
    await drain();
  });

  it('the runner panel: send with each app, history, re-send, copy as curl, save, open as a request file', async () => {
    await vscode.commands.executeCommand('scimWorkbench.openRunner', { appId: 'sec-oauth' });
    await waitFor('the page to say ready', async () => ((await hook()).ready ? true : undefined), 30_000);
    await drain();
    const ids: string[] = [];
    for (const appId of ['rt-strict', 'sec-oauth', 'sec-basic']) {
      const { result } = await exchange({ type: 'send', request: runnerRequest(appId, { query: { count: '1' } }) }, 'result');
      assert.ok(result.exchange.response, `${appId} answered`);
      ids.push(result.id);
      await drain();
    }
    const basicId = ids[2] as string;
    await exchange({ type: 'showHistory', id: basicId }, 'result');
    await drain();
    await exchange({ type: 'resend', id: ids[1] as string }, 'result');
    await drain();
    for (const id of ids) {
      await exchange({ type: 'copyCurl', id }, 'notice');
      shown.set(`the clipboard after copying ${id} as curl`, await vscode.env.clipboard.readText());
      await drain();
    }
    assert.match(shown.get(`the clipboard after copying ${basicId} as curl`) ?? '', /\$SCIM_SECRET_SEC_BASIC_PASSWORD/);
    const notice = await exchange({ type: 'saveResponse', id: basicId }, 'notice');
    const saved = /Saved as (\S+\.response\.scim\.json)\./.exec(notice.text)?.[1];
    assert.ok(saved, notice.text);
    forget(vscode.Uri.joinPath(workspaceRoot(), saved));
    await drain();
    await hook({ type: 'openRequestFile', request: runnerRequest('sec-basic', { headers: [{ name: 'X-Trace', value: 'sec' }] }) });
    await waitFor('the request file', () => (vscode.window.activeTextEditor?.document.getText().includes('# @app sec-basic') ? true : undefined));
    await drain();
    assert.ok(posted.some((m) => m.type === 'result' && m.result.exchange.request.headers['authorization'] === 'Bearer «redacted:rt-token»'), 'the scan sees the redacted requests');
  });

  it('the vendor-error hover of a 401 body naming the basic application', async () => {
    const doc = await scratchFile('secrets-error.scim.jsonc', '// @app sec-basic\n{\n  "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],\n  "status": "401",\n  "detail": "no"\n}\n');
    const at = doc.positionAt(doc.getText().indexOf('"detail"') + 1);
    const hover = await waitFor('the registry entry in the hover', async () => {
      const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
      return plain(text).includes('sec: the basic password is wrong') ? text : undefined;
    });
    shown.set('the vendor-error hover', hover);
  });

  it('no file, log, state, setting, document, hover, clipboard or page message holds a secret', async () => {
    await drain();
    const leaks: string[] = [];
    const files = await textsUnder(workspaceRoot());
    assert.ok([...files.keys()].some((p) => p.endsWith('.response.scim.json')), 'the saved response is among the files scanned');
    for (const [path, text] of files) leaks.push(...leaksIn(`workspace file ${path}`, text));
    const logDir = vscode.Uri.parse(await vscode.commands.executeCommand<string>('scimWorkbench.internal.logUri'));
    const logs = await textsUnder(logDir);
    assert.ok([...logs.values()].some((t) => t.includes('sec-basic-password')), 'the log file scanned is the one that names the secrets');
    for (const [path, text] of logs) leaks.push(...leaksIn(`log ${path}`, text));
    const state = await vscode.commands.executeCommand<StoredState | undefined>('scimWorkbench.internal.storedState');
    assert.ok(state, 'the state hook is registered (the extension runs in test mode)');
    assert.ok(Object.keys(state.workspace).length > 0, 'workspace state holds the history');
    leaks.push(...leaksIn('workspace state', JSON.stringify(state.workspace)), ...leaksIn('global state', JSON.stringify(state.global)));
    leaks.push(...leaksIn('settings', JSON.stringify(vscode.workspace.getConfiguration('scimWorkbench'))));
    for (const doc of vscode.workspace.textDocuments) leaks.push(...leaksIn(`open document ${doc.uri.toString()}`, doc.getText()));
    for (const [where, text] of shown) leaks.push(...leaksIn(where, text));
    assert.ok(posted.length >= 10, `the page's messages were collected (${posted.length})`);
    for (const m of posted) leaks.push(...leaksIn(`a ${m.type} message to the runner page`, JSON.stringify(m)));
    assert.deepEqual(leaks, []);
  });
});
