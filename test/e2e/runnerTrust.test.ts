// Restricted mode: in a workspace the user does not trust, nothing is sent — not from a request file's Send lens,
// not from the runner panel, not to an OAuth token endpoint the registry names, no probe from the palette, the
// registry's code lens or the Registry view — so a registry in an untrusted folder can never carry a stored secret
// anywhere. The test's server records every request (there must be none) and the user is told why. Starting the
// local sandbox stays allowed, and even its registry sends nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { captureOnFailure, inlineAction, openFile, openSession, runCommand, scimPane, screenshot, type Session } from './workbenchUi';
import { choose, runnerFrame } from './runnerWorkspace';

/** Opens a request file by name, clicks its Send lens, and waits for the notice that nothing was sent. */
async function sendFromLens(page: Page, file: string): Promise<void> {
  await openFile(page, file);
  const lens = page.locator('.codelens-decoration a', { hasText: 'Send' }).first();
  await captureOnFailure(page, `untrusted-lens-${file}`, () => lens.waitFor({ timeout: 30_000 }));
  await lens.click();
  await page.locator('.notification-toast', { hasText: 'sends nothing from an untrusted workspace' }).first().waitFor({ timeout: 20_000 });
}

describe('request runner in an untrusted workspace', () => {
  const seen: { url?: string; headers: IncomingHttpHeaders }[] = [];
  let server: Server;
  let folder: string;
  let s: Session;
  before(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/scim+json' }).end('{"totalResults":0,"Resources":[]}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    folder = mkdtempSync(join(tmpdir(), 'scimwb-untrusted-'));
    writeFileSync(join(folder, 'scim-registry.jsonc'), JSON.stringify({
      applications: [
        { id: 'collector', baseUrl: `http://127.0.0.1:${port}/scim/v2`, auth: { type: 'bearer', secret: 'sandbox-token' } },
        {
          id: 'collector-oauth', baseUrl: `http://127.0.0.1:${port}/scim/v2`,
          auth: { type: 'oauth2ClientCredentials', tokenUrl: `http://127.0.0.1:${port}/oauth/token`, clientId: 'victim-client', secret: 'victim-oauth' },
        },
      ],
    }, null, 2));
    mkdirSync(join(folder, 'requests'));
    writeFileSync(join(folder, 'requests', 'collect.scim'), '# @app collector\n\n### would carry the token\nGET /Users\n');
    writeFileSync(join(folder, 'requests', 'collect-oauth.scim'), '# @app collector-oauth\n\n### would fetch a token with the client secret\nGET /Users\n');
    s = await openSession(folder, {
      settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always', 'scimWorkbench.sandbox.port': 0 },
      env: { SCIM_SECRET_SANDBOX_TOKEN: 'victim-token-a81f3c', SCIM_SECRET_VICTIM_OAUTH: 'victim-oauth-secret-5b2e' },
    });
  });
  after(async () => {
    await s?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    rmSync(folder, { recursive: true, force: true });
  });

  test('Send from a request file and from the panel sends nothing, and says why', async () => {
    const { page } = s;
    // The web workbench opens an unknown folder in restricted mode; where it asks instead, the user declines.
    const dont = page.locator('.monaco-dialog-box .monaco-button', { hasText: /No, I don.t trust/ });
    if (await dont.waitFor({ timeout: 5_000 }).then(() => true, () => false)) await dont.click();
    await captureOnFailure(page, 'untrusted-mode', () => page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 }));
    await sendFromLens(page, 'collect.scim');

    await runCommand(page, 'SCIM: Open Request Runner');
    const frame = await runnerFrame(page);
    await frame.locator('#trust-banner').waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#send').click();
    await captureOnFailure(page, 'untrusted-panel', () => frame.locator('#status-line', { hasText: 'Not sent: SCIM Workbench sends nothing from an untrusted workspace' }).waitFor({ timeout: 20_000 }));
    await screenshot(page, 'runner-untrusted');
    assert.deepEqual(seen, [], 'the server received nothing');
  });

  test('an OAuth application from the untrusted registry: Send reaches neither its token endpoint nor its server', async () => {
    const { page } = s;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'View: Close All Editors');
    await sendFromLens(page, 'collect-oauth.scim');
    assert.deepEqual(seen, [], 'neither the token endpoint nor the server received anything');
  });

  test('SCIM: Run Probes... on the untrusted registry runs nothing, sends nothing, and says why', async () => {
    const { page } = s;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'SCIM: Run Probes...');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'collector' }).first();
    await captureOnFailure(page, 'untrusted-probes-pick', () => row.waitFor({ timeout: 30_000 }));
    await row.click();
    await captureOnFailure(page, 'untrusted-probes', () => page.locator('.notification-toast', { hasText: 'runs no probes in an untrusted workspace' }).first().waitFor({ timeout: 20_000 }));
    assert.deepEqual(seen, [], 'the server received nothing');
  });

  test('the Run probes code lens and the Registry view\'s probe actions run nothing, send nothing, and say why', async () => {
    const { page } = s;
    const refused = async (what: string, click: () => Promise<void>): Promise<void> => {
      const notice = page.locator('.notification-toast', { hasText: 'runs no probes in an untrusted workspace' }).first();
      // The previous step's notice must be gone, or it would answer for this one.
      await runCommand(page, 'Notifications: Clear All Notifications');
      await notice.waitFor({ state: 'hidden', timeout: 20_000 });
      await captureOnFailure(page, `untrusted-${what}`, async () => {
        await click();
        await notice.waitFor({ timeout: 20_000 });
      });
      // Refused before any picker: no application or probe is asked for.
      assert.equal(await page.locator('.quick-input-widget').isVisible(), false, `${what}: no picker opened`);
    };
    await openFile(page, 'scim-registry.jsonc');
    await refused('probes-lens', async () => {
      const lens = page.locator('.codelens-decoration a', { hasText: 'Run probes' }).first();
      await lens.waitFor({ timeout: 45_000 });
      await lens.click();
    });
    const registry = await scimPane(page, 'Registry');
    await refused('probes-view-app', () => inlineAction(registry.locator('.monaco-list-row', { hasText: 'collector-oauth' }), 'Run Probes'));
    await refused('probes-view-registry', () => inlineAction(registry.locator('.monaco-list-row', { hasText: 'scim-registry.jsonc' }), 'Run All Probes for This Registry'));
    assert.deepEqual(seen, [], 'the server received nothing');
  });

  test('starting the local sandbox stays allowed; its registry sends nothing either while untrusted', async () => {
    const { page } = s;
    await runCommand(page, 'Notifications: Clear All Notifications');
    await runCommand(page, 'SCIM: Start Sandbox');
    // The item first reads "Starting the SCIM sandbox", then names the port: wait for the port.
    const item = page.locator('.statusbar-item', { hasText: /SCIM sandbox :\d+/ });
    await captureOnFailure(page, 'untrusted-sandbox', () => item.waitFor({ state: 'visible', timeout: 30_000 }));
    const port = /SCIM sandbox :(\d+)/.exec(await item.innerText())?.[1];
    assert.ok(port, await item.innerText());
    const root = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(root.status, 200, 'the sandbox runs and answers');

    await runCommand(page, 'SCIM: Open Request Runner');
    const frame = await runnerFrame(page);
    await frame.locator('#trust-banner').waitFor({ state: 'visible', timeout: 20_000 });
    await choose(frame, 'app', 'sandbox-strict');
    await frame.locator('#send').click();
    await frame.locator('#status-line', { hasText: 'Not sent: SCIM Workbench sends nothing from an untrusted workspace' }).waitFor({ timeout: 20_000 });
    assert.deepEqual(seen, []);

    await item.click();
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Stop sandbox' }).click();
    await item.waitFor({ state: 'hidden', timeout: 20_000 });
  });
});
