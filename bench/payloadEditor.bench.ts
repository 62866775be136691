// The work the payload editor does per keystroke on a 5 MB ListResponse, against JSON.parse of the same text
// measured in the same run: content detection, completion and hover at the far end of the document (the worst
// place: the cursor's JSON path is found by scanning up to it).
import { hasScimSchemas, payloadCompletions, payloadHover } from '../src/core/payloadLanguage';
import { listResponseOfSize } from './fixtures/listResponse';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark, Target } from './harness/types';

let setup: { text: string; keyAt: number; emailTypeAt: number } | undefined;

function fixture(): { text: string; keyAt: number; emailTypeAt: number } {
  if (setup) return setup;
  const text = listResponseOfSize(5 * 1024 * 1024);
  // The last resource's last key: completion there needs the whole document scanned up to it.
  const keyAt = text.lastIndexOf('"location"') + 2;
  const emailTypeAt = text.lastIndexOf('"type": "home"') + '"type": "'.length + 1;
  if (!payloadCompletions(text, keyAt).some((i) => i.label === 'lastModified')) throw new Error('bench: no completion at the end');
  if (!payloadHover(text, emailTypeAt - 10)) throw new Error('bench: no hover at the end');
  return (setup = { text, keyAt, emailTypeAt });
}

function row(name: string, fn: (f: ReturnType<typeof fixture>) => unknown, target?: Target): Benchmark {
  const b: Benchmark = {
    name: `payload editor: ${name}`,
    baseline: 'JSON.parse 5 MB',
    async run() {
      const f = fixture();
      const r = await measureRatio(() => fn(f), () => JSON.parse(f.text), { rounds: 5, minMs: 300 });
      return { ...r, note: timesNote(r) };
    },
  };
  if (target) b.target = target;
  return b;
}

export const benchmarks: Benchmark[] = [
  row('detect by content (4 KB prefix)', (f) => hasScimSchemas(f.text)),
  row('completion at the end (key)', (f) => payloadCompletions(f.text, f.keyAt), { metric: 'time', atMost: 4 }),
  row('completion at the end (canonical value)', (f) => payloadCompletions(f.text, f.emailTypeAt), { metric: 'time', atMost: 4 }),
  row('hover at the end', (f) => payloadHover(f.text, f.emailTypeAt - 10), { metric: 'time', atMost: 4 }),
];
