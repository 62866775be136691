// Probes in VS Code (issue 13) against the embedded sandbox, started here on a free port: the command's report,
// the write gate, the Probe Results tree and its exchange documents, persistence, drift diagnostics with their
// quick fix and hover, write-back, cancellation and the cleanup of a killed run.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ProbeReport } from '../../src/core/probes';
import type { ProbeTreeSnapshot } from '../../src/vscode/probes/probeResultsView';
import type { PendingCleanup } from '../../src/vscode/probes/probeCleanup';
import type { WriteBackSummary } from '../../src/vscode/probes/probeWriteBack';
import type { SandboxSummary } from '../../src/vscode/sandbox/sandboxController';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { activate, codeOf, waitFor, workspaceRoot } from './registryHelpers';

const TOKEN = 'probe-suite-token-7d2e1b';
const PREFIX = 'scimwb-vsp-';

interface Described { roots: ProbeTreeSnapshot[] }

function registryText(summary: SandboxSummary, lockOnlyUrl: string): string {
  const url = (id: string): string => summary.apps.find((a) => a.id === id)?.baseUrl ?? '';
  return `{
  // written by test/vscode/probes.test.ts
  "applications": [
    {
      "id": "aws-probe",
      "name": "AWS-like under test",
      "environment": "staging",
      "baseUrl": "${url('aws-like')}",
      "auth": { "type": "bearer", "secret": "sandbox-token" },
      "pagination": { "maxPageSize": 100 }, // what the docs said
      "probe": { "allowWrites": false }
    },
    {
      "id": "strict-probe",
      "environment": "sandbox",
      "baseUrl": "${url('strict')}",
      "auth": { "type": "bearer", "secret": "sandbox-token" },
      "probe": { "allowWrites": true, "testUserPrefix": "${PREFIX}" }
    },
    {
      // Deactivation only locks: the probe watches the user until its horizon, so a test can cancel mid-run.
      "id": "lock-probe",
      "environment": "sandbox",
      "baseUrl": "${lockOnlyUrl}",
      "auth": { "type": "bearer", "secret": "sandbox-token" },
      "probe": { "allowWrites": true, "testUserPrefix": "${PREFIX}" }
    },
    {
      "id": "prod-probe",
      "environment": "production",
      "baseUrl": "${url('strict')}",
      "auth": { "type": "bearer", "secret": "sandbox-token" },
      "probe": { "allowWrites": true, "testUserPrefix": "${PREFIX}" }
    }
  ]
}
`;
}

async function describeTree(): Promise<ProbeTreeSnapshot[]> {
  return (await vscode.commands.executeCommand<Described>('scimWorkbench.probes.describe')).roots;
}

function walk(nodes: ProbeTreeSnapshot[]): ProbeTreeSnapshot[] {
  return nodes.flatMap((n) => [n, ...walk(n.children)]);
}

