import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../harness/codeServer';
import { openSession, runCommand, screenshot, type Session } from './workbenchUi';

describe('workbench UI', () => {
  let s: Session;
  before(async () => { s = await openSession(join(repoRoot, 'test/fixtures/workspace')); });
  after(async () => { await s?.close(); });

  test('the SCIM Workbench container shows its views', async () => {
    await s.page.locator('.activitybar a.action-label[aria-label="SCIM Workbench"]').click();
    const sidebar = s.page.locator('.part.sidebar');
    await sidebar.locator('.pane-header', { hasText: 'Registry' }).waitFor({ timeout: 45_000 });
    await sidebar.locator('.pane-header', { hasText: 'Probe Results' }).waitFor({ timeout: 45_000 });
    const title = await sidebar.locator('.title-label').first().innerText();
    assert.match(title, /SCIM WORKBENCH/i);
    const file = await screenshot(s.page, 'sidebar-views');
    assert.ok(existsSync(file) && statSync(file).size > 1000);
  });

  test('SCIM: Show Log from the palette opens the log channel', async () => {
    await runCommand(s.page, 'SCIM: Show Log');
    const panel = s.page.locator('.part.panel');
    await panel.waitFor({ state: 'visible', timeout: 45_000 });
    // The output view's channel picker names the channel; the log line proves it is ours and live.
    await panel.locator('.monaco-editor .view-lines', { hasText: 'SCIM Workbench' }).first().waitFor({ timeout: 45_000 });
    const text = (await panel.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /SCIM Workbench .* activated/);
    await screenshot(s.page, 'show-log');
  });
});
