// The architecture's one hard boundary, proven against the project's own lint configuration: src/core never
// imports vscode (it runs in the CLI, the sandbox and unit tests, where there is no editor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';

const root = join(__dirname, '..', '..');
const source = "import * as vscode from 'vscode';\nexport const v = vscode.version;\n";

async function boundaryLinter(): Promise<ESLint> {
  const config = ((await import(pathToFileURL(join(root, 'eslint.config.mjs')).href)) as { default: Linter.Config[] }).default;
  // Only the blocks that restrict imports: the typed rules need a tsconfig project, which a virtual file lacks.
  const boundary = config.filter((c) => c.rules && 'no-restricted-imports' in c.rules);
  assert.ok(boundary.length > 0, 'eslint.config.mjs restricts imports somewhere');
  return new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser } }, ...boundary],
  });
}

test('lint fails when src/core imports vscode', async () => {
  const eslint = await boundaryLinter();
  const [res] = await eslint.lintText(source, { filePath: join(root, 'src/core/scim/virtualBoundaryCheck.ts') });
  const hits = (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
  assert.equal(hits.length, 1, JSON.stringify(res?.messages));
  assert.match(hits[0]?.message ?? '', /src\/core must not import vscode/);
});

test('lint allows vscode in src/vscode', async () => {
  const eslint = await boundaryLinter();
  const [res] = await eslint.lintText(source, { filePath: join(root, 'src/vscode/virtualBoundaryCheck.ts') });
  assert.deepEqual(res?.messages.filter((m) => m.ruleId === 'no-restricted-imports'), []);
});

test('lint fails when src/core imports the sandbox or the CLI, which build on it', async () => {
  const eslint = await boundaryLinter();
  for (const spec of ['../../sandbox', '../../sandbox/config', '../../cli/main']) {
    const [res] = await eslint.lintText(`import * as x from '${spec}';\nexport const y = x;\n`, { filePath: join(root, 'src/core/scim/virtualBoundaryCheck.ts') });
    const hits = (res?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    assert.equal(hits.length, 1, `${spec}: ${JSON.stringify(res?.messages)}`);
  }
});
