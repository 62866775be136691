// Filter parsing runs on every keystroke in the editor and on every request in the sandbox. Its baseline here is
// JSON.parse of a JSON text of the same length: native, so a floor no hand-written parser reaches, but a stable
// yardstick. (The comparison with the parser users would otherwise pick is filterParse.bench.ts.)
import { parseFilter } from '../src/core/filter';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

const TERMS = [
  'userName eq "bjensen@example.com"',
  'emails[type eq "work" and value co "@example.com"]',
  'meta.lastModified gt "2011-05-13T04:42:34Z"',
  'not (title pr or userType ne "Intern")',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090"',
  'name.familyName co "O\'Malley"',
  'active eq true and loginCount ge 3',
];

function filterOf(terms: number): string {
  return Array.from({ length: terms }, (_, i) => `(${TERMS[i % TERMS.length] ?? ''})`).join(' or ');
}

/** A JSON text of `length` characters with a similar mix of short strings, numbers, booleans and nesting. */
function jsonOfLength(length: number): string {
  const items: string[] = [];
  let size = 2; // []
  for (let i = 0; ; i++) {
    const item = JSON.stringify({ p: 'userName', o: 'eq', v: `bj${i}@x.com`, n: i, b: i % 2 === 0 });
    if (size + item.length + 1 + 12 > length) break;
    items.push(item);
    size += item.length + (items.length > 1 ? 1 : 0);
  }
  const pad = length - size - (items.length > 0 ? 1 : 0) - 2;
  items.push(JSON.stringify('x'.repeat(Math.max(0, pad))));
  return `[${items.join(',')}]`;
}

function row(name: string, filter: string): Benchmark {
  return {
    name: `parseFilter vs JSON.parse: ${name}`,
    baseline: 'JSON.parse, same length',
    async run() {
      const json = jsonOfLength(filter.length);
      if (parseFilter(filter).errors.length > 0) throw new Error(`bench filter does not parse: ${name}`);
      const r = await measureRatio(() => parseFilter(filter), () => JSON.parse(json), { rounds: 5, minMs: 200 });
      return { ...r, note: `${timesNote(r)}; ${filter.length} chars` };
    },
  };
}

export const benchmarks: Benchmark[] = [
  row('keystroke, 1 filter', 'userName eq "bjensen" and emails[type eq "work" and value co "@example.com"]'),
  row('40 terms', filterOf(40)),
  row('2000 terms', filterOf(2000)),
];
