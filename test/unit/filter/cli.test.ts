import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO();
  const code = await main(['filter', ...args], io);
  return { code, out: io.out, err: io.err };
}

describe('scim-workbench filter', () => {
  test('prints the canonical form', async () => {
    const r = await run('userName EQ "bjensen" AND (title pr)');
    assert.deepEqual(r, { code: 0, out: 'userName eq "bjensen" and title pr\n', err: '' });
  });

  test('--json prints the AST with ranges', async () => {
    const r = await run('title pr', '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), {
      kind: 'present',
      path: { kind: 'attrPath', name: 'title', range: { start: 0, end: 5 } },
      opRange: { start: 6, end: 8 },
      range: { start: 0, end: 8 },
    });
  });

  test('--path parses a PATCH path', async () => {
    const r = await run('--path', 'addresses[type EQ "work"].streetAddress');
    assert.deepEqual(r, { code: 0, out: 'addresses[type eq "work"].streetAddress\n', err: '' });
    const j = await run('--path', '--json', 'members');
    assert.equal(JSON.parse(j.out).kind, 'patchPath');
  });

  test('a syntax error prints offset, message and a caret, exit 1', async () => {
    const r = await run('userName xx "bjensen"');
    assert.equal(r.code, 1);
    assert.equal(r.out, '');
    assert.equal(
      r.err,
      "error at 9: expected a comparison operator after 'userName' at 9, found 'xx'\n" +
        '  userName xx "bjensen"\n' +
        '           ^^\n',
    );
  });

  test('an error at the end gets one caret after the text', async () => {
    const r = await run('title pr and');
    assert.equal(r.code, 1);
    assert.equal(r.err, "error at 12: expected an attribute path, '(' or 'not' after 'and' at 12\n  title pr and\n              ^\n");
  });

  test('multi-line input shows the line with the error', async () => {
    const r = await run('title pr and\n\tname eq');
    assert.equal(r.err, "error at 21: expected a value (a string in double quotes, a number, true, false or null) after 'eq' at 21\n   name eq\n          ^\n");
  });

  test('a filter given to --path is a syntax error', async () => {
    const r = await run('--path', 'title pr');
    assert.equal(r.code, 1);
    assert.match(r.err, /^error at 6: expected '\[' or the end of the path after 'title' at 6, found 'pr'/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await run()).code, 2);
    const split = await run('userName', 'eq', '"x"');
    assert.equal(split.code, 2);
    assert.match(split.err, /quote the whole expression/);
    assert.equal((await run('--bogus', 'a pr')).code, 2);
  });

  test('--help prints usage', async () => {
    const r = await run('--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: scim-workbench filter/);
  });
});
