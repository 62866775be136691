// `npm run demo`: the main job on the embedded sandbox. Builds, starts the sandbox with a few preset applications
// on 127.0.0.1:4780 (the example registry points there), and opens examples/workspace in a real VS Code with the
// extension loaded: desktop VS Code when `code` is on PATH, otherwise the project's bundled VS Code server in the
// browser at a printed URL. `npm run demo -- --headless` prints every application's base URL, runs a request
// battery against each preset side by side, lints the example workspace, and exits.
// Ctrl-C (or SIGTERM) stops everything the demo started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { credentialLine, startSandbox, type AppSpec, type RunningSandbox } from '../src/sandbox';
import { main as cli } from '../src/cli/main';
import { freePort, startServer, workbenchUrl, type RunningServer } from '../test/harness/codeServer';

const root = resolve(__dirname, '..');
const workspace = join(root, 'examples/workspace');
export const demoPort = 4780;
export const demoProfiles = ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like', 'drifting'];
/**
 * Two RFC-strict applications that authenticate as many vendors do, with HTTP Basic and with an API key. Their
 * password and key are the sandbox token, so the example registry reaches them with the same secret `sandbox-token`.
 */
export const demoAuthApps: AppSpec[] = [
  { id: 'basic-auth', profile: 'strict', users: 500, groups: 20, auth: { type: 'basic', username: 'scim-demo' } },
  { id: 'api-key', profile: 'strict', users: 500, groups: 20, auth: { type: 'apiKey', header: 'X-API-Key' } },
];

const out = (t: string): void => { process.stdout.write(t); };

/**
 * slack-like refills at 2 requests per second here (the preset: 20), closer to Slack's per-minute tiers: a request
 * file read back to back in VS Code (examples/workspace/requests/slack-rate-limit.scim) meets its 429s on any
 * machine (even a busy one), not only on one fast enough to outrun 20 per second.
 */
export function demoQuirks(profile: string): { quirks?: { rateLimit: { requestsPerSecond: number; burst: number; retryAfter: boolean } } } {
  return profile === 'slack-like' ? { quirks: { rateLimit: { requestsPerSecond: 2, burst: 20, retryAfter: true } } } : {};
}

function build(): void {
  out('Building the extension and CLI...\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error('the build failed');
}

function hasDesktopCode(): boolean {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0 && !process.env.SCIMWB_DEMO_WEB;
}

async function lintExamples(signal: AbortSignal): Promise<number> {
  out(`\n$ scim-workbench lint examples/workspace\n`);
  return cli(['lint', 'examples/workspace'], { stdout: out, stderr: (t) => process.stderr.write(t), cwd: root, env: process.env, signal });
}

async function headless(signal: AbortSignal): Promise<number> {
  const { runHeadlessDemo } = await import('./demoHeadless');
  const battery = await runHeadlessDemo({ stdout: out }, signal);
  if (signal.aborted) return 130;
  const lint = await lintExamples(signal);
  return battery !== 0 ? battery : lint;
}

async function interactive(signal: AbortSignal): Promise<number> {
  const token = process.env.SCIMWB_DEMO_TOKEN ?? randomBytes(18).toString('base64url');
  let sandbox: RunningSandbox | undefined;
  let server: RunningServer | undefined;
  let desktop: ChildProcess | undefined;
  try {
    const apps = [...demoProfiles.map((p): AppSpec => ({ id: p, profile: p, users: 500, groups: 20, ...demoQuirks(p) })), ...demoAuthApps];
    sandbox = await startSandbox({ port: demoPort, token, seed: 7, apps })
      .catch((err: unknown) => {
        throw new Error(`cannot start the sandbox on 127.0.0.1:${demoPort} (the example registry points there; is another demo running?): ${String(err)}`);
      });
    out(`\nSandbox running at ${sandbox.url}\n`);
    for (const app of sandbox.apps) {
      const scheme = app.auth.type === 'bearer' ? '' : ` (${credentialLine(app.auth).split(token).join('<the token>')})`;
      out(`  ${app.id.padEnd(18)} ${app.baseUrl}${scheme}\n`);
    }
    out(`Bearer token, also the password and the API key above (passed to VS Code as the secret "sandbox-token"): ${token}\n\n`);
    // The extension reads a secret named `sandbox-token` from SecretStorage, or from SCIM_SECRET_SANDBOX_TOKEN.
    const env = { SCIM_SECRET_SANDBOX_TOKEN: token };
    if (hasDesktopCode()) {
      out('Opening desktop VS Code on examples/workspace with SCIM Workbench loaded...\n');
      desktop = spawn('code', ['--new-window', `--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit', env: { ...process.env, ...env } });
    } else {
      const { ensureCodeServer } = await import('./installTestRuntime.mjs');
      ensureCodeServer();
      const port = process.env.SCIMWB_DEMO_VSCODE_PORT ? Number(process.env.SCIMWB_DEMO_VSCODE_PORT) : await freePort();
      // The workspace's README.md opens first: a short tour of what to try.
      server = await startServer({ env, port, dataDir: join(root, '.test-runtime/demo'), settings: { 'workbench.startupEditor': 'readme' } });
      out(`VS Code (1.100.3, code-server's bundled server) with SCIM Workbench on examples/workspace:\n\n  ${workbenchUrl(server, workspace)}\n\n`);
    }
    out('Press Ctrl-C to stop the sandbox and VS Code.\n');
    await new Promise<void>((res) => {
      if (signal.aborted) res();
      signal.addEventListener('abort', () => res(), { once: true });
      server?.process.once('exit', () => res());
    });
    return 0;
  } finally {
    out('\nStopping...\n');
    desktop?.kill('SIGTERM');
    await server?.stop();
    await sandbox?.stop();
    out('Stopped.\n');
  }
}

async function run(): Promise<void> {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // `npm run demo` runs this through a shell: a SIGTERM sent to npm alone (a supervisor, a task runner) ends npm and
  // the shell but not this process, which would keep the sandbox and VS Code running. Stop when orphaned.
  const parent = process.ppid;
  const orphaned = setInterval(() => { if (process.ppid !== parent) stop(); }, 1000);
  orphaned.unref();
  try {
    build();
    process.exitCode = process.argv.includes('--headless') ? await headless(controller.signal) : await interactive(controller.signal);
  } catch (err) {
    process.stderr.write(`demo: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  } finally {
    clearInterval(orphaned);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

if (require.main === module) void run();
