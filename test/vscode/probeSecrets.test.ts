// No probe feature lets a secret out (issue 15). With distinctive values for every auth scheme the registry knows
// (a bearer token, an OAuth client secret and the access tokens it buys, a basic password, an API key), every
// probe runs by command, writes included, against the sandbox, whose apps take each scheme (behind a careless
// gateway that echoes every credential back). The sandbox requires those secrets, so each run must have passed
// authentication: a suite that "redacted" by sending nothing fails. A wrong password and a wrong client secret are refused (what
// the user typed is a secret even when it is wrong). Then no report, Probe Results node, evidence document, export
// (Markdown, JSON, JUnit), registry file after write-back and promotion, cleanup journal (read at the moment a
// create arrives, when it holds entries), stored run, workspace state, setting, open document or log file holds
// a value, its base64 form or base64(user:pass).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PROBE_NAMES, type ProbeReport } from '../../src/core/probes';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { evidenceUri } from '../../src/vscode/probes/evidenceDocument';
import type { ProbeTreeSnapshot } from '../../src/vscode/probes/probeResultsView';
import type { WriteBackSummary } from '../../src/vscode/probes/probeWriteBack';
import type { StorageFolders, StoredState } from '../../src/vscode/shared/testHooks';
import { startEchoGateway, type EchoGateway } from '../harness/echoGateway';
import { activate, workspaceRoot } from './registryHelpers';
import { leakForms, leaksOf, textsUnder } from './secretScan';

const BEARER = 'psec-bearer-Tq8vW2xLm5';
const BASIC_USER = 'psec-basic-user';
const BASIC_PASSWORD = 'psec-basic-Zr7kP3nYw6';
const API_KEY = 'psec-apikey-Jd4sH9cVb1';
/** Wrong values are still what the user typed: a mistyped password must not leak either. */
const WRONG_PASSWORD = 'psec-wrong-Vb5nM8qXc3';
const WRONG_CLIENT_SECRET = 'psec-wrong-client-Hy6tR1pKs4';
/** The sandbox token (the oauth app's static bearer token): the extension never sees it. */
const SANDBOX_TOKEN = 'psec-sandbox-token';
const PREFIX = 'scimwb-psec-';
const APPS = ['ps-bearer', 'ps-oauth', 'ps-basic', 'ps-apikey'] as const;
const REFUSED = ['ps-basic-wrong', 'ps-oauth-wrong'] as const;

