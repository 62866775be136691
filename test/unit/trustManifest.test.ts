// What VS Code reads before running any of our code in an untrusted folder: the manifest declares limited support,
// says why in the words users see in the Restricted Mode dialog, and keeps the CA file (a path that changes which
// servers are believed) out of workspace settings. The behaviour itself is tested in test/e2e/runnerTrust.test.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: unknown; restrictedConfigurations?: unknown } };
  contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } | { properties?: Record<string, { scope?: string }> }[] };
};

test('untrustedWorkspaces: limited, with a description that says nothing is sent', () => {
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.equal(typeof trust?.description, 'string');
  assert.match(trust?.description as string, /sends nothing/);
  assert.match(trust?.description as string, /secret/);
});

test('restricted settings: the CA file, and each one names a contributed setting', () => {
  const restricted = pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations;
  assert.ok(Array.isArray(restricted));
  assert.ok(restricted.includes('scimWorkbench.http.caFile'));
  const configs = pkg.contributes?.configuration;
  const properties = Object.assign({}, ...(Array.isArray(configs) ? configs : [configs]).map((c) => c?.properties ?? {})) as Record<string, unknown>;
  for (const name of restricted) assert.ok(name in properties, `${String(name)} is a contributed setting`);
});
