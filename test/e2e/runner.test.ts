// The request runner as a user meets it, in the browser: the panel sends to a sandbox the test started and
// explains a 409 (with the registry's entry), renders a body holding <script> as text, and saves an error
// response whose hover explains it; a .scim file's Send lens draws the result after the request line, with the
// explanation in its hover; a 429 from slack-like is waited out. Screenshots land in .artifacts/screenshots.
import { after, before, describe, test } from 'node:test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { waitFor } from '../harness/codeServer';
import { captureOnFailure, openSession, runCommand, screenshot, type Session } from './workbenchUi';
import { choose, requestResult, runnerFrame, runnerWorkspace, TOKEN, type RunnerWorkspace } from './runnerWorkspace';

const USER = 'runner-ui-dup@example.com';
const XSS = '<script>window.__scimXss=1;alert("scimxss")</script><img src=x onerror="window.__scimXss=2;console.log(\'scimxss\')">';

/** Scrolls the panel to its top, so a screenshot shows the status line. */
async function panelTop(frame: Frame): Promise<void> {
  await frame.evaluate(() => window.scrollTo(0, 0));
}

async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** The panel's Content-Security-Policy, its script's nonce (a property: browsers hide the attribute), and how many scripts come from the extension. */
function nonceAndPolicy(frame: Frame): Promise<{ policy: string; nonce: string; scripts: number }> {
  return frame.evaluate(() => ({
    policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
    nonce: document.querySelector<HTMLScriptElement>('script[src$="/dist/webview.js"]')?.nonce ?? '',
    // VS Code adds its own script (acquireVsCodeApi) to every webview; ours are the ones loaded from dist/.
    scripts: document.querySelectorAll('script[src*="/dist/"]').length,
  }));
}

/** Waits until the hover is fully faded in, so a screenshot shows it legibly. */
async function hoverOpaque(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const el = document.querySelector('.monaco-hover:not(.hidden)');
    return el !== null && getComputedStyle(el).opacity === '1' && getComputedStyle(el.closest('.monaco-resizable-hover') ?? el).opacity === '1';
  }, undefined, { timeout: 10_000 });
}

/** Clicks a code lens of the active editor; reopens the file once when VS Code 1.100's web workbench skips lenses. */
async function clickLens(page: Page, file: string, title: string): Promise<void> {
  const lens = page.locator('.codelens-decoration a', { hasText: title }).first();
  if (!(await lens.waitFor({ timeout: 10_000 }).then(() => true, () => false))) {
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, file);
  }
  await lens.waitFor({ timeout: 20_000 });
  await lens.click();
}

