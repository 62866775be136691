// Lint: typed rules for the habits STYLE.md asks for, and the one architectural boundary that matters most:
// src/core never imports `vscode` (it runs in the CLI, the sandbox and tests without an editor).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.test-runtime/**', '.artifacts/**', 'examples/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', {
        allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
      }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'src/sandbox/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'only src/vscode and src/extension.ts may import vscode.' }],
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not import vscode: put editor glue in src/vscode.' }],
        patterns: [
          { group: ['**/vscode/*', '../vscode/**'], message: 'src/core must not depend on src/vscode.' },
          { group: ['**/sandbox', '**/sandbox/*', '**/cli', '**/cli/*'], message: 'src/core must not depend on src/sandbox or src/cli: they build on it.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'describe', property: 'only', message: 'no focused tests' },
        { object: 'it', property: 'only', message: 'no focused tests' },
        { object: 'test', property: 'only', message: 'no focused tests' }],
    },
  },
);
