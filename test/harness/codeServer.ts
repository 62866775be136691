// Starts code-server's bundled VS Code server (1.100.3) and Debian's Chromium through playwright-core, as
// ../shared/RUNTIME.md describes. Used by the extension-host runner, the UI tests and the demo.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { waitFor } from './waitFor';

export { waitFor };

export const repoRoot = resolve(__dirname, '..', '..');
export const runtimeDir = join(repoRoot, '.test-runtime');
export const serverMain = join(runtimeDir, 'code-server/node_modules/code-server/lib/vscode/out/server-main.js');
export const chromiumPath = process.env.SCIMWB_CHROMIUM ?? '/usr/bin/chromium';
export const artifactsDir = join(repoRoot, '.artifacts');

export const quietSettings = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // examples/ and test/fixtures/ sit inside this repository: do not offer to open the parent git repository.
  'git.openRepositoryInParentFolders': 'never',
};

export interface RunningServer {
  port: number;
  url: string;
  dataDir: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

export function assertRuntime(): void {
  if (!existsSync(serverMain) || !existsSync(chromiumPath)) {
    throw new Error(`the VS Code test runtime is not installed (${existsSync(serverMain) ? chromiumPath : serverMain} missing): ` +
      'run `npm run test:runtime` (npm test does it for you)');
  }
}


export interface ServerOptions {
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  extensionsDir?: string;
  /** Keep the data dir (the demo does, so a user's state survives a restart). */
  dataDir?: string;
  port?: number;
  /**
   * Let the workbench show its dialogs (modal messages, confirmations). The smoke-test driver, on by default,
   * makes VS Code's DialogService refuse every prompt and answer every confirm with yes; the UI tests that assert
   * a modal start without it (they never use window.driver).
   */
  dialogs?: boolean;
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  assertRuntime();
  mkdirSync(runtimeDir, { recursive: true });
  const dataDir = opts.dataDir ?? mkdtempSync(join(runtimeDir, 'run-'));
  const userDataDir = join(dataDir, 'user-data');
  // The web workbench reads user settings from the server's user-data dir.
  for (const dir of [join(userDataDir, 'User'), join(userDataDir, 'data', 'User')]) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...quietSettings, ...opts.settings }, null, 2));
  }
  const extensionsDir = opts.extensionsDir ?? join(dataDir, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const child = spawn(process.execPath, [
    serverMain, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', ...(opts.dialogs ? [] : ['--enable-smoke-test-driver']), '--disable-telemetry',
    // Workspace trust stays off unless a test turns it on in the settings (the restricted-mode tests).
    ...(opts.settings?.['security.workspace.trust.enabled'] === true ? [] : ['--disable-workspace-trust']),
    '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--server-data-dir', join(dataDir, 'server-data'),
  ], {
    env: { ...process.env, TMPDIR: join(runtimeDir, 'tmp'), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  mkdirSync(join(runtimeDir, 'tmp'), { recursive: true });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  const url = `http://127.0.0.1:${port}`;
  await waitFor('the VS Code server to answer', async () => {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    const res = await fetch(`${url}/version`).catch(() => undefined);
    return res && res.status < 500 ? true : undefined;
  }, 60_000, 150);
  return {
    port, url, dataDir, process: child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await waitFor('the VS Code server to exit', () => (child.exitCode !== null || child.signalCode !== null ? true : undefined), 10_000)
          .catch(() => { child.kill('SIGKILL'); });
      }
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  // playwright-core gives every launch a fresh, temporary profile.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The URL that opens `folder` with this repository loaded as an extension under development. */
export function workbenchUrl(server: RunningServer, folder: string, extra: [string, string][] = []): string {
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${server.port}${repoRoot}`],
    ...extra,
  ];
  return `${server.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}