describe('request runner UI', () => {
  let w: RunnerWorkspace;
  let s: Session;
  let frame: Frame;
  const sideEffects: string[] = [];
  before(async () => {
    w = await runnerWorkspace();
    writeFileSync(join(w.folder, 'requests', 'prompt.scim'), '# @app strict\n\n### with a typed token\nGET /Users?count=1\nX-Api-Token: {{$prompt api token}}\n');
    s = await openSession(w.folder, { env: { SCIM_SECRET_SANDBOX_TOKEN: TOKEN } });
    // Anything the XSS body could do that shows outside the DOM: a dialog, a console line.
    s.page.on('dialog', (d) => { sideEffects.push(`dialog: ${d.message()}`); void d.dismiss(); });
    s.page.on('console', (m) => { if (m.text().includes('scimxss')) sideEffects.push(`console: ${m.text()}`); });
    // Screenshots for the README: the editor and the panel side by side, without the explorer.
    await runCommand(s.page, 'View: Close Primary Side Bar');
  });
  after(async () => {
    await s?.close();
    await w?.dispose();
  });

  test('the panel sends to the sandbox: a body holding <script> shows as text, a duplicate gets an explained 409', async () => {
    const { page } = s;
    await runCommand(page, 'SCIM: Open Request Runner');
    frame = await runnerFrame(page);
    await captureOnFailure(page, 'runner-panel', async () => {
      await choose(frame, 'app', 'strict — Strict');
      await choose(frame, 'method', 'POST');
      await frame.locator('#path input').fill('/Users');
      await frame.locator('#body textarea').fill(JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: USER, displayName: XSS }, null, 2));
      await frame.locator('#send').click();
      await frame.locator('#status-line', { hasText: '201 Created' }).waitFor({ timeout: 30_000 });
    });
    const body = await frame.locator('#response-body').innerText();
    // Pretty JSON escapes the double quotes inside the string; the markup is otherwise shown as written.
    assert.ok(body.includes('<script>window.__scimXss=1;alert(\\"scimxss\\")</script><img src=x onerror=\\"window.__scimXss=2;console.log(\'scimxss\')\\">'), body);
    assert.equal(await frame.evaluate(() => (window as unknown as { __scimXss?: number }).__scimXss), undefined, 'no script from the body ran');
    assert.equal(await frame.locator('#response-body script, #response-body img').count(), 0);
    assert.deepEqual(sideEffects, [], 'no dialog opened and nothing logged by the body\'s markup');
    await frame.locator('#checks').waitFor();
    await runCommand(page, 'Notifications: Clear All Notifications');
    await panelTop(frame);
    await screenshot(page, 'runner-script-as-text');

    await frame.locator('#send').click();
    await frame.locator('#status-line', { hasText: '409 Conflict' }).waitFor({ timeout: 30_000 });
    const explanation = await frame.locator('#explanation').innerText();
    assert.match(explanation, /Explained: uniqueness/);
    assert.match(explanation, /errors\[0\]\s+userName already exists/);
    assert.match(explanation, /Retryable: no/);
    assert.equal(await frame.locator('#history-list li').count(), 2);
    await panelTop(frame);
    await screenshot(page, 'runner-409');
  });

  test('the filter is checked by the core parser as it is typed', async () => {
    await frame.locator('#q-filter input').fill('userName eq');
    await frame.locator('#filter-help', { hasText: 'Filter syntax' }).waitFor({ timeout: 10_000 });
    await frame.locator('#q-filter input').fill('userName eq "x"');
    await frame.locator('#filter-help', { hasText: 'The filter parses.' }).waitFor({ timeout: 10_000 });
    await frame.locator('#q-filter input').fill('');
  });

  test('resource paths to insert, Ctrl+Enter sends from the keyboard, and a strict CSP with this load\'s nonce', async () => {
    await choose(frame, 'path-pick', '/Groups');
    assert.equal(await frame.locator('#path input').inputValue(), '/Groups');
    await choose(frame, 'path-pick', '/Users');
    assert.equal(await frame.locator('#path input').inputValue(), '/Users');
    const before = await frame.locator('#history-list li').count();
    await frame.locator('#path input').click();
    await frame.locator('#path input').press('Control+Enter');
    await waitFor('Ctrl+Enter to send the request again', async () => ((await frame.locator('#history-list li').count()) > before ? true : undefined), 30_000, 200);
    await frame.locator('#status-line', { hasText: '409 Conflict' }).waitFor({ timeout: 30_000 });
    const csp = await nonceAndPolicy(frame);
    assert.match(csp.policy, /^default-src 'none';/);
    assert.ok(!csp.policy.includes('unsafe-inline') && !csp.policy.includes('unsafe-eval'), csp.policy);
    assert.ok(csp.nonce.length >= 24, `a nonce of 18 random bytes: ${csp.nonce}`);
    assert.ok(csp.policy.includes(`script-src 'nonce-${csp.nonce}'`), csp.policy);
    assert.equal(csp.scripts, 1, 'one script of ours, the bundle');
  });

  test('a saved error response explains itself on hover, with the registry entry', async () => {
    const { page } = s;
    await frame.locator('#action-saveResponse').click();
    await page.locator('.tab', { hasText: /strict-409-.*\.response\.scim\.json/ }).first().waitFor({ timeout: 20_000 });
    const editor = page.locator('.editor-instance .monaco-editor').first();
    const key = editor.locator('.view-line span', { hasText: /^"status"$/ }).first();
    await key.waitFor({ timeout: 20_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await key.hover();
    const hover = page.locator('.monaco-hover:not(.hidden)').first();
    await hover.locator(':text("SCIM error explained")').first().waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    assert.match(text, /uniqueness/);
    assert.match(text, /userName\s+already\s+exists/);
    await hoverOpaque(page);
    await screenshot(page, 'saved-response-hover');
  });

  test('Escape cancels a send from the panel while it waits out a 429', async () => {
    const { page } = s;
    const slack = w.sandbox.apps.find((a) => a.id === 'slack-like');
    assert.ok(slack);
    await runCommand(page, 'SCIM: Open Request Runner');
    frame = await runnerFrame(page);
    w.hold();
    try {
      // With its clock held, slack-like refills nothing: after its burst, every request meets a 429.
      await Promise.all(Array.from({ length: 25 }, () => fetch(`${slack.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.arrayBuffer())));
      await choose(frame, 'app', 'slack-like');
      await choose(frame, 'method', 'GET');
      await frame.locator('#path input').fill('/Users');
      await frame.locator('#body textarea').fill('');
      await frame.locator('#path input').press('Control+Enter');
      await frame.locator('#progress', { hasText: /429|retry|wait/i }).waitFor({ timeout: 30_000 });
      await frame.locator('#path input').press('Escape');
      await frame.locator('#status-line', { hasText: /cancel/i }).waitFor({ timeout: 10_000 });
      assert.equal(await frame.locator('#progress').textContent(), '', 'no longer sending');
    } finally {
      w.release(1000);
    }
  });

  test('a .scim file: Send all draws each result after its request line, the 409 explained in its hover', async () => {
    const { page } = s;
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'duplicate-user.scim');
    await clickLens(page, 'duplicate-user.scim', 'Send all');
    const result = await captureOnFailure(page, 'request-file-409', () => requestResult(page, /← 409 uniqueness · \d+ ms/));
    await requestResult(page, /← 200 OK · \d+ ms/);
    // The panel shows the last response too.
    frame = await runnerFrame(page);
    await frame.locator('#status-line', { hasText: '409 Conflict' }).waitFor({ timeout: 20_000 });
    await panelTop(frame);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await result.locator.hover({ position: { x: 30, y: 5 } });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'SCIM error explained' }).first();
    await hover.waitFor({ timeout: 20_000 });
    assert.match(await hover.innerText(), /userName\s+already\s+exists/);
    await hoverOpaque(page);
    await screenshot(page, 'request-file-409');
  });

  test('a 429 from slack-like is waited out, and the wait is shown', async () => {
    const { page } = s;
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'slack-rate-limit.scim');
    await page.locator('.codelens-decoration a', { hasText: 'Send' }).first().waitFor({ timeout: 20_000 }).catch(() => undefined);
    // Spend slack-like's burst with its clock held, so the next request meets the limit.
    const slack = w.sandbox.apps.find((a) => a.id === 'slack-like');
    assert.ok(slack);
    w.hold();
    await Promise.all(Array.from({ length: 25 }, () => fetch(`${slack.baseUrl}/Users?count=1`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.arrayBuffer())));
    await clickLens(page, 'slack-rate-limit.scim', 'Send');
    await captureOnFailure(page, 'request-file-429', () => requestResult(page, /waiting|retrying/));
    w.release(1000);
    const done = await requestResult(page, /← 200 OK · \d+ ms · 1 retry \(waited \d+\.\d s\)/);
    assert.ok(w.traffic.some((t) => t.appId === 'slack-like' && t.status === 429));
    frame = await runnerFrame(page);
    await frame.locator('#attempts', { hasText: 'Retry-After: 1' }).waitFor({ timeout: 20_000 });
    await panelTop(frame);
    await runCommand(page, 'Notifications: Clear All Notifications');
    await done.locator.hover({ position: { x: 30, y: 5 } });
    await page.locator('.monaco-hover:not(.hidden)', { hasText: 'attempt 2' }).first().waitFor({ timeout: 20_000 });
    await hoverOpaque(page);
    await screenshot(page, 'request-file-429');
  });

  test('Send all on the slack-like import: every page arrives, the 429s are waited out', async () => {
    const { page } = s;
    const before = w.traffic.length;
    // The sandbox's clock moves only when a 429 was answered, one second each time (two requests at the demo's
    // 2 per second): the import meets its limit whatever the machine's speed, and each wait ends in a 200.
    w.hold();
    try {
      let limited = 0;
      await clickLens(page, 'slack-rate-limit.scim', 'Send all');
      await waitFor('all 40 pages', () => {
        const mine = w.traffic.slice(before);
        const n = mine.filter((t) => t.status === 429).length;
        if (n > limited) {
          limited = n;
          w.release(1000);
          w.hold();
        }
        return mine.filter((t) => t.status === 200).length >= 40 ? true : undefined;
      }, 120_000, 100);
    } finally {
      w.release(1000);
    }
    assert.ok(w.traffic.slice(before).some((t) => t.status === 429), 'slack-like answered some pages with 429');
    // The later pages met the limit: show the end of the file (the editor draws only the lines in view).
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await requestResult(page, /1 retr(y|ies) \(waited \d+\.\d s\)/, 30_000);
    // Lenses out of view may stay in the DOM, hidden, with their last text: no visible one says Sending.
    await page.locator('.codelens-decoration', { hasText: 'Sending' }).first().waitFor({ state: 'hidden', timeout: 20_000 });
    await runCommand(page, 'Notifications: Clear All Notifications');
    await screenshot(page, 'request-file-import');
  });

  test('a password-like $prompt is asked in a password box and redacted everywhere the request shows', async () => {
    const { page } = s;
    const typed = 'typed-Secret-77xQ';
    await runCommand(page, 'View: Close All Editors');
    await quickOpen(page, 'prompt.scim');
    await clickLens(page, 'prompt.scim', 'Send');
    const password = page.locator('.quick-input-widget input[type="password"]');
    await password.waitFor({ state: 'visible', timeout: 20_000 });
    await password.fill(typed);
    await page.keyboard.press('Enter');
    await requestResult(page, /← 200 OK · \d+ ms/);
    frame = await runnerFrame(page);
    const sent = frame.locator('pre.sent');
    await sent.waitFor({ timeout: 20_000 });
    const text = await sent.innerText();
    assert.match(text, /x-api-token: «redacted:prompt:api token»/i);
    assert.ok(!(await frame.locator('body').innerText()).includes(typed), 'the typed value is nowhere in the panel');
    await frame.locator('#action-resend').click();
    await frame.locator('#status-line', { hasText: 'typed at a password prompt' }).waitFor({ timeout: 20_000 });
  });

  test('the panel comes back after a window reload, with its form and its response', async () => {
    const { page } = s;
    // The panel shows the prompt request's form and its 200 (the re-send just now was refused, not sent).
    frame = await runnerFrame(page);
    assert.equal(await frame.locator('#path input').inputValue(), '/Users');
    assert.equal(await frame.locator('#q-count input').inputValue(), '1');
    const nonceBefore = (await nonceAndPolicy(frame)).nonce;
    // Only the panel stays open: no SCIM file loads the features after the reload, the panel's serializer must.
    // Clicking the panel's tab makes its group active with the focus in the workbench (a focused webview can
    // swallow the F1 that opens the palette).
    await page.locator('.tabs-container .tab', { hasText: 'SCIM Request Runner' }).first().click();
    await runCommand(page, 'View: Close Editors in Other Groups');
    await runCommand(page, 'View: Close Other Editors in Group');
    // A loaded machine once left a request file's tab open after both commands (CI, stop 17): close what is left
    // with its tab's own close button, as a user would.
    const scimTabs = page.locator('.tabs-container .tab[aria-label*=".scim"]');
    const closeBy = Date.now() + 30_000;
    while (await scimTabs.count() > 0) {
      assert.ok(Date.now() < closeBy, `request-file tabs still open: ${(await scimTabs.allInnerTexts()).join(', ')}`);
      const label = await scimTabs.first().getAttribute('aria-label');
      const tab = page.locator(`.tabs-container .tab[aria-label=${JSON.stringify(label)}]`).first();
      await tab.hover({ timeout: 5_000 }).catch(() => undefined);
      await tab.locator('.tab-actions .action-label').first().click({ timeout: 5_000 }).catch(() => undefined);
      await tab.waitFor({ state: 'detached', timeout: 5_000 }).catch(() => undefined);
    }
    // The palette of the last command must be gone, or F1 for the next one meets it closing.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    await runCommand(page, 'Developer: Reload Window');
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const restored = await runnerFrame(page);
    await restored.locator('#status-line', { hasText: '200 OK' }).waitFor({ timeout: 30_000 });
    assert.notEqual((await nonceAndPolicy(restored)).nonce, nonceBefore, 'each load has its own nonce');
    assert.equal(await restored.locator('#path input').inputValue(), '/Users');
    assert.equal(await restored.locator('#q-count input').inputValue(), '1');
  });
});
