// The registry is checked on every edit of a registry file and by `scim-workbench lint`. Baseline: jsonc-parser's
// parseTree of the same text (what any JSONC tool pays to have offsets at all), so the ratio is what schema
// validation and the registry rules cost on top. Write-back and hover are measured against the same baseline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTree } from 'jsonc-parser';
import { hoverAt, lintRegistry, updateObserved } from '../src/core/registry';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

/** A registry of `count` applications: the example's six applications repeated with unique ids. */
export function registryOf(count: number): string {
  const example = readFileSync(join(__dirname, '../examples/workspace/scim-registry.jsonc'), 'utf8');
  const start = example.indexOf('"applications": [') + '"applications": ['.length;
  const end = example.lastIndexOf(']');
  const apps = example.slice(start, end).trimEnd().replace(/,$/, '');
  const copies = Array.from({ length: Math.ceil(count / 6) }, (_, i) => apps.replace(/"id": "([^"]+)"/g, `"id": "$1-${i}"`));
  return `{\n  "applications": [${copies.join(',')}\n  ]\n}\n`;
}

const texts = new Map<number, string>();
function registry(count: number): string {
  let text = texts.get(count);
  if (!text) {
    text = registryOf(count);
    if (lintRegistry(text).some((f) => f.severity === 'error')) throw new Error('bench registry has errors');
    texts.set(count, text);
  }
  return text;
}

const baseline = (text: string) => (): unknown => parseTree(text, [], { allowTrailingComma: true });

export const benchmarks: Benchmark[] = [
  {
    name: 'registry of 2,000 applications: diagnostics',
    baseline: 'jsonc-parser parseTree of the same text',
    target: { metric: 'time', atMost: 2 },
    async run() {
      const text = registry(2000);
      const r = await measureRatio(() => lintRegistry(text), baseline(text), { rounds: 7, minMs: 300 });
      return { ...r, note: `${timesNote(r, 'lintRegistry', 'parseTree')}; ${(text.length / 1e6).toFixed(1)} MB` };
    },
  },
  {
    name: 'registry write-back, 600 apps',
    baseline: 'jsonc-parser parseTree of the same text',
    target: { metric: 'time', atMost: 6 },
    async run() {
      const text = registry(600);
      const r = await measureRatio(() => updateObserved(text, 'github-like-99', 'pagination', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' }), baseline(text), { rounds: 5, minMs: 200 });
      return { ...r, note: timesNote(r) };
    },
  },
  {
    name: 'registry hover, 600 apps',
    baseline: 'jsonc-parser parseTree of the same text',
    target: { metric: 'time', atMost: 3 },
    async run() {
      const text = registry(600);
      const offset = text.lastIndexOf('"contract"') + 3;
      const r = await measureRatio(() => hoverAt(text, offset), baseline(text), { rounds: 5, minMs: 200 });
      return { ...r, note: timesNote(r) };
    },
  },
];
