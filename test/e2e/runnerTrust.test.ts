// Restricted mode: in a workspace the user does not trust, nothing is sent — not from a request file's Send lens,
// not from the runner panel — so a registry in an untrusted folder can never carry a stored secret anywhere. The
// test's server counts every request (there must be none) and the user is told why.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureOnFailure, openSession, runCommand, screenshot, type Session } from './workbenchUi';
import { runnerFrame } from './runnerWorkspace';

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
      applications: [{ id: 'collector', baseUrl: `http://127.0.0.1:${port}/scim/v2`, auth: { type: 'bearer', secret: 'sandbox-token' } }],
    }, null, 2));
    mkdirSync(join(folder, 'requests'));
    writeFileSync(join(folder, 'requests', 'collect.scim'), '# @app collector\n\n### would carry the token\nGET /Users\n');
    s = await openSession(folder, { settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'always' }, env: { SCIM_SECRET_SANDBOX_TOKEN: 'victim-token-a81f3c' } });
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
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('collect.scim');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'collect.scim' }).first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Enter');
    const lens = page.locator('.codelens-decoration a', { hasText: 'Send' }).first();
    await captureOnFailure(page, 'untrusted-lens', () => lens.waitFor({ timeout: 30_000 }));
    await lens.click();
    await page.locator('.notification-toast', { hasText: 'sends nothing from an untrusted workspace' }).first().waitFor({ timeout: 20_000 });

    await runCommand(page, 'SCIM: Open Request Runner');
    const frame = await runnerFrame(page);
    await frame.locator('#trust-banner').waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#send').click();
    await captureOnFailure(page, 'untrusted-panel', () => frame.locator('#status-line', { hasText: 'Not sent: SCIM Workbench sends nothing from an untrusted workspace' }).waitFor({ timeout: 20_000 }));
    await screenshot(page, 'runner-untrusted');
    assert.deepEqual(seen, [], 'the server received nothing');
  });
});