async function prefixUsers(baseUrl: string): Promise<string[]> {
  const filter = encodeURIComponent(`userName sw "${PREFIX}"`);
  const res = await fetch(`${baseUrl}/Users?filter=${filter}&count=100`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const body = await res.json() as { Resources?: { userName: string }[] };
  return (body.Resources ?? []).map((r) => r.userName);
}

describe('probes in VS Code', function () {
  this.timeout(180_000);
  let summary: SandboxSummary;
  let lockOnly: RunningSandbox;
  /** What the lock-only sandbox answered, said when a wait on it times out. */
  const lockTraffic: string[] = [];
  let dir: string;
  let registry: vscode.Uri;
  const baseOf = (id: string): string => summary.apps.find((a) => a.id === id)?.baseUrl ?? '';

  before(async () => {
    await activate();
    // A contributed command loads the features bundle.
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
    summary = await vscode.commands.executeCommand<SandboxSummary>('scimWorkbench.startSandbox', { port: 0, users: 120, profiles: ['aws-like', 'strict'], token: TOKEN });
    lockOnly = await startSandbox({
      port: 0, token: TOKEN, apps: [{ id: 'lock', profile: 'strict', users: 5, quirks: { deactivation: 'lockedOnly' } }],
      onRequest: (e) => lockTraffic.push(`${e.method} ${e.path} → ${e.status}`),
    });
    dir = join(workspaceRoot().fsPath, 'probes-under-test');
    mkdirSync(dir, { recursive: true });
    registry = vscode.Uri.file(join(dir, 'probes.scim-registry.jsonc'));
    writeFileSync(registry.fsPath, registryText(summary, lockOnly.apps[0]!.baseUrl));
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('scimWorkbench.stopSandbox');
    await lockOnly?.stop();
    rmSync(dir, { recursive: true, force: true });
    await vscode.commands.executeCommand('scimWorkbench.registry.refresh');
  });

  it('runs probes on a sandbox preset by command and returns the report with its findings', async () => {
    const report = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { app: 'sandbox-aws-like', probes: ['pagination'] });
    assert.ok(report, 'the command returns the report');
    assert.deepEqual(report.probes.map((p) => p.probe), ['discovery', 'pagination']);
    const pagination = report.probes.find((p) => p.probe === 'pagination');
    assert.ok(pagination?.findings.some((f) => f.code === 'PAGE_SIZE_CAPPED'), JSON.stringify(pagination?.findings.map((f) => f.code)));
    assert.match(pagination?.summary ?? '', /max 50\/page/);
    assert.ok(report.transcript.length > 2);
    assert.ok(!JSON.stringify(report).includes(TOKEN), 'no token in the report');
  });

  it('shows the run in the Probe Results tree; an exchange opens as a redacted HTTP document', async () => {
    const roots = await waitFor('the aws-like run in the tree', async () => {
      const r = await describeTree();
      return r.find((n) => n.ref.appId === 'sandbox-aws-like') ? r : undefined;
    });
    const app = roots.find((n) => n.ref.appId === 'sandbox-aws-like');
    assert.equal(app?.label, 'Sandbox: aws-like');
    const run = app?.children[0];
    assert.equal(run?.kind, 'run');
    assert.match(run?.description ?? '', /read-only · .*warning/);
    const pagination = run?.children.find((p) => p.label === 'pagination');
    // aws-like ignores startIndex: PAGE_NOT_ADVANCING is an error, so the probe fails.
    assert.equal(pagination?.icon, 'error');
    assert.match(pagination?.description ?? '', /max 50\/page/);
    const capped = pagination?.children.find((f) => f.description === 'PAGE_SIZE_CAPPED');
    assert.ok(capped, 'the finding is under its probe');
    assert.equal(capped.icon, 'warning');
    const evidence = capped.children[0];
    assert.match(evidence?.label ?? '', /^GET \/Users\?\S+ → 200 · \d+ ms$/);
    assert.equal(evidence?.command?.command, 'scimWorkbench.probes.openExchange');
    await vscode.commands.executeCommand(evidence!.command!.command, ...evidence!.command!.arguments);
    const editor = await waitFor('the exchange document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'scim-evidence' ? e : undefined;
    });
    const text = editor.document.getText();
    assert.match(text, /^GET http:\/\/127\.0\.0\.1:\d+\/apps\/aws-like\/scim\/v2\/Users\?/m);
    assert.match(text, /^HTTP\/1\.1 200/m);
    // The page is cut to the transcript's few KB, and still laid out for reading up to the cut.
    assert.match(text, /^ {2}"Resources": \[\n {4}\{\n {6}"/m);
    assert.match(text, /^# … \d+ more bytes not kept in the transcript$/m);
    assert.ok(!text.includes(TOKEN), 'the bearer token is redacted');
    assert.match(text, /authorization: .*redacted/i);
  });

  it('keeps the latest runs across a reload of the stored results', async () => {
    const before = walk(await describeTree()).filter((n) => n.kind === 'run').map((n) => n.id);
    assert.ok(before.length >= 1);
    await vscode.commands.executeCommand('scimWorkbench.probes.reloadResults');
    const after = walk(await describeTree()).filter((n) => n.kind === 'run').map((n) => n.id);
    assert.deepEqual(after, before);
    assert.ok(!JSON.stringify(await describeTree()).includes(TOKEN));
  });

  it('refuses writes without allowWrites, and without confirmation where they are allowed', async () => {
    const closed = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry, app: 'aws-probe', probes: ['deactivation'], confirmWrites: true });
    assert.equal(closed.writes, false);
    assert.equal(closed.probes.find((p) => p.probe === 'deactivation')?.status, 'skipped');
    assert.match(closed.probes.find((p) => p.probe === 'deactivation')?.reason ?? '', /allowWrites/);
    const unconfirmed = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry: registry.toString(), app: 'strict-probe', probes: ['deactivation'] });
    assert.equal(unconfirmed.writes, false);
    assert.equal(unconfirmed.probes.find((p) => p.probe === 'deactivation')?.status, 'skipped');
    assert.equal(unconfirmed.cleanup.created, 0);
    const production = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry, app: 'prod-probe', probes: ['deactivation'], confirmWrites: false });
    assert.equal(production.writes, false);
    assert.deepEqual(await prefixUsers(baseOf('strict')), [], 'nothing was created');
  });

  it('marks drift in the registry file, fixes it with the quick fix, hovers the observation, and writes back', async () => {
    const report = await vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry, app: 'aws-probe', probes: ['pagination'] });
    assert.ok(report.probes.some((p) => p.findings.some((f) => f.code === 'REGISTRY_DRIFT')));
    const doc = await vscode.workspace.openTextDocument(registry);
    await vscode.window.showTextDocument(doc);
    const drift = await waitFor('the REGISTRY_DRIFT diagnostic', () =>
      vscode.languages.getDiagnostics(registry).find((d) => codeOf(d) === 'REGISTRY_DRIFT'));
    assert.equal(doc.getText(drift.range), '100');
    assert.equal(drift.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(drift.message, /pagination\.maxPageSize is declared 100 but the pagination probe observed 50 \(run \w+, /);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', registry, drift.range.start);
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /Last observed.*pagination\.maxPageSize.*50/);

    // VS Code answers a code-action request with nothing when, while it is asked, the document's model changes or
    // any code-action provider registers or goes (read in its getCodeActions); a loaded machine met this right
    // after opening the file, so ask until answered.
    const actions = await waitFor('the drift quick fixes', async () => {
      const got = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', registry, drift.range, undefined, 50);
      return got.length ? got : undefined;
    });
    assert.ok(actions.some((a) => a.title === 'Add to known issues'), `actions: ${actions.map((a) => a.title).join(', ')}`);
    const accept = actions.find((a) => a.title === 'Accept the observed value 50');
    assert.ok(accept?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.workspace.applyEdit(accept.edit);
    assert.match(doc.getText(), /"pagination": \{ "maxPageSize": 50 \}, \/\/ what the docs said/);
    await waitFor('the drift to clear', () => (vscode.languages.getDiagnostics(registry).some((d) => codeOf(d) === 'REGISTRY_DRIFT') ? undefined : true));
    await doc.save();

    const written = await vscode.commands.executeCommand<WriteBackSummary>('scimWorkbench.probes.writeBack', { registry: registry.toString(), app: 'aws-probe', promote: false });
    assert.ok(written.applied.includes('observed.pagination'), written.applied.join(', '));
    const onDisk = readFileSync(registry.fsPath, 'utf8');
    assert.match(onDisk, /"observed": \{/);
    assert.match(onDisk, /"findingCodes": \[[^\]]*"PAGE_SIZE_CAPPED"/);
    assert.match(onDisk, /\/\/ what the docs said/, 'comments are kept');
  });

  it('exports evidence as the CLI writes it and adds a finding to the known issues', async () => {
    const app = (await describeTree()).find((n) => n.ref.appId === 'aws-probe');
    const run = app?.children[0];
    assert.ok(run);
    const out = vscode.Uri.file(join(dir, 'evidence.md'));
    await vscode.commands.executeCommand('scimWorkbench.probes.exportEvidence', run, 'markdown', out);
    const md = readFileSync(out.fsPath, 'utf8');
    assert.match(md, /PAGE_SIZE_CAPPED/);
    assert.ok(!md.includes(TOKEN));
    const junit = vscode.Uri.file(join(dir, 'evidence.xml'));
    await vscode.commands.executeCommand('scimWorkbench.probes.exportEvidence', run, 'junit', junit);
    assert.match(readFileSync(junit.fsPath, 'utf8'), /<testsuites/);
    const finding = walk(run.children).find((n) => n.kind === 'finding' && n.description === 'PAGE_SIZE_CAPPED');
    assert.ok(finding);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.probes.addKnownIssue', finding, 'Pages stop at 50'), true);
    const text = readFileSync(registry.fsPath, 'utf8');
    assert.match(text, /"knownIssues": \[\s*\{\s*"summary": "Pages stop at 50",\s*"codes": \[\s*"PAGE_SIZE_CAPPED"\s*\]/);
    assert.match(text, /\/\/ what the docs said/);
  });

  it('a cancelled run removes what it created; a killed run is offered for cleanup and cleaned up', async () => {
    const strict = baseOf('strict');
    const locking = lockOnly.apps[0]!.baseUrl;
    const running = vscode.commands.executeCommand<ProbeReport>('scimWorkbench.runProbes', { registry, app: 'lock-probe', probes: ['deactivation'], confirmWrites: true });
    let ended: string | undefined;
    running.then((r) => { ended = `the run ended first: ${JSON.stringify(r.probes.map((p) => [p.probe, p.status, p.reason ?? '', p.findings.map((f) => f.code)]))}`; }, (err: unknown) => { ended = `the run failed first: ${String(err)}`; });
    const outcome = await waitFor('a test user to exist', async () => ended ?? ((await prefixUsers(locking)).length ? 'created' : undefined), 60_000)
      .catch((err: unknown) => { throw new Error(`${String(err)}; the lock-only server answered: ${lockTraffic.filter((t) => !t.includes('sw%20')).slice(-20).join(' | ') || 'nothing'}`); });
    assert.equal(outcome, 'created', outcome);
    assert.equal(await vscode.commands.executeCommand('scimWorkbench.cancelProbeRun', 'lock-probe'), true);
    const report = await running;
    assert.equal(report.cancelled, true);
    assert.ok(report.cleanup.created >= 1);
    assert.equal(report.cleanup.deleted, report.cleanup.created);
    assert.deepEqual(await prefixUsers(locking), []);
    assert.deepEqual(await vscode.commands.executeCommand<PendingCleanup[]>('scimWorkbench.probes.pendingCleanups'), []);

    // A killed run: the user exists, its journal entry was written before the create, the answer never came.
    const name = `${PREFIX}killed-1`;
    const created = await fetch(`${strict}/Users`, {
      method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: name }),
    });
    assert.equal(created.status, 201);
    const journalDir = join(dir, '.scim-workbench', 'probe-journal');
    mkdirSync(journalDir, { recursive: true });
    writeFileSync(join(journalDir, 'strict-probe.json'), JSON.stringify({ version: 1, note: 'test', entries: [{ runId: 'killed', appId: 'strict-probe', baseUrl: strict, kind: 'Users', name, createdAt: new Date().toISOString() }] }));
    const pending = await vscode.commands.executeCommand<PendingCleanup[]>('scimWorkbench.probes.pendingCleanups');
    assert.deepEqual(pending.map((p) => [p.app, p.entries]), [['strict-probe', 1]]);
    const cleaned = await vscode.commands.executeCommand<{ created: number; deleted: number; failed: unknown[] }>('scimWorkbench.cleanUpProbeResources', { registry: registry.toString(), app: 'strict-probe' });
    assert.deepEqual([cleaned.created, cleaned.deleted, cleaned.failed.length], [1, 1, 0]);
    assert.deepEqual(await prefixUsers(strict), []);
    assert.deepEqual(await vscode.commands.executeCommand<PendingCleanup[]>('scimWorkbench.probes.pendingCleanups'), []);
  });
});
