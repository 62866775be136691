import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { globToRegExp } from '../../../src/cli/commands/lint';
import { captureIO } from '../helpers/cliIO';

const FIXTURES = join(import.meta.dirname, '../../fixtures/payloads');
let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-lint-'));
  mkdirSync(join(dir, 'a', 'b'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  writeFileSync(join(dir, 'ok.scim.json'), readFileSync(join(FIXTURES, 'valid', 'rfc7643-8.1-minimal-user.scim.json')));
  writeFileSync(join(dir, 'a', 'status.scim.json'), readFileSync(join(FIXTURES, 'invalid', 'error-status-number.scim.json')));
  writeFileSync(join(dir, 'a', 'b', 'entra.scim.jsonc'), readFileSync(join(FIXTURES, 'quirks', 'entra-patch-user.scim.json')));
  writeFileSync(join(dir, 'a', 'notes.json'), '{"not": "scim"}');
  writeFileSync(join(dir, 'node_modules', 'skip.scim.json'), '{');
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function lint(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('scim-workbench lint', () => {
  test('a clean file: no output, exit 0', async () => {
    const r = await lint('ok.scim.json');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
  });

  test('text output is file:line:col severity code message (1-based), exit 1 on errors', async () => {
    const r = await lint(join('a', 'status.scim.json'));
    assert.equal(r.code, 1);
    assert.equal(r.out, `${join('a', 'status.scim.json')}:4:13 error ERROR_STATUS_NOT_STRING "status" must be a string ("404"), not the number 404 (RFC 7644 §3.12).\n`);
  });

  test('warnings only exit 0', async () => {
    const r = await lint(join('a', 'b', 'entra.scim.jsonc'));
    assert.equal(r.code, 0);
    assert.match(r.out, /entra\.scim\.jsonc:5:13 warning QUIRK_CAPITALISED_OP /);
  });

  test('JSON output has 0-based ranges', async () => {
    const r = await lint('--format', 'json', join('a', 'status.scim.json'), 'ok.scim.json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.out) as { file: string; findings: { code: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
    assert.equal(out.length, 2);
    assert.deepEqual(out[0]?.findings[0]?.range, { start: { line: 3, character: 12 }, end: { line: 3, character: 15 } });
    assert.equal(out[0]?.findings[0]?.code, 'ERROR_STATUS_NOT_STRING');
    assert.deepEqual(out[1], { file: 'ok.scim.json', findings: [] });
  });

  test('directories are searched for SCIM files, skipping node_modules', async () => {
    const r = await lint('--format', 'json', '.');
    const files = (JSON.parse(r.out) as { file: string }[]).map((f) => f.file.split('\\').join('/'));
    assert.deepEqual(files, ['a/b/entra.scim.jsonc', 'a/status.scim.json', 'ok.scim.json']);
  });

  test('globs: **, * and ?', async () => {
    const r = await lint('--format', 'json', '**/*.scim.json?');
    const files = (JSON.parse(r.out) as { file: string }[]).map((f) => f.file.split('\\').join('/'));
    assert.deepEqual(files, ['a/b/entra.scim.jsonc']);
    const all = await lint('--format', 'json', 'a/**/*.json');
    assert.equal((JSON.parse(all.out) as unknown[]).length, 2, 'a/notes.json and a/status.scim.json');
    assert.ok(globToRegExp('**/x.json').test('x.json'));
    assert.ok(globToRegExp('a/*/c').test('a/b/c'));
    assert.ok(!globToRegExp('a/*/c').test('a/b/d/c'));
    assert.ok(globToRegExp('?.json').test('a.json'));
  });

  test('usage errors exit 2: nothing matched, missing file, bad option, no arguments', async () => {
    const nothing = await lint('*.nothing');
    assert.equal(nothing.code, 2);
    assert.match(nothing.err, /no files match '\*\.nothing'/);
    const missing = await lint('missing.scim.json', 'ok.scim.json');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot find 'missing\.scim\.json'/);
    assert.equal((await lint('--format', 'xml', 'ok.scim.json')).code, 2);
    assert.equal((await lint('--bogus', 'ok.scim.json')).code, 2);
    assert.equal((await lint()).code, 2);
  });

  test('an unreadable file is reported and exits 2, other files are still linted', async (t) => {
    if (process.getuid?.() === 0) {
      t.skip('root reads every file');
      return;
    }
    const p = join(dir, 'locked.scim.json');
    writeFileSync(p, '{}');
    chmodSync(p, 0o000);
    const r = await lint('locked.scim.json', 'ok.scim.json');
    rmSync(p, { force: true });
    assert.equal(r.code, 2);
    assert.match(r.err, /locked\.scim\.json: cannot read/);
  });

  test('a broken JSON file is a finding, not a crash', async () => {
    writeFileSync(join(dir, 'broken.scim.json'), '{"schemas": [}');
    const r = await lint('broken.scim.json');
    rmSync(join(dir, 'broken.scim.json'));
    assert.equal(r.code, 1);
    assert.match(r.out, /broken\.scim\.json:1:14 error SCIM_JSON_SYNTAX /);
  });
});
