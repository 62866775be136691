// `scim-workbench probe` in-process against a sandbox: exit codes 0/1/2, report files, a fleet run with its
// summary table, --all, write-back that keeps comments and promotes only on request, progress on a terminal only,
// Ctrl-C, and no secret (nor its base64) anywhere in what it prints or writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseRegistry } from '../../../src/core/registry';
import type { RequestLogEntry, RunningSandbox } from '../../../src/sandbox';
import { startApps } from '../probes/p1Helpers';
import { TOKEN } from '../probes/helpers';
import { captureIO } from '../helpers/cliIO';
import { assertNoLeak } from '../http/helpers';

let sb: RunningSandbox;
let dir: string;
let registry: string;
const log: RequestLogEntry[] = [];
const env = { SCIM_SECRET_PROBE_TOKEN: TOKEN };

function registryText(): string {
  const entry = (id: string, extra: string): string => {
    const a = sb.apps.find((x) => x.id === id)!;
    return `    {\n      "id": "${id}", // ${id} in the sandbox\n      "baseUrl": "${a.baseUrl}",\n      "environment": "sandbox",\n      "auth": { "type": "bearer", "secret": "probe-token" }${extra}\n    }`;
  };
  return [
    '// Probe targets for the CLI tests',
    '{',
    '  "applications": [',
    [
      entry('strict', ',\n      "probe": { "allowWrites": true }'),
      entry('aws-like', ',\n      "probe": {},\n      "pagination": {\n        "maxPageSize": 100 // what the vendor told us\n      }'),
      entry('unprobed', ''),
    ].join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

before(async () => {
  sb = await startApps([{ id: 'strict' }, { id: 'aws-like', profile: 'aws-like', users: 120 }, { id: 'unprobed' }], { users: 40, onRequest: (e) => log.push(e) });
  dir = mkdtempSync(join(tmpdir(), 'scimwb-probe-cli-'));
  registry = join(dir, 'scim-registry.jsonc');
  writeFileSync(registry, registryText());
});
after(async () => {
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function probe(args: string[], opts: { env?: Record<string, string>; tty?: boolean; signal?: AbortSignal } = {}): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir, opts.env ?? env);
  if (opts.tty) io.stderrIsTTY = true;
  if (opts.signal) io.signal = opts.signal;
  const code = await main(['probe', 'scim-registry.jsonc', ...args], io);
  assertNoLeak('CLI output', io.out + io.err, [TOKEN]);
  return { code, out: io.out, err: io.err };
}

function filesUnder(path: string): string[] {
  return readdirSync(path, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('scim-workbench probe', () => {
  test('one application, every report format: exit 0, results on stdout, files written, journal beside the registry', async () => {
    const r = await probe(['--app', 'strict', '--only', 'pagination,errors', '--page-size', '20',
      '--json', 'out/strict.json', '--junit', 'out/junit.xml', '--markdown', 'out/strict.md', '--sarif', 'out/probe.sarif']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^strict {2}http:\/\/127\.0\.0\.1:\d+\/apps\/strict\/scim\/v2 {2}\(run \w+, idp rfc, writes allowed\)\n/);
    assert.match(r.out, /\n {2}pagination +pass +40 users in 2 pages/);
    assert.match(r.out, /cleanup: \d+ test resources created, \d+ removed\n/);
    for (const f of ['out/strict.json', 'out/junit.xml', 'out/strict.md', 'out/probe.sarif']) assert.ok(existsSync(join(dir, f)), f);
    const report = JSON.parse(readFileSync(join(dir, 'out/strict.json'), 'utf8')) as { app: string; probes: { probe: string }[] };
    assert.deepEqual(report.probes.map((p) => p.probe), ['discovery', 'pagination', 'errors']);
    const sarif = JSON.parse(readFileSync(join(dir, 'out/probe.sarif'), 'utf8')) as { runs: unknown[] };
    assert.equal(sarif.runs.length, 1);
    assert.equal(r.err, '', 'no progress when stderr is not a terminal');
    const journal = join(dir, '.scim-workbench', 'probe-journal', 'strict.json');
    assert.deepEqual((JSON.parse(readFileSync(journal, 'utf8')) as { entries: unknown[] }).entries, []);
    assert.match(readFileSync(join(dir, '.scim-workbench', 'probe-journal', '.gitignore'), 'utf8'), /^\*$/m);
    for (const f of filesUnder(dir)) {
      const text = readFileSync(f, 'utf8');
      assertNoLeak(f, text, [TOKEN]);
    }
  });

  test('error findings exit 1; JUnit fails exactly there', async () => {
    const r = await probe(['--app', 'aws-like', '--only', 'pagination', '--junit', 'out/aws.xml']);
    assert.equal(r.code, 1);
    assert.match(r.out, /error +PAGE_NOT_ADVANCING/);
    assert.match(readFileSync(join(dir, 'out/aws.xml'), 'utf8'), /<failure message="[^"]*" type="[^"]*PAGE_NOT_ADVANCING/);
  });

  test('a fleet: several at once, one report per application, a summary table, the exit code covers them all', async () => {
    const r = await probe(['--app', 'strict', '--app', 'aws-like', '--concurrency', '2', '--only', 'pagination', '--json', 'fleet/report.json', '--junit', 'fleet/junit.xml']);
    assert.equal(r.code, 1);
    assert.match(r.out, /application +verdict +errors +warnings +info +probes +removed\n/);
    assert.match(r.out, /\nstrict +pass +0 +0 +0 +2 pass +0\/0\n/);
    assert.match(r.out, /\naws-like +fail +1 +\d+ +\d+ +1 fail, 1 pass/);
    assert.ok(existsSync(join(dir, 'fleet/report.strict.json')));
    assert.ok(existsSync(join(dir, 'fleet/report.aws-like.json')));
    const junit = readFileSync(join(dir, 'fleet/junit.xml'), 'utf8');
    assert.match(junit, /<testsuite name="strict\.pagination"/);
    assert.match(junit, /<testsuite name="aws-like\.pagination"/);
  });

  test('--all probes the applications with "probe" settings and says which it leaves out', async () => {
    const before = log.length;
    const r = await probe(['--all', '--only', 'discovery']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.err, /--all leaves out unprobed/);
    const apps = new Set(log.slice(before).map((e) => e.appId));
    assert.deepEqual([...apps].sort(), ['aws-like', 'strict']);
  });

  test('usage and configuration errors exit 2 and send nothing; a missing secret names its variable', async () => {
    const before = log.length;
    const cases: [string[], RegExp, Record<string, string>?][] = [
      [['--app', 'nope'], /unknown application 'nope'.*it has: strict, aws-like, unprobed/],
      [['--app', 'strict', '--only', 'paging'], /unknown probe 'paging'/],
      [['--app', 'strict', '--promote'], /--promote goes with --write-back/],
      [['--app', 'strict', '--concurrency', '0'], /--concurrency must be a positive whole number/],
      [[], /name an application with --app/],
      [['--app', 'strict'], /SCIM_SECRET_PROBE_TOKEN/, {}],
    ];
    for (const [args, message, e] of cases) {
      const r = await probe(args, e ? { env: e } : {});
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
    }
    assert.equal(log.length, before, 'nothing was sent');
  });

  test('--write-back records observations and keeps comments; drift is printed; --promote changes declared fields', async () => {
    const original = readFileSync(registry, 'utf8');
    try {
      const r = await probe(['--app', 'aws-like', '--only', 'pagination', '--write-back']);
      assert.equal(r.code, 1);
      assert.match(r.out, /drift aws-like: pagination\.maxPageSize is declared 100 but the pagination probe observed 50 .*\(--promote to update it\)/);
      assert.match(r.out, /updated scim-registry\.jsonc/);
      const text = readFileSync(registry, 'utf8');
      assert.ok(text.includes('// Probe targets for the CLI tests'));
      assert.ok(text.includes('"maxPageSize": 100 // what the vendor told us'));
      const app = parseRegistry(text).applications.find((a) => a.app.id === 'aws-like')!.app;
      assert.equal(app.observed?.['pagination']?.verdict, 'fail');
      assert.deepEqual(app.observed?.['pagination']?.findingCodes, ['PAGE_NOT_ADVANCING', 'PAGE_SIZE_CAPPED', 'REGISTRY_DRIFT']);
      assert.equal(app.pagination?.maxPageSize, 100);
      // Everything outside the aws-like entry is byte for byte as it was.
      assert.ok(text.startsWith(original.slice(0, original.indexOf('"id": "aws-like"'))));

      const promoted = await probe(['--app', 'aws-like', '--only', 'pagination', '--write-back', '--promote']);
      assert.doesNotMatch(promoted.out, /--promote to update it/);
      const after = parseRegistry(readFileSync(registry, 'utf8')).applications.find((a) => a.app.id === 'aws-like')!.app;
      assert.equal(after.pagination?.maxPageSize, 50);
      assert.ok(readFileSync(registry, 'utf8').includes('// what the vendor told us'));
    } finally {
      writeFileSync(registry, original);
    }
  });

  test('a run that observes nothing leaves the registry file untouched', async () => {
    const original = readFileSync(registry, 'utf8');
    const cancelled = new AbortController();
    cancelled.abort();
    const r = await probe(['--app', 'strict', '--only', 'pagination', '--write-back'], { signal: cancelled.signal });
    assert.equal(r.code, 1);
    assert.match(r.out, /the run was cancelled/);
    assert.match(r.out, /scim-registry\.jsonc unchanged/);
    assert.equal(readFileSync(registry, 'utf8'), original);
  });

  test('progress on a terminal: a line per probe and a counter during walks; --quiet silences it', async () => {
    const r = await probe(['--app', 'strict', '--only', 'pagination', '--page-size', '10'], { tty: true });
    // A line per probe (discovery runs first, as pagination needs it), then the walk's counter rewriting one line.
    assert.match(r.err, /^\[strict\] discovery: Reading ServiceProviderConfig, ResourceTypes and Schemas\.\.\.\n/);
    assert.match(r.err, /\[strict\] pagination: Walking the Users collection page by page\.\.\.\n/);
    assert.match(r.err, /\r\x1b\[K\[strict\] pagination: walking by startIndex: page 2, 20 resources \(20\/40\)/);
    const quiet = await probe(['--app', 'strict', '--only', 'pagination', '--quiet'], { tty: true });
    assert.equal(quiet.err, '');
  });

  test('Ctrl-C during a run: exit 1, the run says it was cancelled, and its test users are removed', async () => {
    const controller = new AbortController();
    const io = captureIO(dir, env);
    io.stderrIsTTY = true;
    io.signal = controller.signal;
    const write = io.stderr.bind(io);
    io.stderr = (t: string) => {
      write(t);
      if (t.includes('errors: Checking error answers')) setTimeout(() => controller.abort(), 5);
    };
    const code = await main(['probe', 'scim-registry.jsonc', '--app', 'strict', '--only', 'errors'], io);
    assert.equal(code, 1);
    assert.match(io.out, /the run was cancelled/);
    const journal = JSON.parse(readFileSync(join(dir, '.scim-workbench', 'probe-journal', 'strict.json'), 'utf8')) as { entries: unknown[] };
    assert.deepEqual(journal.entries, []);
    const users = await fetch(`${sb.apps[0]!.baseUrl}/Users?filter=${encodeURIComponent('userName sw "scimwb-probe-"')}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(((await users.json()) as { totalResults: number }).totalResults, 0);
  });
});
