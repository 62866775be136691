import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import * as vscode from 'vscode';
import type { SandboxSummary } from '../../src/vscode/sandbox/sandboxController';
import type { RegistryTreeSnapshot } from '../../src/vscode/registry/registryView';
import type { SecretStatus } from '../../src/vscode/secrets/secretCommands';
import { activate, fixture, waitFor, workspaceRoot } from './registryHelpers';

interface Described { roots: RegistryTreeSnapshot[]; selection: string[] }

const TOKEN = 'sandbox-test-token-4f1c9a';

async function get(url: string, token = TOKEN): Promise<Response> {
  return fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } });
}

async function refused(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return false;
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return cause?.code === 'ECONNREFUSED';
  }
}

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(port, '127.0.0.1', () => resolve(s));
  });
}

describe('sandbox in VS Code', () => {
  before(async () => {
    await activate();
    await vscode.commands.executeCommand('scimWorkbench.registry.focus');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('scimWorkbench.stopSandbox');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts, serves SCIM with the token, shows a transient registry, and stops', async () => {
    const summary = await vscode.commands.executeCommand<SandboxSummary>('scimWorkbench.startSandbox', { port: 0, users: 30, profiles: ['strict', 'aws-like'], token: TOKEN });
    assert.ok(summary, 'the sandbox started');
    assert.deepEqual(summary.apps.map((a) => a.id), ['strict', 'aws-like']);
    assert.ok(!JSON.stringify(summary).includes(TOKEN), 'the command result carries no token');
    const strict = summary.apps[0];
    assert.ok(strict);
    assert.match(strict.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/apps\/strict\/scim\/v2$/);

    const spc = await get(`${strict.baseUrl}/ServiceProviderConfig`);
    assert.equal(spc.status, 200);
    const body = await spc.json() as { schemas?: string[] };
    assert.ok(body.schemas?.includes('urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'));
    assert.equal((await get(`${strict.baseUrl}/ServiceProviderConfig`, 'wrong')).status, 401);
    const users = await (await get(`${strict.baseUrl}/Users?count=0`)).json() as { totalResults?: number };
    assert.equal(users.totalResults, 30);

    const secrets = await vscode.commands.executeCommand<SecretStatus[]>('scimWorkbench.secrets.status');
    assert.equal(secrets.find((s) => s.name === 'sandbox-token')?.stored, true, 'the token is stored as the secret sandbox-token');

    const d = await waitFor('the sandbox in the Registry view', async () => {
      const v = await vscode.commands.executeCommand<Described>('scimWorkbench.registry.describe');
      return v.roots.find((r) => r.label === 'Sandbox (running)') ? v : undefined;
    });
    const node = d.roots.find((r) => r.label === 'Sandbox (running)');
    assert.equal(node?.description, summary.url);
    assert.deepEqual(node?.children.map((c) => c.label), ['Sandbox: strict', 'Sandbox: aws-like']);
    assert.equal(node?.children[0]?.icon, 'key');
    assert.equal(node?.children[0]?.children.find((c) => c.label === 'baseUrl')?.description, strict.baseUrl);

    // Selecting a sandbox app opens the sandbox registry as a read-only document at that entry.
    const app = node?.children[1];
    assert.ok(app?.command);
    await vscode.commands.executeCommand(app.command.command, ...app.command.arguments);
    const editor = await waitFor('the sandbox registry document', () => vscode.window.activeTextEditor);
    assert.equal(editor.document.uri.scheme, 'scim-registry');
    assert.equal(editor.document.getText(editor.selection), '"id": "sandbox-aws-like"');
    assert.ok(editor.document.getText().includes(summary.apps[1]?.baseUrl ?? '?'));

    assert.equal(await vscode.commands.executeCommand('scimWorkbench.stopSandbox'), true);
    await waitFor('connection refused after stop', () => refused(`${strict.baseUrl}/ServiceProviderConfig`));
    await waitFor('the sandbox gone from the view', async () => {
      const v = await vscode.commands.executeCommand<Described>('scimWorkbench.registry.describe');
      return !v.roots.some((r) => r.label === 'Sandbox (running)');
    });
  });

  it('falls back to a free port when the configured one is taken', async () => {
    const blocker = await listen();
    const taken = (blocker.address() as { port: number }).port;
    try {
      const summary = await vscode.commands.executeCommand<SandboxSummary>('scimWorkbench.startSandbox', { port: taken, users: 5, profiles: ['strict'], token: TOKEN });
      assert.ok(summary);
      assert.equal(summary.requestedPort, taken);
      assert.notEqual(summary.port, taken);
      assert.equal((await get(`${summary.apps[0]?.baseUrl}/ServiceProviderConfig`)).status, 200);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it('starts from the code lens of a registry app that points at the sandbox and selects it in the view', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('scim-registry.jsonc'));
    await vscode.window.showTextDocument(doc);
    const lensesNow = async (): Promise<vscode.CodeLens[]> => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 50);
    const start = await waitFor('the start lens', async () => (await lensesNow()).find((l) => l.command?.title.includes('Start sandbox for this app')));
    assert.ok(start.command);
    // The lens asks for port 4780 (from the baseUrl); another process may hold it, which the fallback covers.
    const summary = await vscode.commands.executeCommand<SandboxSummary>(start.command.command, { ...(start.command.arguments?.[0] as object), users: 5 });
    assert.ok(summary);
    assert.equal(summary.requestedPort, 4780);
    assert.deepEqual(summary.apps.map((a) => a.id), ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like']);
    const d = await waitFor('the sandbox app selected', async () => {
      const v = await vscode.commands.executeCommand<Described>('scimWorkbench.registry.describe');
      return v.selection.length ? v : undefined;
    });
    const sandboxNode = d.roots.find((r) => r.label === 'Sandbox (running)');
    assert.deepEqual(d.selection, [sandboxNode?.children[0]?.id]);
    await waitFor('the lens to say the sandbox runs', async () => (await lensesNow()).some((l) => l.command?.title.includes('Sandbox running')));
  });

  it('with auth basic or apiKey, every app takes that scheme and the sandbox registry reaches it through the engine', async () => {
    const requests = vscode.Uri.joinPath(workspaceRoot(), 'requests', 'sandbox-auth-test.scim');
    await vscode.workspace.fs.writeFile(requests, new TextEncoder().encode('# @app sandbox-strict\n\n### list\nGET /Users?count=1\n'));
    try {
      const cases = [
        ['basic', { type: 'basic', username: 'strict', secret: 'sandbox-token' }, { authorization: `Basic ${Buffer.from(`strict:${TOKEN}`).toString('base64')}` }],
        ['apiKey', { type: 'apiKey', header: 'X-API-Key', secret: 'sandbox-token' }, { 'x-api-key': TOKEN }],
      ] as const;
      for (const [auth, block, headers] of cases) {
        const summary = await vscode.commands.executeCommand<SandboxSummary>('scimWorkbench.startSandbox', { port: 0, users: 5, profiles: ['strict'], token: TOKEN, auth });
        assert.ok(summary, `${auth}: the sandbox started`);
        assert.equal(summary.authType, auth);
        assert.deepEqual(summary.apps[0]?.auth, block, 'the registry block names the secret, not the value');
        assert.ok(!JSON.stringify(summary).includes(TOKEN));
        const base = summary.apps[0]?.baseUrl ?? '';
        assert.equal((await fetch(`${base}/Users`, { headers })).status, 200, `${auth}: its own scheme passes`);
        assert.equal((await get(`${base}/Users`)).status, 401, `${auth}: the token as a bearer token is refused`);
        const secrets = await vscode.commands.executeCommand<SecretStatus[]>('scimWorkbench.secrets.status');
        assert.equal(secrets.find((x) => x.name === 'sandbox-token')?.stored, true);

        const doc = await vscode.workspace.openTextDocument(requests);
        await vscode.window.showTextDocument(doc);
        // The request file knows the sandbox app once @app completion offers it at this sandbox's address.
        await waitFor('sandbox-strict among the apps', async () => {
          const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 7));
          return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'sandbox-strict' && JSON.stringify([i.detail, i.documentation]).includes(`:${summary.port}/`)) ? true : undefined;
        });
        const sent = await vscode.commands.executeCommand<{ status: number | null }>('scimWorkbench.sendRequest', doc.uri, 3);
        assert.equal(sent?.status, 200, `${auth}: the engine sent the stored secret in the app's scheme`);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        assert.equal(await vscode.commands.executeCommand('scimWorkbench.stopSandbox'), true);
      }
    } finally {
      await vscode.workspace.fs.delete(requests).then(undefined, () => undefined);
    }
  });

  it('says so when a profile is unknown, and starts nothing', async () => {
    const summary = await vscode.commands.executeCommand<SandboxSummary | undefined>('scimWorkbench.startSandbox', { port: 0, profiles: ['no-such-preset'] });
    assert.equal(summary, undefined);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.stopSandbox'), false);
  });
});
