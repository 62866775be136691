// Issue 15: every `--json` mode answers in JSON on failure too, so a script never parses a human message: a usage
// error, a bad flag, an unreadable file, a bad filter and a configuration error each print a JSON document on
// stdout (with a stable `code` and a `message`) and exit non-zero; the human message still goes to stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';

interface JsonError { code: string; message: string; offset?: number; length?: number; expected?: string[] }

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  if (stdin !== undefined) Object.assign(io, { stdin: () => Promise.resolve(stdin) });
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

function errorsOf(out: string): JsonError[] {
  const parsed = JSON.parse(out) as { errors?: JsonError[] };
  assert.ok(Array.isArray(parsed.errors), `stdout is {"errors": [...]}: ${out}`);
  return parsed.errors;
}

test('filter --json on a bad filter: {"errors": [{code, message, offset, length}]} inside the input, exit 1', async () => {
  const text = 'userName eq "a" and';
  const r = await run(['filter', '--json', text]);
  assert.equal(r.code, 1);
  const [e, ...rest] = errorsOf(r.out);
  assert.equal(rest.length, 0);
  assert.equal(e?.code, 'syntax');
  assert.ok(e && e.message.length > 0);
  assert.ok(e && e.offset !== undefined && e.length !== undefined && e.offset >= 0 && e.offset + e.length <= text.length, JSON.stringify(e));
  const path = await run(['filter', '--json', '--path', 'emails[type eq'], undefined);
  assert.equal(path.code, 1);
  assert.equal(errorsOf(path.out)[0]?.code, 'syntax');
});

test('usage errors and unknown flags in --json mode are {"errors": [{code: "usage"}]}, exit 2', async () => {
  for (const args of [
    ['filter', '--json', 'a', 'eq'],
    ['filter', '--json', '--bogus', 'x'],
    ['explain', '--json', '--status', 'abc', '-'],
    ['send', '--json'],
    ['lint', '--format', 'json', '--schemas'],
    ['lint', '--format=json'],
    ['explain', '--json', '--registry', 'x.jsonc', '-'],
  ]) {
    const r = await run(args, '{}');
    assert.equal(r.code, 2, args.join(' '));
    const errors = errorsOf(r.out);
    assert.deepEqual(errors.map((e) => e.code), ['usage'], args.join(' '));
    assert.ok((errors[0]?.message ?? '').length > 0);
    assert.match(r.err, /Usage: scim-workbench/, 'the human message stays on stderr');
  }
});

test('an unreadable file in --json mode: code "file" naming it, exit 2', async () => {
  const explain = await run(['explain', '--json', 'no-such-response.json']);
  assert.equal(explain.code, 2);
  assert.deepEqual(errorsOf(explain.out).map((e) => e.code), ['file']);
  assert.match(errorsOf(explain.out)[0]?.message ?? '', /no-such-response\.json: ENOENT/);
  const send = await run(['send', 'no-such-registry.jsonc', '--app', 'a', 'GET', '/Users', '--json']);
  assert.equal(send.code, 2);
  assert.deepEqual(errorsOf(send.out).map((e) => e.code), ['file']);
});

test('lint --format json reports files it could not lint as entries with errors, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-jsonerr-'));
  try {
    writeFileSync(join(dir, 'ok.scim.json'), '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a"}');
    const io = captureIO(dir);
    assert.equal(await main(['lint', '--format', 'json', 'ok.scim.json', 'missing.scim.json'], io), 2);
    const entries = JSON.parse(io.out) as { file: string | null; findings: unknown[]; errors?: JsonError[] }[];
    assert.deepEqual(entries.map((e) => [e.file, e.errors?.map((x) => x.code)]), [['ok.scim.json', undefined], [null, ['file']]]);
    assert.match(entries[1]?.errors?.[0]?.message ?? '', /missing\.scim\.json/);
    const none = captureIO(dir);
    assert.equal(await main(['lint', '--format', 'json', 'nothing-*.json'], none), 2);
    assert.equal((JSON.parse(none.out) as { errors: JsonError[] }[])[0]?.errors[0]?.code, 'file');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a registry send cannot use: usage error (the ids it has named), a missing secret: configuration error; exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-jsonerr-'));
  try {
    writeFileSync(join(dir, 'r.jsonc'), '{"applications": [{"id": "one", "baseUrl": "http://127.0.0.1:1/scim/v2"}]}');
    const io = captureIO(dir);
    assert.equal(await main(['send', 'r.jsonc', '--app', 'two', 'GET', '/Users', '--json'], io), 2);
    const errors = errorsOf(io.out);
    assert.equal(errors[0]?.code, 'usage');
    assert.match(errors[0]?.message ?? '', /unknown application 'two'.*one/);
    writeFileSync(join(dir, 'auth.jsonc'), '{"applications": [{"id": "one", "baseUrl": "http://127.0.0.1:1/scim/v2", "auth": {"type": "bearer", "secret": "json-test-token"}}]}');
    const config = captureIO(dir, { SCIM_SECRET_JSON_TEST_TOKEN: '' });
    assert.equal(await main(['send', 'auth.jsonc', '--app', 'one', 'GET', '/Users', '--json'], config), 2);
    assert.equal(errorsOf(config.out)[0]?.code, 'configuration');
    assert.match(errorsOf(config.out)[0]?.message ?? '', /SCIM_SECRET_JSON_TEST_TOKEN/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without --json, failures print no JSON on stdout', async () => {
  const r = await run(['filter', 'userName eq']);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  const u = await run(['filter', '--bogus']);
  assert.equal(u.code, 2);
  assert.equal(u.out, '');
});

test('a command whose --json names a file (probe) keeps stdout free of JSON on a usage error', async () => {
  const r = await run(['probe', '--json', 'report.json', '--bogus']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.match(r.err, /--bogus/);
});
