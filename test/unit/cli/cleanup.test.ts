// `scim-workbench cleanup`: after a probe run killed with SIGKILL (the journal is all that is left), it removes
// every test user the run created and empties the journal; it refuses what no longer carries the journalled name
// and says why (exit 1); nothing to do is exit 0; a missing secret is exit 2. The sandbox's write log shows no
// write outside the test prefix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../../src/cli/main';
import { CleanupJournal, fileJournalStore } from '../../../src/core/probes';
import type { RunningSandbox } from '../../../src/sandbox';
import { waitFor } from '../../harness/waitFor';
import { TOKEN } from '../probes/helpers';
import { startApps } from '../probes/p1Helpers';
import { captureIO } from '../helpers/cliIO';
import { assertNoLeak } from '../http/helpers';

const root = join(__dirname, '..', '..', '..');
let sb: RunningSandbox;
let dir: string;
const env = { SCIM_SECRET_PROBE_TOKEN: TOKEN };
const journalPath = (): string => join(dir, '.scim-workbench', 'probe-journal', 'strict.json');

before(async () => {
  sb = await startApps([{ id: 'strict' }], { users: 20 });
  dir = mkdtempSync(join(tmpdir(), 'scimwb-cleanup-cli-'));
  // A slow client (3 requests a second) keeps the probe's test users on the server long enough to be killed.
  writeFileSync(join(dir, 'scim-registry.jsonc'), JSON.stringify({
    applications: [{
      id: 'strict', baseUrl: sb.apps[0]!.baseUrl, environment: 'sandbox', auth: { type: 'bearer', secret: 'probe-token' },
      probe: { allowWrites: true }, rateLimit: { requestsPerSecond: 3, burst: 1 },
    }],
  }, null, 2));
});
after(async () => {
  await sb.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function probeUsers(): Promise<string[]> {
  const names: string[] = [];
  for (const attr of ['userName', 'externalId']) {
    const r = await fetch(`${sb.apps[0]!.baseUrl}/Users?count=100&filter=${encodeURIComponent(`${attr} sw "scimwb-probe-"`)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await r.json()) as { Resources?: { userName?: string; externalId?: string }[] };
    names.push(...(body.Resources ?? []).map((u) => u.userName ?? u.externalId ?? '?'));
  }
  return [...new Set(names)];
}

async function cleanup(args: string[], e: Record<string, string> = env): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir, e);
  const code = await main(['cleanup', 'scim-registry.jsonc', ...args], io);
  assertNoLeak('CLI output', io.out + io.err, [TOKEN]);
  return { code, out: io.out, err: io.err };
}

describe('scim-workbench cleanup', () => {
  test('after a probe run killed with SIGKILL, it removes the run\'s test users and empties the journal', async () => {
    // The CLI from its sources (tsx by path: the child runs in the temporary directory).
    const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
    const child = spawn(process.execPath, ['--import', tsx, join(root, 'src', 'cli', 'index.ts'), 'probe', 'scim-registry.jsonc', '--app', 'strict', '--only', 'errors'], {
      cwd: dir, env: { ...process.env, ...env }, stdio: 'ignore',
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const journalled = (): boolean => {
      if (!existsSync(journalPath())) return false;
      try {
        return (JSON.parse(readFileSync(journalPath(), 'utf8')) as { entries: { id?: string }[] }).entries.some((e) => e.id !== undefined);
      } catch {
        return false;
      }
    };
    await waitFor('the probe run journals a created user', journalled, 60_000, 5);
    child.kill('SIGKILL');
    await exited;
    const left = await probeUsers();
    assert.ok(left.length >= 1, 'the killed run left a test user behind');

    const r = await cleanup(['--app', 'strict']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /strict: \d+ test resource\(s\) in .*strict\.json\n/);
    assert.match(r.out, /strict: removed (\d+) of \1\n/);
    assert.deepEqual(await probeUsers(), []);
    assert.deepEqual((JSON.parse(readFileSync(journalPath(), 'utf8')) as { entries: unknown[] }).entries, []);

    const again = await cleanup(['--app', 'strict']);
    assert.equal(again.code, 0);
    assert.match(again.out, /strict: nothing to clean up/);
    // The sandbox's write log: the killed run and the cleanup wrote only to the probe's own users (or ids that do not exist).
    const writes = sb.apps[0]!.writes();
    assert.ok(writes.length > 0);
    const foreign = writes.filter((w) => (w.method === 'POST' ? w.name !== undefined && !w.name.startsWith('scimwb-probe-') : w.existed && !(w.name ?? '').startsWith('scimwb-probe-'))
      || (w.nameAfter !== undefined && !w.nameAfter.startsWith('scimwb-probe-')));
    assert.deepEqual(foreign, []);
  });

  test('a resource that no longer carries its journalled name is not touched: exit 1, with why', async () => {
    const journal = new CleanupJournal(fileJournalStore(journalPath()), 'strict', sb.apps[0]!.baseUrl);
    const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' };
    const created = await fetch(`${sb.apps[0]!.baseUrl}/Users`, { method: 'POST', headers, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scimwb-probe-r1-x-1' }) });
    const id = ((await created.json()) as { id: string }).id;
    journal.created(journal.intend('r1', 'Users', 'scimwb-probe-r1-x-1'), id);
    await fetch(`${sb.apps[0]!.baseUrl}/Users/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'userName', value: 'taken.over@example.com' }] }) });
    const r = await cleanup(['--app', 'strict']);
    assert.equal(r.code, 1);
    assert.match(r.out, /NOT removed: Users scimwb-probe-r1-x-1 \([0-9a-f-]+\): the server's resource [0-9a-f-]+ is now named "taken.over@example.com", not "scimwb-probe-r1-x-1"; not touched/);
    const still = await fetch(`${sb.apps[0]!.baseUrl}/Users/${id}`, { headers });
    assert.equal(still.status, 200);
    journal.removed(journal.pending()[0]!);
  });

  test('a missing secret is exit 2, naming the variable; a damaged journal is exit 2, naming the file', async () => {
    const missing = await cleanup(['--app', 'strict'], {});
    assert.equal(missing.code, 2);
    assert.match(missing.err, /SCIM_SECRET_PROBE_TOKEN/);
    writeFileSync(journalPath(), '{ not json');
    try {
      const damaged = await cleanup(['--app', 'strict']);
      assert.equal(damaged.code, 2);
      assert.match(damaged.err, /strict\.json is not valid JSON/);
    } finally {
      rmSync(journalPath());
    }
  });
});
