#!/usr/bin/env node
// Copies the UI tests' screenshots that the README shows from .artifacts/screenshots/ to docs/screenshots/.
// Tests never write into the tracked tree; run `npm run test:e2e && npm run screenshots` to refresh the README's.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shown = ['sidebar-views.png', 'payload-hover.png', 'registry-view.png', 'sandbox-running.png', 'demo-workbench.png',
  'runner-409.png', 'request-file-409.png', 'request-file-429.png', 'saved-response-hover.png', 'probe-results.png',
  'probe-confirm.png'];
mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
for (const name of shown) {
  const from = join(root, '.artifacts/screenshots', name);
  if (!existsSync(from)) { process.stderr.write(`missing ${from} (run npm run test:e2e)\n`); process.exitCode = 1; continue; }
  copyFileSync(from, join(root, 'docs/screenshots', name));
  process.stdout.write(`docs/screenshots/${name}\n`);
}
