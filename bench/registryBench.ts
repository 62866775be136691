// lintRegistry runs on every edit of a registry file and in `scim-workbench lint`. Its baseline is jsonc-parser's
// parseTree of the same text (which the lint needs anyway for ranges): the ratio shows what schema validation
// and the rules cost on top of parsing. Write-back and hover are measured against the same baseline.
import { readFileSync } from 'node:fs';
import { parseTree } from 'jsonc-parser';
import { hoverAt, lintRegistry, updateObserved } from '../src/core/registry';
import { compare } from './measure';
import type { BenchResult } from './run';

/** A registry of `count` applications: the example's applications repeated with unique ids. */
function registryOf(count: number): string {
  const example = readFileSync(new URL('../examples/workspace/scim-registry.jsonc', import.meta.url), 'utf8');
  const start = example.indexOf('"applications": [') + '"applications": ['.length;
  const end = example.lastIndexOf(']');
  const apps = example.slice(start, end).trimEnd().replace(/,$/, '');
  const copies = Array.from({ length: Math.ceil(count / 6) }, (_, i) => apps.replace(/"id": "([^"]+)"/g, `"id": "$1-${i}"`));
  return `{\n  "applications": [${copies.join(',')}\n  ]\n}\n`;
}

export function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const count of [6, 600]) {
    const text = registryOf(count);
    if (lintRegistry(text).some((f) => f.severity === 'error')) throw new Error('bench registry has errors');
    const baseline = (): unknown => parseTree(text, [], { allowTrailingComma: true });
    const lint = compare(() => lintRegistry(text), baseline);
    results.push({ name: `registry lint, ${count} apps (${Math.round(text.length / 1024)} KB)`, ops: lint.ops, baseline: 'parseTree', ratio: lint.ratio, target: 12 });
    const write = compare(() => updateObserved(text, `github-like-${Math.floor(count / 6) - 1}`, 'pagination', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' }), baseline);
    results.push({ name: `registry write-back, ${count} apps`, ops: write.ops, baseline: 'parseTree', ratio: write.ratio, target: 6 });
    const offset = text.lastIndexOf('"contract"') + 3;
    const hover = compare(() => hoverAt(text, offset), baseline);
    results.push({ name: `registry hover, ${count} apps`, ops: hover.ops, baseline: 'parseTree', ratio: hover.ratio, target: 3 });
  }
  return Promise.resolve(results);
}
