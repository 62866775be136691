// Issue 12: no secret value in any report, transcript or output. `scim-workbench probe` runs a fleet with a bearer
// token, an OAuth 2.0 client-credentials app (the sandbox's token endpoint) and a sandbox app that takes HTTP Basic,
// every output on; then
// stdout, stderr (progress shown as on a terminal), the JSON, JUnit, SARIF and Markdown reports, the journals and the
// written-back registry are searched for each secret, its base64 and URL-encoded forms, and `Basic base64(user:pass)`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { captureIO } from '../helpers/cliIO';
import { leakForms } from '../http/helpers';

const BEARER = 'bearer-Xq7-Pz4k-distinctive-9031';
const BASIC_USER = 'scimwb-basic-operator';
const BASIC_PASSWORD = 'basic-Wv2$Lm8n-distinctive:7745';

let sb: RunningSandbox;
let dir: string;

before(async () => {
  sb = await startSandbox({
    apps: [{ id: 'bearer-app', users: 15 }, { id: 'oauth-app', users: 15 }, { id: 'basic-app', users: 5, auth: { type: 'basic', username: BASIC_USER, password: BASIC_PASSWORD } }],
    token: BEARER, seed: 5,
  });
  dir = mkdtempSync(join(tmpdir(), 'scimwb-probe-secrets-'));
  const app = (id: string) => sb.apps.find((a) => a.id === id)!;
  const oauth = app('oauth-app');
  writeFileSync(join(dir, 'scim-registry.jsonc'), JSON.stringify({
    applications: [
      { id: 'bearer-app', baseUrl: app('bearer-app').baseUrl, environment: 'sandbox', auth: { type: 'bearer', secret: 'bearer-secret' }, probe: { allowWrites: true } },
      {
        id: 'oauth-app', baseUrl: oauth.baseUrl, environment: 'sandbox', probe: { allowWrites: true },
        auth: { type: 'oauth2ClientCredentials', tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, secret: 'oauth-secret' },
      },
      { id: 'basic-app', baseUrl: app('basic-app').baseUrl, environment: 'sandbox', auth: { type: 'basic', username: BASIC_USER, secret: 'basic-secret' }, probe: {} },
    ],
  }, null, 2));
});
after(async () => {
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
});

function filesUnder(path: string): string[] {
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

test('probe with bearer, oauth2ClientCredentials and basic: no secret in stdout, stderr, reports, journals or the registry', async () => {
  const oauth = sb.apps.find((a) => a.id === 'oauth-app')!;
  const io = captureIO(dir, {
    SCIM_SECRET_BEARER_SECRET: BEARER,
    SCIM_SECRET_OAUTH_SECRET: oauth.clientSecret,
    SCIM_SECRET_BASIC_SECRET: BASIC_PASSWORD,
  });
  io.stderrIsTTY = true;
  const code = await main(['probe', 'scim-registry.jsonc', '--app', 'bearer-app', '--app', 'oauth-app', '--app', 'basic-app',
    '--only', 'discovery,pagination,errors', '--page-size', '10', '--write-back',
    '--json', 'out/report.json', '--junit', 'out/junit.xml', '--sarif', 'out/probe.sarif', '--markdown', 'out/evidence.md'], io);

  // The run really authenticated with each secret, so there was something to leak.
  assert.ok(code === 0 || code === 1, `exit ${code}: ${io.out}${io.err}`);
  const report = (app: string) => JSON.parse(readFileSync(join(dir, 'out', `report.${app}.json`), 'utf8')) as {
    probes: { probe: string; status: string }[]; transcript: { request: { headers: Record<string, string> }; response?: { status: number } }[];
  };
  for (const app of ['bearer-app', 'oauth-app', 'basic-app']) {
    assert.equal(report(app).probes.find((p) => p.probe === 'pagination')?.status, 'pass', app);
  }
  const basic = report('basic-app').transcript;
  assert.ok(basic.some((x) => /^Basic /.test(x.request.headers['authorization'] ?? '') && x.response?.status === 200), 'basic auth was sent and accepted (redacted in the transcript)');
  assert.ok(basic.some((x) => x.response?.status === 401), 'the errors probe\'s wrong credential was refused, so a 401 is in the transcript too');
  assert.ok(io.err.includes('[oauth-app]'), 'progress was printed');

  const forms = [
    ...leakForms(BEARER),
    ...leakForms(oauth.clientSecret, oauth.clientId),
    ...leakForms(BASIC_PASSWORD, BASIC_USER),
    `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`,
    `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`).toString('base64')}`,
  ];
  const outputs: [string, string][] = [['stdout', io.out], ['stderr', io.err], ...filesUnder(dir).map((f): [string, string] => [f, readFileSync(f, 'utf8')])];
  const names = outputs.map(([n]) => n.slice(dir.length + 1));
  for (const expected of ['out/report.bearer-app.json', 'out/report.oauth-app.json', 'out/report.basic-app.json', 'out/junit.xml', 'out/probe.sarif',
    'out/evidence.bearer-app.md', 'scim-registry.jsonc', '.scim-workbench/probe-journal/oauth-app.json']) {
    assert.ok(names.includes(expected), `${expected} was written (got ${names.join(', ')})`);
  }
  assert.match(readFileSync(join(dir, 'scim-registry.jsonc'), 'utf8'), /"observed"/, 'write-back wrote the registry');
  for (const [name, text] of outputs) {
    for (const form of forms) assert.ok(!text.includes(form), `${name} contains a secret (${form.slice(0, 6)}...)`);
  }
});
