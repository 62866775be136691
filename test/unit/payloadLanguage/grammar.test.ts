// Runs the TextMate grammar tests (test/grammar/*.test.*, `^` assertions) with vscode-tmgrammar-test, and checks
// that package.json contributes the grammars those tests load.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const cli = join(root, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

interface GrammarContribution { language?: string; scopeName: string; path: string; injectTo?: string[] }

function grammarsOf(file: string): GrammarContribution[] {
  const json = JSON.parse(readFileSync(join(root, file), 'utf8')) as { contributes?: { grammars?: GrammarContribution[] } };
  return json.contributes?.grammars ?? [];
}

describe('SCIM filter grammars', () => {
  test('every grammar test file passes', () => {
    const files = readdirSync(join(root, 'test/grammar')).filter((f) => /\.test\.[\w-]+$/.test(f));
    assert.ok(files.length >= 4, `grammar tests found: ${files.join(', ')}`);
    const r = spawnSync(process.execPath, [cli, '--config', 'test/grammar/grammars.json', ...files.map((f) => `test/grammar/${f}`)], { cwd: root, encoding: 'utf8' });
    const out = `${r.stdout}\n${r.stderr}`;
    assert.equal(r.status, 0, out);
    for (const f of files) assert.match(out, new RegExp(`✓ test/grammar/${f.replace(/\./g, '\\.')} run successfuly`), out);
  });

  test('a wrong assertion fails the run (the tests can fail)', () => {
    const r = spawnSync(process.execPath, [cli, '--config', 'test/grammar/grammars.json', 'test/grammar/fixtures/wrongAssertion.scim-filter'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(r.status, 0, r.stdout);
  });

  test('package.json contributes the grammars the tests load', () => {
    const pkg = grammarsOf('package.json');
    for (const g of grammarsOf('test/grammar/grammars.json').filter((x) => x.path.startsWith('../../syntaxes/'))) {
      const c = pkg.find((p) => p.scopeName === g.scopeName);
      assert.ok(c, `package.json contributes ${g.scopeName}`);
      assert.equal(join(root, c.path), join(root, 'test/grammar', g.path));
      assert.deepEqual(c.injectTo, g.injectTo);
      assert.equal(c.language, g.language);
    }
  });
});
