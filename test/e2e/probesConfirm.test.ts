// The write confirmation of SCIM: Run Probes..., driven from the palette in a workbench that shows its dialogs
// (started without the smoke-test driver, which would refuse them): the modal names the application, its base URL
// and its environment; Cancel sends nothing; Run and Write runs the probe, which writes only to its own prefixed
// users, and the run shows in the Probe Results view. A production application asks a second time. Screenshot for
// the README: probe-confirm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { captureOnFailure, openSession, runCommand, scimPane, screenshot, type Session } from './workbenchUi';
import { env, probeWorkspace, type ProbeWorkspace } from './probeWorkspace';
import { pickApplication, pickProbes } from './probePicks';

/** The modal dialog showing `text`; its message, once it shows. */
async function modal(page: Page, text: string): Promise<string> {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.waitFor({ timeout: 30_000 });
  return box.locator('.dialog-message-container').innerText();
}

/** Presses a button of the modal showing `text`, and waits until that modal is gone (another may follow it). */
async function press(page: Page, text: string, button: string): Promise<void> {
  const box = page.locator('.monaco-dialog-box', { hasText: text });
  await box.locator('.monaco-button', { hasText: new RegExp(`^${button}$`) }).click();
  await box.waitFor({ state: 'detached', timeout: 20_000 });
}

describe('probe write confirmation', () => {
  let ws: ProbeWorkspace;
  let s: Session;
  const trafficOf = (appId: string): string[] => ws.traffic.filter((e) => e.appId === appId).map((e) => `${e.method} ${e.path}`);
  before(async () => {
    ws = await probeWorkspace({ staging: 'strict', prod: 'strict' }, {
      'scim-registry.jsonc': [
        { id: 'staging-crm', name: 'Staging CRM', environment: 'staging', app: 'staging', allowWrites: true },
        { id: 'prod-crm', name: 'Production CRM', environment: 'production', app: 'prod', allowWrites: true },
      ],
    });
    s = await openSession(ws.folder, { dialogs: true, env });
  });
  after(async () => {
    await s?.close();
    await ws?.dispose();
  });

  test('the modal names the application, its base URL and environment; Cancel sends nothing', async () => {
    const { page } = s;
    const baseUrl = ws.app('staging').baseUrl;
    await runCommand(page, 'SCIM: Run Probes...');
    await captureOnFailure(page, 'confirm-pick', async () => {
      await pickApplication(page, 'Staging CRM (staging-crm)');
      await pickProbes(page, ['deactivation']);
    });
    const text = await captureOnFailure(page, 'confirm-modal', () => modal(page, 'Run writing probes'));
    assert.match(text, /"Staging CRM" \(staging-crm\)/);
    assert.ok(text.includes(`at ${baseUrl}`), text);
    assert.match(text, /environment staging\?/);
    assert.match(text, /deactivation will create, change and delete test users and groups named scimwb-uip-/);
    const file = await screenshot(page, 'probe-confirm');
    assert.ok(existsSync(file) && statSync(file).size > 1000);
    await press(page, 'Run writing probes', 'Cancel');
    await page.locator('.notification-toast', { hasText: 'Nothing was run against staging-crm: writing was not confirmed.' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(ws.app('staging').writes(), [], 'nothing was written');
    assert.deepEqual(trafficOf('staging'), [], 'nothing was sent at all');
  });

  test('Run and Write runs the probe: only its own users are written, none is left, and the run shows in Probe Results', async () => {
    const { page } = s;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'SCIM: Run Probes...');
    await pickApplication(page, 'Staging CRM (staging-crm)');
    await pickProbes(page, ['deactivation']);
    await modal(page, 'Run writing probes');
    await press(page, 'Run writing probes', 'Run and Write');
    await captureOnFailure(page, 'confirm-run', () =>
      page.locator('.notification-toast', { hasText: 'Probes on staging-crm' }).waitFor({ timeout: 120_000 }));
    const writes = ws.app('staging').writes();
    assert.ok(writes.some((w) => w.method === 'POST' && w.status === 201), JSON.stringify(writes));
    assert.deepEqual(ws.foreignWrites('staging'), [], 'no write outside the test prefix');
    assert.deepEqual(await ws.prefixUsers('staging'), [], 'the run removed what it created');

    const pane = await scimPane(page, 'Probe Results');
    await captureOnFailure(page, 'confirm-tree', async () => {
      await pane.locator('.monaco-list-row', { hasText: 'Staging CRM' }).waitFor({ timeout: 30_000 });
      await pane.locator('.monaco-list-row', { hasText: 'writes allowed' }).first().waitFor({ timeout: 30_000 });
      await pane.locator('.monaco-list-row', { hasText: 'deactivation' }).first().waitFor({ timeout: 30_000 });
    });
  });

  test('production: a second confirmation; declining it sends nothing, accepting it runs', async () => {
    const { page } = s;
    const baseUrl = ws.app('prod').baseUrl;
    const start = async (): Promise<void> => {
      await runCommand(page, 'Notifications: Clear All Notifications');
      await runCommand(page, 'SCIM: Run Probes...');
      await pickApplication(page, 'Production CRM (prod-crm)');
      await pickProbes(page, ['deactivation']);
      assert.match(await modal(page, 'Run writing probes'), /environment production\?/);
      await press(page, 'Run writing probes', 'Run and Write');
    };
    await start();
    const second = await captureOnFailure(page, 'confirm-production', () => modal(page, 'PRODUCTION'));
    assert.ok(second.includes(`"prod-crm" is a PRODUCTION application (${baseUrl})`), second);
    await screenshot(page, 'probe-confirm-production');
    await press(page, 'PRODUCTION', 'Cancel');
    await page.locator('.notification-toast', { hasText: 'Nothing was run against prod-crm: writing was not confirmed.' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(ws.app('prod').writes(), []);
    assert.deepEqual(trafficOf('prod'), []);

    await start();
    await modal(page, 'PRODUCTION');
    await press(page, 'PRODUCTION', 'Write to Production');
    await captureOnFailure(page, 'confirm-production-run', () =>
      page.locator('.notification-toast', { hasText: 'Probes on prod-crm' }).waitFor({ timeout: 120_000 }));
    assert.ok(ws.app('prod').writes().length > 0);
    assert.deepEqual(ws.foreignWrites('prod'), []);
    assert.deepEqual(await ws.prefixUsers('prod'), []);
  });
});
