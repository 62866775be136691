// Sending from request files in the real VS Code, against a sandbox the test starts: the command returns
// { status, ok, durationMs, retries } and the result is drawn after the request line (the explanation and the
// registry's entry in its hover); create-then-PATCH chains through lastResponse; file variables and built-ins;
// a reference with nothing to read sends nothing and points at itself; Cancel reaches the engine; a 429 from
// slack-like is waited out.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, waitFor } from './registryHelpers';
import { lineOf, results, RT_TOKEN, runnerFixture, scratchFile, sendAt, type RunnerFixture, type SendSummary as Summary } from './runnerHelpers';

const send = sendAt;

describe('request runner: sending from request files', () => {
  let f: RunnerFixture;
  before(async () => {
    await activate();
    f = await runnerFixture();
  });
  after(async () => { await f?.dispose(); });

  it('sends by the command, returns the summary and draws the result after the request line', async () => {
    const doc = await scratchFile('list.scim', '# @app rt-strict\n\n### list\nGET /Users?count=2\n');
    const summary = await send(doc, 'GET /Users');
    assert.ok(summary, 'something was sent');
    assert.equal(summary.status, 200);
    assert.equal(summary.ok, true);
    assert.equal(summary.retries, 0);
    assert.ok(summary.durationMs >= 0);
    const shown = await results(doc.uri);
    assert.equal(shown.length, 1);
    assert.equal(shown[0]?.line, lineOf(doc, 'GET /Users'));
    assert.match(shown[0]?.text ?? '', /^← 200 OK · \d+ ms$/);
    assert.ok(f.traffic.some((t) => t.path === '/Users?count=2' && t.status === 200));
  });

  it('explains a 409 in the result hover, with the registry entry and its workaround', async () => {
    const user = `rt-dup-${Date.now()}@example.com`;
    const doc = await scratchFile('dup.scim', `# @app rt-strict\n\n### create\nPOST /Users\nContent-Type: application/scim+json\n\n{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "${user}" }\n\n### again\nPOST /Users\nContent-Type: application/scim+json\n\n{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "${user}" }\n`);
    const all = await vscode.commands.executeCommand<(Summary | undefined)[]>('scimWorkbench.sendAllRequests', doc.uri);
    assert.deepEqual(all.map((s) => s?.status), [201, 409]);
    const shown = await results(doc.uri);
    const conflict = shown.find((r) => r.kind === 'error');
    assert.ok(conflict, JSON.stringify(shown));
    assert.match(conflict.text, /^← 409 uniqueness · \d+ ms$/);
    assert.match(conflict.hover, /SCIM error explained/);
    assert.match(conflict.hover, /rt: that userName is taken/);
    assert.match(conflict.hover, /rt: look the user up first/);
    assert.ok(!conflict.hover.includes(RT_TOKEN));
  });

  it('chains create, then PATCH, read and delete through lastResponse', async () => {
    const text = (await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders?.[0]?.uri as vscode.Uri, '..', '..', '..', 'examples/workspace/requests/create-then-patch.scim'))).toString();
    const doc = await scratchFile('chain.scim', text.replace('# @app strict', '# @app rt-strict'));
    const all = await vscode.commands.executeCommand<(Summary | undefined)[]>('scimWorkbench.sendAllRequests', doc.uri);
    assert.deepEqual(all.map((s) => s?.status), [201, 200, 200, 204]);
    const patched = f.traffic.filter((t) => t.method === 'PATCH');
    assert.ok(patched.some((t) => /^\/Users\/[0-9a-f-]{36}$/.test(t.path) && t.status === 200), JSON.stringify(patched));
  });

  it('resolves file variables and built-ins, one value per variable across Send all', async () => {
    const doc = await scratchFile('vars.scim', [
      '# @app rt-strict',
      '@user = rt-var-{{$uuid}}',
      '@domain = example.com',
      '',
      '### create',
      'POST /Users',
      'Content-Type: application/scim+json',
      'X-Test-App: {{app.id}} {{$timestamp}}',
      '',
      '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user}}@{{domain}}", "nickName": "n{{$randomInt 1 10}}" }',
      '',
      '### find it again: the same {{user}}',
      'GET /Users?filter=userName eq "{{user}}@{{domain}}"&count={{$randomInt 1 5}}',
      '',
    ].join('\n'));
    const all = await vscode.commands.executeCommand<(Summary | undefined)[]>('scimWorkbench.sendAllRequests', doc.uri);
    assert.deepEqual(all.map((s) => s?.status), [201, 200]);
    const find = f.traffic.filter((t) => t.method === 'GET' && t.path.includes('rt-var-')).at(-1);
    assert.ok(find, 'the GET used the variable');
    assert.match(decodeURIComponent(find.path), /userName eq "rt-var-[0-9a-f-]{36}@example\.com"&count=[1-4]$/);
    const hook = await vscode.commands.executeCommand<{ posted: { type: string; result?: { exchange: { request: { headers: Record<string, string> } }; prettyBody: string } }[] }>('scimWorkbench.internal.runnerPanel');
    const shown = hook.posted.filter((m) => m.type === 'result').at(-1)?.result;
    assert.ok(shown);
    assert.match(shown.prettyBody, /"totalResults": 1/, 'the second request found the user the first created');
  });

  it('sends nothing when a reference has no value, and points at the reference', async () => {
    const before = f.traffic.length;
    const doc = await scratchFile('unresolved.scim', '# @app rt-strict\n\n### needs a response first\nGET /Users/{{lastResponse.id}}\n');
    const summary = await send(doc, 'GET /Users');
    assert.equal(summary, undefined);
    assert.equal(f.traffic.length, before, 'nothing reached the server');
    const shown = await results(doc.uri);
    assert.match(shown[0]?.text ?? '', /^← not sent$/);
    const diagnostic = await waitFor('the unresolved reference underlined', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'REQUEST_VARIABLE_UNRESOLVED'));
    assert.equal(doc.getText(diagnostic.range), '{{lastResponse.id}}');
  });

  it('cancels: the CancellationToken reaches the engine as an AbortSignal', async () => {
    const doc = await scratchFile('hang.scim', '# @app rt-hang\n\n### never answered\nGET /Users\n');
    const hitsBefore = f.hangingHits();
    const pending = send(doc, 'GET /Users');
    await waitFor('the request to reach the server', () => (f.hangingHits() > hitsBefore ? true : undefined));
    assert.match((await results(doc.uri))[0]?.text ?? '', /sending/);
    await vscode.commands.executeCommand('scimWorkbench.cancelRequest', doc.uri, lineOf(doc, 'GET /Users'));
    const summary = await pending;
    assert.ok(summary);
    assert.equal(summary.status, null);
    assert.equal(summary.ok, false);
    assert.match((await results(doc.uri))[0]?.text ?? '', /^← cancelled$/);
  });

  it('waits out a 429 from slack-like (Retry-After) and shows the wait while it happens', async () => {
    const slack = f.sandbox.apps.find((a) => a.id === 'slack-like');
    assert.ok(slack);
    const doc = await scratchFile('slack.scim', '# @app rt-slack\n\n### a page\nGET /Users?count=1\n');
    f.hold();
    try {
      await Promise.all(Array.from({ length: 25 }, () => fetch(`${slack.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${RT_TOKEN}` } }).then((r) => r.arrayBuffer())));
      const pending = send(doc, 'GET /Users');
      await waitFor('the wait to show after the request line', async () => ((await results(doc.uri))[0]?.text.match(/429 with Retry-After 1 s; retrying in 1\.0 s/) ? true : undefined));
      f.release(1000);
      const summary = await pending;
      assert.ok(summary);
      assert.equal(summary.status, 200);
      assert.equal(summary.retries, 1);
      assert.match((await results(doc.uri))[0]?.text ?? '', /^← 200 OK · \d+ ms · 1 retry \(waited 1\.0 s\)$/);
    } finally {
      f.release(1000);
    }
  });
});
