// Small helpers that drive the VS Code workbench the way a user does: palette, activity bar, screenshots.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
  await page.keyboard.press('Enter');
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
