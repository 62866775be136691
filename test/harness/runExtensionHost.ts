// Runs the extension-host suites (out/test/index.js, built from test/vscode) inside the real VS Code 1.100.3 of
// code-server, driven by Chromium. Same contract as @vscode/test-electron: the workbench loads the extension under
// development, calls run() from extensionTestsPath, and reports the end through window.codeAutomationExit(code).
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launchBrowser, workbenchUrl, repoRoot, artifactsDir } from './codeServer';

export interface SuiteResult { passes: number; failures: number; pending: number; failed: string[]; vscodeVersion?: string }

export async function runExtensionHostSuites(opts: { workspace?: string; grep?: string; resultsFile?: string } = {}): Promise<SuiteResult> {
  const workspace = opts.workspace ?? join(repoRoot, 'test/fixtures/workspace');
  const testsIndex = join(repoRoot, 'out/test/index.js');
  if (!existsSync(testsIndex)) throw new Error(`${testsIndex} is missing: run npm run build first`);
  mkdirSync(artifactsDir, { recursive: true });
  // Unique by default: several runs (developers, helpers) may share this checkout at once.
  const resultsFile = opts.resultsFile ?? join(artifactsDir, `extension-host-results-${process.pid}.json`);
  rmSync(resultsFile, { force: true });
  // The extension host inherits the server's environment: that is how the suites learn where to write.
  const server = await startServer({ env: { SCIMWB_TEST_RESULTS: resultsFile, ...(opts.grep ? { SCIMWB_TEST_GREP: opts.grep } : {}) } });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    let exitCode: number | undefined;
    const exited = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => { exitCode = code; resolve(code); });
    });
    page.on('console', (msg) => {
      const text = msg.text();
      // Mocha's reporter output is forwarded from the extension host to the page console.
      if (process.env.SCIMWB_DEBUG_CONSOLE) process.stderr.write(`[console] ${JSON.stringify(text)}\n`);
      const at = text.indexOf('SCIMWB| ');
      if (at >= 0) process.stdout.write(`  ${text.slice(at + 8)}\n`);
    });
    const url = workbenchUrl(server, workspace, [['extensionTestsPath', `vscode-remote://127.0.0.1:${server.port}${testsIndex}`]]);
    await page.goto(url);
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('extension-host suites did not finish within 10 minutes')), 600_000).unref());
    await Promise.race([exited, timeout]);
    if (!existsSync(resultsFile)) {
      throw new Error(`the extension host ended with code ${exitCode} without writing results: server log:\n${server.output().slice(-4000)}`);
    }
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteResult;
  } finally {
    await browser.close();
    await server.stop();
  }
}

if (require.main === module) {
  // Usage: runExtensionHost.ts [--results file] [grep]
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--results');
  const resultsFile = at >= 0 ? argv.splice(at, 2)[1] : undefined;
  runExtensionHostSuites({ grep: argv[0], resultsFile }).then((r) => {
    process.stdout.write(`extension host (VS Code ${r.vscodeVersion ?? '?'}): ${r.passes} passed, ${r.failures} failed\n`);
    process.exitCode = r.failures > 0 ? 1 : 0;
  }, (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  });
}
