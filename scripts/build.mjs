#!/usr/bin/env node
// Bundles the extension (node, cjs, `vscode` external), the CLI (node, with a shebang), the webview (browser)
// and the extension-host test suites (node, cjs; `vscode` and `mocha` external, run inside VS Code).
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, existsSync, chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  // jsonc-parser's `main` is a UMD build whose internal requires esbuild cannot follow; its ESM build bundles.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  // scimmy names SCIM resources after their classes: minified names would collide ('Resource "t" already declared').
  keepNames: true,
  logLevel: 'warning',
  define: { __SCIMWB_VERSION__: JSON.stringify(pkg.version) },
  absWorkingDir: root,
};

const testEntries = existsSync(join(root, 'test/vscode'))
  ? readdirSync(join(root, 'test/vscode')).filter((f) => f.endsWith('.ts')).map((f) => join('test/vscode', f))
  : [];

// The extension's esbuild metafile (what each input contributes to the bundle) goes to .artifacts/, where the
// .vsix benchmark reads it to say what each large dependency costs and why it is there.
const metaDir = join(root, '.artifacts', 'esbuild-meta');

// iconv-lite is only there for express's body decoding in the sandbox; a TextDecoder shim does that (see the shim).
const nodeAlias = { 'iconv-lite': './scripts/shims/iconv-lite.cjs' };

const configs = [
  // The activation bundle stays small; everything else is in the features bundle, required on first use.
  { ...common, metafile: true, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'] },
  { ...common, metafile: true, entryPoints: ['src/vscode/features.ts'], outfile: 'dist/features.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], alias: nodeAlias },
  // The CLI is split per command (ESM chunks under dist/cli/, behind the dist/cli.js launcher written below): a
  // process loads only what its command needs, so `send` does not read or compile the sandbox, the linter or the
  // probes (issue 14: `send` against curl). Bundled CommonJS dependencies require Node's built-ins through the
  // `require` the banner makes.
  {
    ...common, metafile: true, metaName: 'cli', entryPoints: ['src/cli/index.ts'], outdir: 'dist/cli', platform: 'node', format: 'esm', splitting: true,
    outExtension: { '.js': '.mjs' }, chunkNames: 'chunks/[name]-[hash]', target: 'node20', alias: nodeAlias,
    banner: { js: "import { createRequire as __scimwbCreateRequire } from 'node:module'; const require = __scimwbCreateRequire(import.meta.url);" },
  },
  { ...common, entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];
if (!production && testEntries.length) {
  configs.push({ ...common, entryPoints: testEntries, outdir: 'out/test', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'] });
}

mkdirSync(join(root, 'dist'), { recursive: true });
// Chunk names carry content hashes: a build starts from an empty dist/cli/ so stale chunks never pile up.
rmSync(join(root, 'dist/cli'), { recursive: true, force: true });
// So does out/test/: a test file deleted from test/ must not keep running from its old bundle.
if (!production && testEntries.length) rmSync(join(root, 'out/test'), { recursive: true, force: true });
const cliLauncher = `#!/usr/bin/env node
// scim-workbench: the commands are ES module chunks in ./cli/ (see scripts/build.mjs).
import('./cli/index.mjs');
`;
function writeLauncher() {
  writeFileSync(join(root, 'dist/cli.js'), cliLauncher);
  chmodSync(join(root, 'dist/cli.js'), 0o755);
}
if (watch) {
  const ctxs = await Promise.all(configs.map(({ metaName, ...c }) => esbuild.context(c)));
  writeLauncher();
  await Promise.all(ctxs.map((c) => c.watch()));
  process.stderr.write('[build] watching\n');
} else {
  const results = await Promise.all(configs.map(({ metaName, ...c }) => esbuild.build(c)));
  mkdirSync(metaDir, { recursive: true });
  results.forEach((r, i) => {
    if (!r.metafile) return;
    const name = configs[i].metaName ?? configs[i].outfile.replace(/^dist\//, '').replace(/\.js$/, '');
    writeFileSync(join(metaDir, `${name}${production ? '.production' : ''}.json`), JSON.stringify(r.metafile));
  });
  writeLauncher();
  process.stderr.write(`[build] ${production ? 'production ' : ''}bundles written to dist/${testEntries.length && !production ? ' and out/test/' : ''}\n`);
}
