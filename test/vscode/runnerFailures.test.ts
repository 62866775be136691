// Requests that get no answer, in the real VS Code: a refused connection and a deadline are drawn after the
// request line (`← refused`, `← timeout`) with a null status; an absolute URL on another origin than the
// application's is underlined as it is written and, when sent anyway, sends nothing there (the registry's
// credentials go only to the application's own origin).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, waitFor } from './registryHelpers';
import { results, RT_TOKEN, runnerFixture, scratchFile, sendAt as send, type RunnerFixture } from './runnerHelpers';


describe('request runner: no answer, and another origin', () => {
  let f: RunnerFixture;
  before(async () => {
    await activate();
    f = await runnerFixture();
  });
  after(async () => { await f?.dispose(); });

  it('draws ← refused when nobody listens', async () => {
    const doc = await scratchFile('refused.scim', '# @app rt-closed\n\n### nobody there\nGET /Users\n');
    const summary = await send(doc, 'GET /Users');
    assert.ok(summary, 'the request was attempted');
    assert.equal(summary.status, null);
    assert.equal(summary.ok, false);
    const shown = await results(doc.uri);
    assert.match(shown[0]?.text ?? '', /^← refused$/);
    assert.match(shown[0]?.hover ?? '', /No response: refused/);
  });

  it('draws ← timeout when the server never answers within scimWorkbench.http.timeoutSeconds', async () => {
    const http = vscode.workspace.getConfiguration('scimWorkbench.http');
    await http.update('timeoutSeconds', 1, vscode.ConfigurationTarget.Global);
    try {
      const doc = await scratchFile('timeout.scim', '# @app rt-hang\n\n### never answered\nGET /Users\n');
      const hitsBefore = f.hangingHits();
      const summary = await send(doc, 'GET /Users');
      assert.ok(summary);
      assert.equal(summary.status, null);
      assert.equal(summary.ok, false);
      assert.ok(f.hangingHits() > hitsBefore, 'the request reached the server');
      assert.match((await results(doc.uri))[0]?.text ?? '', /^← timeout$/);
    } finally {
      await http.update('timeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('underlines an absolute URL on another origin, and sending it sends nothing there', async () => {
    const other = `${f.hangingOrigin}/scim/v2/Users`;
    const doc = await scratchFile('origin.scim', `# @app rt-strict\n\n### to another origin\nGET ${other}\n`);
    const diagnostic = await waitFor('the other origin underlined', () =>
      vscode.languages.getDiagnostics(doc.uri).find((d) => codeOf(d) === 'REQUEST_OTHER_ORIGIN'));
    assert.equal(doc.getText(diagnostic.range), f.hangingOrigin);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diagnostic.range, undefined, 50);
    const own = new URL(f.sandbox.url).origin;
    assert.ok(actions.some((a) => a.title === `Change to ${own}`), JSON.stringify(actions.map((a) => a.title)));

    const hitsBefore = f.hangingHits();
    const summary = await send(doc, 'GET http');
    assert.equal(summary, undefined, 'nothing was sent');
    assert.equal(f.hangingHits(), hitsBefore, 'the other origin received nothing');
    const shown = await results(doc.uri);
    assert.match(shown[0]?.text ?? '', /^← not sent$/);
    assert.match(shown[0]?.hover ?? '', /only sent to its own origin/);
    assert.ok(!shown[0]?.hover.includes(RT_TOKEN));

    // Through a variable the origin is only known when sending: refused there, and underlined where it is used.
    const viaVariable = await scratchFile('origin-var.scim', `# @app rt-strict\n@elsewhere = ${f.hangingOrigin}\n\n### via a variable\nGET {{elsewhere}}/scim/v2/Users\n`);
    assert.equal(await send(viaVariable, 'GET {{'), undefined);
    assert.equal(f.hangingHits(), hitsBefore, 'the other origin still received nothing');
    const atSend = await waitFor('the send-time finding', () =>
      vscode.languages.getDiagnostics(viaVariable.uri).find((d) => codeOf(d) === 'REQUEST_OTHER_ORIGIN'));
    assert.equal(viaVariable.getText(atSend.range), '{{elsewhere}}/scim/v2/Users');
  });
});
