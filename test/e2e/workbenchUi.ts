// Small helpers that drive the VS Code workbench the way a user does: palette, activity bar, screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { artifactsDir, launchBrowser, openWorkbench, startServer, workbenchUrl, type RunningServer, type ServerOptions } from '../harness/codeServer';

export const screenshotsDir = join(artifactsDir, 'screenshots');

export interface Session { server: RunningServer; browser: Browser; page: Page; close(): Promise<void> }

export async function openSession(folder: string, opts: ServerOptions = {}): Promise<Session> {
  const server = await startServer(opts);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    await openWorkbench(page, workbenchUrl(server, folder));
    // The extension host is up once the activity bar shows our container.
    await page.waitForSelector('.activitybar a.action-label[aria-label="SCIM Workbench"]', { timeout: 60_000 });
  } catch (err) {
    await browser.close();
    await server.stop();
    throw err;
  }
  return {
    server, browser, page,
    close: async () => { await browser.close(); await server.stop(); },
  };
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('input');
  for (let attempt = 1; ; attempt++) {
    // The previous command's palette must be gone, or F1 meets it closing.
    await widget.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: attempt < 3 ? 10_000 : 30_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      // A focused webview can swallow F1, or take the focus back from the palette as it opens: clicking the
      // active editor tab puts the focus back in the workbench.
      await page.locator('.tabs-container .tab.active').first().click({ timeout: 5_000 }).catch(() => undefined);
    }
  }
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 45_000 });
  // Enter runs the focused row, which may be another match (a recently used command is listed first, and the
  // list can still be filling on a loaded machine): press it only on our row, else click our row.
  const focused = page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
  if (await focused.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) await page.keyboard.press('Enter');
  else await row.click();
}

/** Opens a workspace file by name through Quick Open, and waits for its tab. */
export async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 30_000 });
}

/** The sidebar pane of a SCIM Workbench view (Registry, Probe Results...), shown and expanded. */
export async function scimPane(page: Page, title: string): Promise<Locator> {
  // Clicking the container's icon while it shows would hide the sidebar.
  const icon = page.locator('.activitybar .action-item', { has: page.locator('a.action-label[aria-label="SCIM Workbench"]') });
  if (!((await icon.getAttribute('class')) ?? '').split(' ').includes('checked')) await icon.click();
  const pane = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) }).first();
  const header = pane.locator('.pane-header');
  await header.waitFor({ timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  return pane;
}

/** Clicks an inline action of a tree row (shown while the row is hovered). */
export async function inlineAction(row: Locator, label: string): Promise<void> {
  await row.waitFor({ timeout: 30_000 });
  await row.hover();
  await row.locator(`.actions .action-label[aria-label="${label}"]`).click();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotsDir, { recursive: true });
  const file = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a UI step; on failure saves a screenshot named `failure-<name>` next to the others, then rethrows. */
export async function captureOnFailure<T>(page: Page, name: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    await screenshot(page, `failure-${name}`).catch(() => undefined);
    throw err;
  }
}
