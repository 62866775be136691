// The same extension-host suites through @vscode/test-electron, for machines that can download VS Code
// (a developer laptop with internet). Here (no route to the update server) `npm test` uses code-server instead.
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer';

async function main(): Promise<void> {
  const version = process.env.SCIMWB_VSCODE_VERSION ?? '1.100.3';
  await runTests({
    version,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out/test/index.js'),
    launchArgs: [join(repoRoot, 'test/fixtures/workspace'), '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  const offline = /ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(message);
  process.stderr.write(`${message}\n${offline ? '@vscode/test-electron could not download VS Code from here; `npm run test:vscode` runs the same suites in code-server\'s bundled VS Code instead.\n' : ''}`);
  process.exitCode = 1;
});
