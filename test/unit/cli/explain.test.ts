// `scim-workbench explain`: every body of the vendor corpus explained through the CLI (exit 0), the JSON form,
// standard input, raw HTTP and saved transcripts, registry matches, and usage errors (exit 2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';
import { corpus, corpusDir } from '../inspect/corpus';

const root = join(__dirname, '..', '..', '..');

async function explain(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(root, {});
  if (stdin !== undefined) Object.assign(io, { stdin: () => Promise.resolve(stdin) });
  const code = await main(['explain', ...args], io);
  return { code, out: io.out, err: io.err };
}

test('explains every body of the vendor corpus, text and JSON', async () => {
  for (const entry of corpus) {
    const args = [join(corpusDir, entry.file), ...(entry.status !== null ? ['--status', String(entry.status)] : [])];
    for (const [k, v] of Object.entries(entry.headers ?? {})) args.push('--header', `${k}: ${v}`);
    const text = await explain(args);
    assert.equal(text.code, 0, `${entry.id}: ${text.err}`);
    assert.match(text.out, new RegExp(`^Explanation: .*${entry.expect.category}`), entry.id);
    const json = await explain([...args, '--json']);
    const x = JSON.parse(json.out) as { category: string; bodyKind: string; deviations: { code: string }[] };
    assert.equal(x.category, entry.expect.category, entry.id);
    assert.equal(x.bodyKind, entry.expect.bodyKind, entry.id);
    for (const code of entry.expect.deviations) assert.match(text.out, new RegExp(code), `${entry.id} prints ${code}`);
  }
});

test('reads standard input, raw HTTP and a saved transcript; the status may come from the body', async () => {
  const stdin = await explain(['-', '--json'], '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404","detail":"gone"}');
  assert.equal(stdin.code, 0);
  assert.equal((JSON.parse(stdin.out) as { status: number }).status, 404);
  const raw = await explain(['-', '--json'], 'HTTP/1.1 429 Too Many Requests\r\nRetry-After: 7\r\nContent-Type: application/json\r\n\r\n{"message":"slow down"}');
  const rx = JSON.parse(raw.out) as { status: number; retryAfterSeconds: number; category: string };
  assert.deepEqual([rx.status, rx.retryAfterSeconds, rx.category], [429, 7, 'rateLimited']);
  const exchange = { id: 'x1', request: { line: 'POST /Users HTTP/1.1' }, response: { status: 409, headers: { 'content-type': 'application/scim+json' }, body: { text: '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness"}' } } };
  const saved = await explain(['-'], JSON.stringify(exchange));
  assert.match(saved.out, /^Explanation: 409 · uniqueness/);
});

test('matches the registry application\'s errors and known issues', async () => {
  const registry = join(root, 'examples', 'workspace', 'scim-registry.jsonc');
  const r = await explain(['-', '--status', '409', '--registry', registry, '--app', 'strict'], '{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"409","scimType":"uniqueness","detail":"taken"}');
  assert.match(r.out, /registry .*errors\[0\]: userName already exists/);
  const gone = await explain(['-', '--status', '404', '--registry', registry, '--app', 'strict', '--json'], '{"detail":"User does not exist"}');
  const x = JSON.parse(gone.out) as { registryMatches: { kind: string; index: number; workaround: string }[] };
  assert.deepEqual(x.registryMatches.map((m) => [m.kind, m.index]), [['error', 2]]);
});

test('usage errors exit 2', async () => {
  assert.equal((await explain([])).code, 2);
  assert.equal((await explain(['missing-file.json'])).code, 2);
  assert.equal((await explain(['-', '--status', '99'], '{}')).code, 2);
  assert.equal((await explain(['-', '--registry', 'x.jsonc'], '{}')).code, 2);
  const unknownApp = await explain(['-', '--registry', join(root, 'examples', 'workspace', 'scim-registry.jsonc'), '--app', 'nope'], '{}');
  assert.equal(unknownApp.code, 2);
  assert.match(unknownApp.err, /unknown application 'nope'/);
});
