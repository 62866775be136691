// The README's main job, as a user runs it: `npm run demo` starts the sandbox and a VS Code with the extension on
// examples/workspace, prints the URL; the workbench opens there; Ctrl-C stops everything it started.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, launchBrowser, repoRoot, waitFor } from '../harness/codeServer';
import { screenshot } from './workbenchUi';

let demo: ChildProcess | undefined;
after(() => { if (demo && demo.exitCode === null) demo.kill('SIGKILL'); });

test('npm run demo serves the sandbox and VS Code on the example workspace, and Ctrl-C stops both', async () => {
  const vscodePort = await freePort();
  let out = '';
  demo = spawn('npm', ['run', 'demo'], { cwd: repoRoot, env: { ...process.env, SCIMWB_DEMO_VSCODE_PORT: String(vscodePort), SCIMWB_DEMO_WEB: '1' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  demo.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  demo.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = await waitFor('the demo to print the VS Code URL', () => /^\s+(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/m.exec(out)?.[1], 180_000, 200)
    .catch((err: unknown) => { throw new Error(`${String(err)}\n--- demo output ---\n${out}`); });
  assert.match(out, /strict\s+http:\/\/127\.0\.0\.1:4780\/apps\/strict\/scim\/v2/);
  const token = /secret "sandbox-token"\): (\S+)/.exec(out)?.[1];
  assert.ok(token, 'the demo prints the bearer token');

  // The sandbox answers like a SCIM server, with the printed token.
  const spc = await fetch('http://127.0.0.1:4780/apps/strict/scim/v2/ServiceProviderConfig', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(spc.status, 200);
  // The Basic and API-key apps take the same token in their own schemes, as the example registry sends it.
  assert.match(out, /basic-auth\s+http:\/\/127\.0\.0\.1:4780\/apps\/basic-auth\/scim\/v2 \(HTTP Basic: username scim-demo, password <the token>\)/);
  assert.match(out, /api-key\s+http:\/\/127\.0\.0\.1:4780\/apps\/api-key\/scim\/v2 \(API key: header X-API-Key, key <the token>\)/);
  const basic = await fetch('http://127.0.0.1:4780/apps/basic-auth/scim/v2/Users?count=1', { headers: { authorization: `Basic ${Buffer.from(`scim-demo:${token}`).toString('base64')}` } });
  assert.equal(basic.status, 200);
  assert.equal((await fetch('http://127.0.0.1:4780/apps/api-key/scim/v2/Users?count=1', { headers: { 'x-api-key': token } })).status, 200);
  assert.equal((await fetch('http://127.0.0.1:4780/apps/api-key/scim/v2/Users?count=1', { headers: { authorization: `Bearer ${token}` } })).status, 401);

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.activitybar a.action-label[aria-label="SCIM Workbench"]').click({ timeout: 60_000 });
    await page.locator('.part.sidebar .pane-header', { hasText: 'Registry' }).waitFor({ timeout: 30_000 });
    // The example registry's applications, which point at the sandbox the demo started.
    await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Strict' }).first().waitFor({ timeout: 60_000 });
    // The workspace's tour README opens first, rendered in the Markdown preview (a webview).
    await waitFor('the tour README in the Markdown preview', async () => {
      const texts = await Promise.all(page.frames().map((f) => f.evaluate(() => document.body?.innerText ?? '').catch(() => '')));
      return texts.some((t) => t.includes('SCIM Workbench example workspace')) ? true : undefined;
    }, 60_000, 250);
    await screenshot(page, 'demo-workbench');
  } finally {
    await browser.close();
  }

  // Ctrl-C: the npm process group gets SIGINT, as in a terminal.
  process.kill(-(demo.pid ?? 0), 'SIGINT');
  await waitFor('the demo to exit', () => (demo?.exitCode !== null || demo?.signalCode !== null ? true : undefined), 30_000);
  assert.match(out, /Stopped\./);
  await waitFor('port 4780 to close', async () => (await fetch('http://127.0.0.1:4780/').then(() => undefined, () => true)), 10_000);
  await waitFor(`port ${vscodePort} to close`, async () => (await fetch(`http://127.0.0.1:${vscodePort}/version`).then(() => undefined, () => true)), 10_000);
});
