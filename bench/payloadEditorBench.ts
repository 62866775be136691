// The work the payload editor does per keystroke on a 5 MB ListResponse, against JSON.parse of the same text
// measured in the same run: content detection, analysis (diagnostics), and completion/hover at the far end of
// the document (the worst place: the cursor's JSON path is found by scanning up to it).
import { hasScimSchemas, payloadCompletions, payloadHover } from '../src/core/payloadLanguage';
import { analyzePayload } from '../src/core/scim/payloadRules';
import { compare } from './measure';
import { listResponseOfSize } from './payloadBench';
import type { BenchResult } from './run';

export async function run(): Promise<BenchResult[]> {
  const text = listResponseOfSize(5 * 1024 * 1024);
  // The last resource's last key: completion there needs the whole document scanned up to it.
  const keyAt = text.lastIndexOf('"location"') + 2;
  const emailTypeAt = text.lastIndexOf('"type": "home"') + '"type": "'.length + 1;
  if (!payloadCompletions(text, keyAt).some((i) => i.label === 'lastModified')) throw new Error('bench: no completion at the end');
  if (!payloadHover(text, emailTypeAt - 10)) throw new Error('bench: no hover at the end');
  const parse = (): unknown => JSON.parse(text);
  const rows: [string, () => unknown, number | undefined][] = [
    ['payload editor: detect by content (4 KB prefix)', () => hasScimSchemas(text), undefined],
    ['payload editor: analysis for diagnostics', () => analyzePayload(text), 5],
    ['payload editor: completion at the end (key)', () => payloadCompletions(text, keyAt), 4],
    ['payload editor: completion at the end (canonical value)', () => payloadCompletions(text, emailTypeAt), 4],
    ['payload editor: hover at the end', () => payloadHover(text, emailTypeAt - 10), 4],
    ['payload editor: keystroke (analysis + completion)', () => { analyzePayload(text); payloadCompletions(text, keyAt); }, 8],
  ];
  const out: BenchResult[] = [];
  for (const [name, fn, target] of rows) {
    const r = compare(fn, parse, 3, 400);
    const row: BenchResult = { name, ops: r.ops, baseline: 'JSON.parse 5 MB', ratio: r.ratio, note: `${(1000 / r.ops).toFixed(1)} ms` };
    if (target !== undefined) row.target = target;
    out.push(row);
  }
  return out;
}
