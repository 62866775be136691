// The cleanup offer after a run that did not finish: the CLI probes an application whose deactivation only locks
// (the probe watches its test user for two minutes) and is killed with SIGKILL while the user exists, so only its
// journal knows. A fresh VS Code window on that folder offers SCIM: Clean Up Probe Resources for the application;
// accepted, it removes the user, and the sandbox's write log shows no write outside the test prefix. In a window
// that does not trust the folder nothing is offered or sent until the user trusts it; then the offer comes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/codeServer';
import { waitFor } from '../harness/waitFor';
import { captureOnFailure, openSession, runCommand, screenshot, type Session } from './workbenchUi';
import { env, probeWorkspace, type ProbeWorkspace } from './probeWorkspace';

describe('cleanup offer after a killed probe run', () => {
  let ws: ProbeWorkspace;
  let s: Session | undefined;
  const journal = (): string => join(ws.folder, '.scim-workbench', 'probe-journal', 'crm.json');
  const journalled = (): { id?: string }[] => {
    try {
      return (JSON.parse(readFileSync(journal(), 'utf8')) as { entries: { id?: string }[] }).entries;
    } catch {
      return []; // not written yet, or caught mid-write
    }
  };
  before(async () => {
    ws = await probeWorkspace({ lock: { profile: 'strict', quirks: { deactivation: 'lockedOnly' } } }, {
      'scim-registry.jsonc': [{ id: 'crm', name: 'Locking CRM', environment: 'staging', app: 'lock', allowWrites: true }],
    });
  });
  after(async () => {
    await s?.close();
    await ws?.dispose();
  });

  /** Runs the real CLI on the lock-only app and kills it with SIGKILL once its test user is journalled. */
  const leaveUnfinishedRun = async (): Promise<void> => {
    const cli = spawn(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'probe', 'scim-registry.jsonc', '--app', 'crm', '--only', 'deactivation', '--quiet'], {
      cwd: ws.folder, env: { ...process.env, ...env }, stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => cli.on('exit', () => resolve()));
    try {
      await waitFor('the CLI run to journal a created user', () => existsSync(journal()) && journalled().some((e) => e.id !== undefined), 60_000);
    } finally {
      cli.kill('SIGKILL');
      await exited;
    }
    const left = await ws.prefixUsers('lock');
    assert.ok(left.length >= 1, 'the killed run left its test user behind');
  };

  test('a fresh window offers the cleanup for that application; accepted, no test user is left', async () => {
    await leaveUnfinishedRun();

    s = await openSession(ws.folder, { env });
    const { page } = s;
    const offer = page.locator('.notification-toast', { hasText: 'A probe run against "crm" did not finish' });
    await captureOnFailure(page, 'cleanup-offer', () => offer.waitFor({ timeout: 60_000 }));
    assert.match(await offer.innerText(), /its journal lists \d+ test resource\(s\) that may still exist there/);
    const cleanUp = offer.locator('.monaco-button', { hasText: 'Clean Up' });
    await cleanUp.waitFor({ timeout: 10_000 });
    await screenshot(page, 'probe-cleanup-offer');
    await cleanUp.click();
    await captureOnFailure(page, 'cleanup-done', () =>
      page.locator('.notification-toast', { hasText: /crm: removed \d+ test resource\(s\)\./ }).waitFor({ timeout: 60_000 }));
    assert.deepEqual(await ws.prefixUsers('lock'), [], 'no test user is left');
    assert.deepEqual(ws.foreignWrites('lock'), [], 'nothing outside the test prefix was written');
    assert.deepEqual(journalled(), [], 'the journal is empty');
  });

  test('an untrusted window offers nothing and sends nothing; trusting the folder brings the offer', async () => {
    await s?.close();
    s = undefined;
    await leaveUnfinishedRun();
    const before = ws.traffic.length;
    s = await openSession(ws.folder, { env, settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' } });
    const { page } = s;
    const dont = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ });
    if (await dont.waitFor({ timeout: 5_000 }).then(() => true, () => false)) await dont.click();
    await captureOnFailure(page, 'cleanup-untrusted', () => page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 }));
    const offer = page.locator('.notification-toast', { hasText: 'A probe run against "crm" did not finish' });
    assert.equal(await offer.count(), 0, 'no cleanup offer while untrusted');

    await runCommand(page, 'Workspaces: Manage Workspace Trust');
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust( Folder)?$/ }).first();
    await captureOnFailure(page, 'cleanup-trust-editor', () => trust.waitFor({ timeout: 30_000 }));
    assert.deepEqual(ws.traffic.slice(before).filter((e) => e.appId === 'lock'), [], 'nothing was sent while untrusted');
    await trust.click();
    await captureOnFailure(page, 'cleanup-offer-after-trust', () => offer.waitFor({ timeout: 60_000 }));
    await offer.locator('.monaco-button', { hasText: 'Clean Up' }).click();
    await captureOnFailure(page, 'cleanup-done-after-trust', () =>
      page.locator('.notification-toast', { hasText: /crm: removed \d+ test resource\(s\)\./ }).waitFor({ timeout: 60_000 }));
    assert.deepEqual(await ws.prefixUsers('lock'), [], 'no test user is left');
    assert.deepEqual(ws.foreignWrites('lock'), [], 'nothing outside the test prefix was written');
    assert.deepEqual(journalled(), [], 'the journal is empty');
  });
});