function walk(nodes: ProbeTreeSnapshot[]): ProbeTreeSnapshot[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

describe('probe secrets never leave SecretStorage except on the wire', function () {
  this.timeout(240_000);
  let sandbox: RunningSandbox;
  let gateway: EchoGateway;
  let oauthSecret: string;
  let secrets: [string, string][] = [];
  let forms: string[];
  const reports = new Map<string, ProbeReport>();
  /** Texts in no file of the workspace: reports, tree nodes, evidence documents, journals mid-run. */
  const shown = new Map<string, string>();
  const dir = (): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), 'probe-secrets');
  const registry = (): vscode.Uri => vscode.Uri.joinPath(dir(), 'secrets.scim-registry.jsonc');
  const journalPath = (appId: string): string => join(dir().fsPath, '.scim-workbench', 'probe-journal', `${appId}.json`);
  const leaksIn = (where: string, text: string): string[] => leaksOf(forms, where, text);

  /** Keeps the texts of an application's nodes and of every exchange's evidence document; returns its run's node. */
  async function readTreeAndEvidence(app: string): Promise<ProbeTreeSnapshot> {
    const roots = (await vscode.commands.executeCommand<{ roots: ProbeTreeSnapshot[] }>('scimWorkbench.probes.describe')).roots;
    const node = roots.find((n) => n.ref.appId === app && n.ref.registry === registry().toString());
    const run = node?.children.find((c) => c.kind === 'run' && c.ref.runId === reports.get(app)?.runId);
    assert.ok(node && run, `${app}: its run is in the tree`);
    for (const n of walk([node])) shown.set(`tree node ${n.id}`, JSON.stringify({ label: n.label, description: n.description, tooltip: n.tooltip, command: n.command }));
    for (const x of reports.get(app)?.transcript ?? []) {
      const doc = await vscode.workspace.openTextDocument(evidenceUri(run.ref.key, app, run.ref.runId as string, x.id));
      const text = doc.getText();
      assert.ok(text.startsWith(`# Exchange ${x.id}`), `${doc.uri.path}: ${text.slice(0, 120)}`);
      shown.set(`evidence document ${doc.uri.path}`, text);
    }
    return run;
  }

  before(async () => {
    await activate();
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
    sandbox = await startSandbox({
      port: 0, token: SANDBOX_TOKEN, seed: 5,
      apps: [
        { id: 'bearer', profile: 'strict', users: 30, token: BEARER },
        { id: 'oauth', profile: 'strict', users: 30 },
        { id: 'basic', profile: 'strict', users: 30, auth: { type: 'basic', username: BASIC_USER, password: BASIC_PASSWORD } },
        { id: 'apikey', profile: 'strict', users: 30, auth: { type: 'apiKey', header: 'X-Api-Key', key: API_KEY } },
      ],
      // A create arrives after its journal entry was written and before it is removed: the journal's busiest moment.
      onWrite: (appId, entry) => {
        if (entry.method !== 'POST') return;
        try {
          shown.set(`the journal of ps-${appId} during create ${entry.seq}`, readFileSync(journalPath(`ps-${appId}`), 'utf8'));
        } catch (err) {
          shown.set(`the journal of ps-${appId} during create ${entry.seq}`, `unreadable: ${String(err)}`);
        }
      },
    });
    gateway = await startEchoGateway(sandbox.url, ['x-api-key']);
    const app = (id: string): RunningSandbox['apps'][number] => sandbox.apps.find((a) => a.id === id) as RunningSandbox['apps'][number];
    oauthSecret = app('oauth').clientSecret;
    // Declared `deleted`, observed otherwise: drift, so write-back has something to promote.
    const common = { environment: 'sandbox', probe: { allowWrites: true, testUserPrefix: PREFIX }, deactivation: { contract: 'deleted' } };
    const applications = [
      { id: 'ps-bearer', baseUrl: gateway.url(app('bearer').baseUrl), auth: { type: 'bearer', secret: 'ps-bearer-token' }, ...common },
      {
        id: 'ps-oauth', baseUrl: gateway.url(app('oauth').baseUrl), ...common,
        auth: { type: 'oauth2ClientCredentials', tokenUrl: gateway.url(app('oauth').tokenUrl), clientId: app('oauth').clientId, secret: 'ps-oauth-client' },
      },
      { id: 'ps-basic', baseUrl: gateway.url(app('basic').baseUrl), auth: { type: 'basic', username: BASIC_USER, secret: 'ps-basic-password' }, ...common },
      { id: 'ps-apikey', baseUrl: gateway.url(app('apikey').baseUrl), auth: { type: 'apiKey', header: 'X-Api-Key', secret: 'ps-api-key' }, ...common },
      { id: 'ps-basic-wrong', baseUrl: gateway.url(app('basic').baseUrl), auth: { type: 'basic', username: BASIC_USER, secret: 'ps-basic-wrong' }, ...common },
      {
        id: 'ps-oauth-wrong', baseUrl: gateway.url(app('oauth').baseUrl), ...common,
        auth: { type: 'oauth2ClientCredentials', tokenUrl: gateway.url(app('oauth').tokenUrl), clientId: app('oauth').clientId, secret: 'ps-oauth-wrong' },
      },
    ];
    await vscode.workspace.fs.writeFile(registry(), new TextEncoder().encode(`// written by test/vscode/probeSecrets.test.ts\n${JSON.stringify({ applications }, null, 2)}\n`));
    secrets = [['ps-bearer-token', BEARER], ['ps-oauth-client', oauthSecret], ['ps-basic-password', BASIC_PASSWORD], ['ps-api-key', API_KEY], ['ps-basic-wrong', WRONG_PASSWORD], ['ps-oauth-wrong', WRONG_CLIENT_SECRET]];
    for (const [name, value] of secrets) assert.equal(await vscode.commands.executeCommand('scimWorkbench.setSecret', name, value), true);
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
    forms = leakForms(secrets.map(([, v]) => v), [[BASIC_USER, BASIC_PASSWORD], [BASIC_USER, WRONG_PASSWORD], [app('oauth').clientId, oauthSecret], [app('oauth').clientId, WRONG_CLIENT_SECRET]]);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const [name] of secrets) await vscode.commands.executeCommand('scimWorkbench.clearSecret', name);
    await gateway?.close();
    await sandbox?.stop();
    await vscode.workspace.fs.delete(dir(), { recursive: true }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
  });

  it('the scan finds a planted value in each of its forms (it can fail)', () => {
    assert.notDeepEqual(leaksIn('x', `x-api-key: ${API_KEY}`), []);
    assert.notDeepEqual(leaksIn('x', `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`), []);
    assert.notDeepEqual(leaksIn('x', Buffer.from(BEARER).toString('base64url')), []);
    assert.notDeepEqual(leaksIn('x', `client_secret=${oauthSecret}`), []);
    assert.deepEqual(leaksIn('x', 'Bearer «redacted:ps-bearer-token»'), []);
  });

  it('runs every probe, writes included, with each auth scheme; the sandbox took every secret', async () => {
    const runs = await Promise.all(APPS.map((app) => vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry: registry(), app, probes: [...PROBE_NAMES], confirmWrites: true })));
    for (const [i, report] of runs.entries()) {
      const app = APPS[i] as string;
      assert.ok(report, `${app}: the command returned the report`);
      reports.set(app, report);
      shown.set(`the report of ${app}`, JSON.stringify(report));
      assert.equal(report.writes, true, `${app} ran its writing probes`);
      assert.deepEqual(report.probes.filter((p) => p.status === 'error').map((p) => `${p.probe}: ${p.reason ?? ''}`), [], app);
      const authenticated = report.transcript.filter((x) => x.secret === 'primary');
      assert.ok(authenticated.length > 20, `${app}: ${authenticated.length} requests carried the secret`);
      assert.deepEqual(authenticated.filter((x) => !x.response || x.response.status === 401 || x.response.status === 403).map((x) => x.request.line), [], `${app} passed authentication every time`);
      assert.ok(report.cleanup.created > 0 && report.cleanup.deleted === report.cleanup.created, `${app}: ${JSON.stringify(report.cleanup)}`);
      const errors = report.probes.find((p) => p.probe === 'errors');
      assert.equal(errors?.checks.find((c) => c.name === 'a wrong credential is 401')?.status, 'pass', `${app}: a wrong credential was refused`);
    }
    for (const a of sandbox.apps) assert.ok(a.writes().some((w) => w.method === 'POST' && w.status === 201 && w.name?.startsWith(PREFIX)), `${a.id} received the probes' creates`);
    for (const secret of [BEARER, oauthSecret, BASIC_PASSWORD, API_KEY]) assert.ok(gateway.accepted.has(secret), `${secret.slice(0, 6)}… was sent and accepted`);
    // The access tokens the client secret bought are secrets too.
    const issued = [...gateway.accepted].filter((s) => ![BEARER, oauthSecret, BASIC_PASSWORD, API_KEY].includes(s));
    assert.ok(issued.length >= 1, 'an access token was issued and used');
    forms.push(...leakForms(issued, []));
    const journals = [...shown].filter(([k, t]) => k.startsWith('the journal of') && t.includes(`"name": "${PREFIX}`));
    assert.deepEqual(new Set(journals.map(([k]) => /ps-\w+/.exec(k)?.[0])), new Set(APPS), 'each journal was read while it held entries');
  });

  it('a wrong password and a wrong client secret are refused, and sent nowhere else either', async () => {
    for (const app of REFUSED) {
      const report = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry: registry(), app, probes: ['pagination', 'errors'] });
      assert.ok(report, `${app}: the command returned the report`);
      reports.set(app, report);
      shown.set(`the report of ${app}`, JSON.stringify(report));
      const sent = report.transcript.filter((x) => x.secret === 'primary');
      assert.ok(sent.length > 0, `${app}: requests were attempted with the secret`);
      for (const x of sent) {
        const refused = x.response?.status === 401 || x.tokenRequests.some((t) => t.status === 401);
        assert.ok(refused, `${app}: ${x.request.line} was refused (${x.response?.status ?? x.error?.kind ?? '?'})`);
      }
      await readTreeAndEvidence(app);
    }
    assert.ok(gateway.accesses.some((a) => a.path.startsWith('/apps/basic/') && a.status === 401), 'the sandbox refused the wrong password');
    assert.ok(![WRONG_PASSWORD, WRONG_CLIENT_SECRET].some((s) => gateway.accepted.has(s)));
  });

  it('walks the tree, opens every exchange, exports, writes back and promotes', async () => {
    for (const app of APPS) {
      const run = await readTreeAndEvidence(app);
      const nodes = walk([run]);
      assert.ok(nodes.some((n) => n.kind === 'finding') && nodes.some((n) => n.kind === 'evidence'), `${app}: findings with evidence`);
      assert.ok((reports.get(app)?.transcript.length ?? 0) > 20, `${app}: every exchange was opened`);
      // An exchange as the tree opens it.
      const cited = nodes.find((n) => n.command?.command === 'scimWorkbench.probes.openExchange');
      assert.ok(cited?.command);
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>(cited.command.command, ...cited.command.arguments);
      assert.equal(editor.document.uri.scheme, 'scim-evidence');
      for (const [format, ext] of [['markdown', 'md'], ['json', 'json'], ['junit', 'xml']]) {
        const out = vscode.Uri.joinPath(dir(), `${app}-evidence.${ext}`);
        assert.equal((await vscode.commands.executeCommand<vscode.Uri>('scimWorkbench.probes.exportEvidence', run, format, out))?.toString(), out.toString());
      }
      const written = await vscode.commands.executeCommand<WriteBackSummary>('scimWorkbench.probes.writeBack', { registry: registry().toString(), app, promote: true });
      assert.ok(written.applied.some((a) => a.startsWith('observed.')), `${app}: ${written.applied.join(', ')}`);
      assert.ok(written.promoted.some((p) => p.startsWith('deactivation.contract:')), `${app} promoted: ${written.promoted.join(', ')}`);
    }
    const onDisk = readFileSync(registry().fsPath, 'utf8');
    assert.equal((onDisk.match(/"observed": \{/g) ?? []).length, APPS.length, 'every application has its observations');
  });

  it('no report, tree node, evidence document, export, registry, journal, stored run, state, setting or log holds a secret', async () => {
    const leaks: string[] = [];
    const files = await textsUnder(dir());
    const names = [...files.keys()].map((p) => p.slice(dir().path.length));
    for (const want of ['/secrets.scim-registry.jsonc', '/.scim-workbench/probe-journal/ps-basic.json', '/ps-apikey-evidence.md', '/ps-oauth-evidence.json', '/ps-basic-evidence.xml']) {
      assert.ok(names.includes(want), `${want} is among the files scanned: ${names.join(', ')}`);
    }
    for (const [path, text] of files) leaks.push(...leaksIn(`file ${path}`, text));
    const storage = await vscode.commands.executeCommand<StorageFolders>('scimWorkbench.internal.storageFolders');
    const stored = new Map<string, string>();
    for (const folder of [storage.workspace, storage.global]) if (folder) for (const [p, t] of await textsUnder(vscode.Uri.parse(folder))) stored.set(p, t);
    assert.ok([...stored].some(([p, t]) => p.includes('/probe-runs/') && t.includes('"appId":"ps-basic"')), 'the stored runs are among the files scanned');
    for (const [path, text] of stored) leaks.push(...leaksIn(`extension storage ${path}`, text));
    const state = await vscode.commands.executeCommand<StoredState>('scimWorkbench.internal.storedState');
    leaks.push(...leaksIn('workspace state', JSON.stringify(state.workspace)), ...leaksIn('global state', JSON.stringify(state.global)));
    leaks.push(...leaksIn('settings', JSON.stringify(vscode.workspace.getConfiguration('scimWorkbench'))));
    const logs = await textsUnder(vscode.Uri.parse(await vscode.commands.executeCommand<string>('scimWorkbench.internal.logUri')));
    assert.ok([...logs.values()].some((t) => t.includes('Probes: ps-apikey done') && t.includes('Promoted into ps-basic')), 'the log scanned is the one the runs wrote');
    for (const [path, text] of logs) leaks.push(...leaksIn(`log ${path}`, text));
    const docs = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'scim-evidence' || d.uri.scheme === 'scim-probe-preview' || d.uri.path.includes('probe-secrets'));
    assert.ok(docs.some((d) => d.uri.scheme === 'scim-probe-preview'), 'the promotion preview is among the documents scanned');
    for (const doc of docs) leaks.push(...leaksIn(`open document ${doc.uri.toString()}`, doc.getText()));
    for (const [where, text] of shown) leaks.push(...leaksIn(where, text));
    assert.deepEqual(leaks, []);
  });
});
