// The extension-host entry point (`extensionTestsPath`): runs every suite bundled next to it with mocha, inside
// the real VS Code, and writes a result file for the runner outside (code-server) to read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  // Reporter lines reach the runner through the page console; one pre-formatted string per line with a marker
  // keeps them readable there (the console forwarding does not apply printf-style formatting).
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  base.consoleLog = (...args: unknown[]) => { console.log(`SCIMWB| ${format(...args)}`); };
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  const grep = process.env.SCIMWB_TEST_GREP;
  if (grep) mocha.grep(grep);
  const dir = __dirname;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(dir, file));
  }
  const result = { passes: 0, failures: 0, pending: 0, failed: [] as string[], vscodeVersion: vscode.version };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', () => { result.passes++; });
    runner.on('pending', () => { result.pending++; });
    runner.on('fail', (test, err: unknown) => {
      result.failures++;
      result.failed.push(`${test.fullTitle()}: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  const out = process.env.SCIMWB_TEST_RESULTS;
  if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
  if (result.failures > 0) throw new Error(`${result.failures} extension-host test(s) failed`);
}
