// The packaged .vsix: its size, and every bundled dependency over 100 KB with the import chain that brings it in
// (from esbuild's metafile of each bundle), so a dependency nobody needs is visible. A report row: no baseline.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark, Check } from './harness/types';

const root = join(__dirname, '..');
const LARGE = 100 * 1024;

interface Metafile {
  inputs: Record<string, { bytes: number; imports: { path: string }[] }>;
  outputs: Record<string, { entryPoint?: string; bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** `node_modules/a/...` and `node_modules/@s/a/...` to the package name. */
function packageOf(input: string): string | undefined {
  const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  return m?.[1];
}

/** The shortest import chain from the entry point to any file of `pkg`, as "a → b → pkg". */
function chainTo(meta: Metafile, entry: string, pkg: string): string {
  const prev = new Map<string, string>([[entry, '']]);
  const queue = [entry];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    if (packageOf(at) === pkg) {
      const chain: string[] = [];
      for (let p: string | undefined = at; p; p = prev.get(p) || undefined) chain.unshift(packageOf(p) ?? p);
      // Collapse the steps inside one package.
      return chain.filter((c, i) => c !== chain[i - 1]).join(' → ');
    }
    for (const imp of meta.inputs[at]?.imports ?? []) {
      if (!prev.has(imp.path) && meta.inputs[imp.path]) {
        prev.set(imp.path, at);
        queue.push(imp.path);
      }
    }
  }
  return '(no chain found)';
}

export interface BundleReport {
  bundle: string;
  bytes: number;
  large: { pkg: string; bytes: number; chain: string }[];
}

export function bundleReport(name: string): BundleReport {
  const meta = JSON.parse(readFileSync(join(root, '.artifacts/esbuild-meta', `${name}.production.json`), 'utf8')) as Metafile;
  // The CLI is split into chunks (dist/cli/): a bundle is every output its build wrote, not only the entry's.
  const files = Object.entries(meta.outputs).filter(([file]) => !file.endsWith('.map'));
  const outputs = files.map(([, o]) => o);
  // Dynamically imported chunks are entry points too: the bundle's own entry is the one outside chunks/.
  const entry = (files.find(([file, o]) => o.entryPoint && !file.includes('/chunks/')) ?? files.find(([, o]) => o.entryPoint))?.[1].entryPoint;
  if (!entry) throw new Error(`no entry point in the ${name} metafile`);
  const byPkg = new Map<string, number>();
  for (const out of outputs) {
    for (const [input, i] of Object.entries(out.inputs)) {
      const pkg = packageOf(input);
      if (pkg) byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + i.bytesInOutput);
    }
  }
  const large = [...byPkg].filter(([, b]) => b > LARGE).sort((a, b) => b[1] - a[1]).map(([pkg, bytes]) => ({ pkg, bytes, chain: chainTo(meta, entry, pkg) }));
  const bytes = outputs.reduce((sum, o) => sum + o.bytes, 0);
  return { bundle: outputs.length > 1 ? `dist/${name}/ (${outputs.length} chunks)` : `dist/${name}.js`, bytes, large };
}

const kb = (b: number): string => `${Math.round(b / 1024)} KB`;

export const benchmarks: Benchmark[] = [
  {
    name: 'packaged .vsix',
    baseline: '— (report: size and dependencies over 100 KB)',
    run() {
      const pkg = spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8' });
      try {
        if (pkg.status !== 0) throw new Error(`npm run package failed:\n${pkg.stdout}${pkg.stderr}`);
        const vsix = join(root, 'dist/scim-workbench.vsix');
        if (!existsSync(vsix)) throw new Error('no dist/scim-workbench.vsix');
        const size = statSync(vsix).size;
        const listing = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' });
        const files = listing.status === 0
          ? listing.stdout.split('\n').map((l) => /^\s*(\d+)\s+\S+\s+\S+\s+(\S+)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => ({ file: m[2] ?? '', bytes: Number(m[1]) }))
          : [];
        const bundles = ['extension', 'features', 'cli'].map(bundleReport);
        // The note keeps the chain from our last source file on (the full chain is in results.json).
        const short = (chain: string): string => {
          const steps = chain.split(' → ');
          const lastSrc = steps.map((x) => x.startsWith('src/')).lastIndexOf(true);
          return steps.slice(Math.max(0, lastSrc)).join(' → ');
        };
        const lines = bundles.map((b) => `${b.bundle} ${kb(b.bytes)}${b.large.length ? `: ${b.large.map((l) => `${l.pkg} ${kb(l.bytes)} (${short(l.chain)})`).join('; ')}` : ''}`);
        const checks: Check[] = [
          { name: 'the activation bundle carries no dependency over 100 KB', ok: (bundles[0]?.large.length ?? 1) === 0, detail: lines[0] ?? '' },
        ];
        return {
          note: `${kb(size)} .vsix; ${lines.join(' | ')}`,
          checks,
          details: { vsixBytes: size, files: files.filter((f) => f.bytes > 10 * 1024), bundles },
        };
      } finally {
        spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root }); // back to the development build the tests use
      }
    },
  },
];
