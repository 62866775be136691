// Probes from the UI: SCIM: Run Probes... from the palette on the sandbox's aws-like app (the preselected
// read-only probes; the write confirmation is in probesConfirm.test.ts, which shows dialogs), the Probe Results
// view with a finding expanded, and an exchange opened from it. Screenshots for the README: probe-picker,
// probe-results.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/codeServer';
import { captureOnFailure, openSession, runCommand, screenshot, type Session } from './workbenchUi';

describe('probes UI', () => {
  let s: Session;
  before(async () => {
    s = await openSession(join(repoRoot, 'test/fixtures/workspace'), {
      settings: { 'scimWorkbench.sandbox.port': 0, 'scimWorkbench.sandbox.profiles': ['aws-like'], 'scimWorkbench.sandbox.users': 120 },
    });
  });
  after(async () => { await s?.close(); });

  test('runs probes from the palette, shows findings, opens an exchange', async () => {
    const { page } = s;
    await runCommand(page, 'SCIM: Start Sandbox');
    await page.locator('.statusbar-item', { hasText: /SCIM sandbox :\d+/ }).waitFor({ state: 'visible', timeout: 30_000 });

    const pickApp = async (): Promise<void> => {
      await runCommand(page, 'SCIM: Run Probes...');
      const app = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Sandbox: aws-like' });
      await app.waitFor({ timeout: 20_000 });
      await app.click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Timing deactivation' }).waitFor({ timeout: 20_000 });
    };
    // The read-only probes, as preselected.
    await captureOnFailure(page, 'probe-pick-read-only', async () => {
      await pickApp();
      await screenshot(page, 'probe-picker');
      await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
    });
    await captureOnFailure(page, 'probe-done', async () => {
      await page.locator('.notification-toast', { hasText: 'Probes on sandbox-aws-like' }).waitFor({ timeout: 120_000 });
    });
    await page.locator('.activitybar a.action-label[aria-label="SCIM Workbench"]').click();
    const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Probe Results' }) }).first();
    const header = pane.locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    await captureOnFailure(page, 'probe-tree', async () => {
      await pane.locator('.monaco-list-row', { hasText: 'Sandbox: aws-like' }).waitFor({ timeout: 20_000 });
      const pagination = pane.locator('.monaco-list-row', { hasText: 'max 50/page' }).first();
      await pagination.waitFor({ timeout: 20_000 });
      await pagination.locator('.monaco-tl-twistie').click();
      const capped = pane.locator('.monaco-list-row', { hasText: 'PAGE_SIZE_CAPPED' }).first();
      await capped.waitFor({ timeout: 10_000 });
      await capped.locator('.monaco-tl-twistie').click();
      const exchange = pane.locator('.monaco-list-row', { hasText: '→ 200 ·' }).first();
      await exchange.waitFor({ timeout: 10_000 });
      await exchange.click();
    });
    await captureOnFailure(page, 'probe-exchange', async () => {
      await page.locator('.tab', { hasText: '.http' }).first().waitFor({ timeout: 20_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'HTTP/1.1 200' }).first().waitFor({ timeout: 20_000 });
    });
    await runCommand(page, 'Notifications: Clear All Notifications');
    const file = await screenshot(page, 'probe-results');
    assert.ok(existsSync(file) && statSync(file).size > 1000);
  });
});
