// Filter parsing against the parser users would otherwise pick: scim2-parse-filter's `parse`, on the RFC 7644
// §3.4.2.2 examples. Ours does more per filter (a range on every node, syntax errors with recovery and what was
// expected), theirs returns a bare tree; the target is a throughput ratio (ours / theirs).
import { parse as theirParse } from 'scim2-parse-filter';
import { parseFilter } from '../src/core/filter';
import { RFC_FILTERS } from '../test/unit/filter/rfcExamples';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

export const benchmarks: Benchmark[] = [
  {
    name: 'filter parsing: RFC 7644 examples, with ranges',
    baseline: 'scim2-parse-filter parse (no ranges)',
    target: { metric: 'throughput', atLeast: 3 },
    async run() {
      const filters = RFC_FILTERS.map((f) => f.text);
      for (const f of filters) {
        if (parseFilter(f).errors.length > 0) throw new Error(`ours rejects an RFC example: ${f}`);
        theirParse(f); // throws on what it cannot parse
      }
      const ours = (): void => {
        for (const f of filters) parseFilter(f);
      };
      const theirs = (): void => {
        for (const f of filters) theirParse(f);
      };
      const r = await measureRatio(ours, theirs, { rounds: 9, minMs: 200, metric: 'throughput' });
      return { ...r, note: `${timesNote(r)} per pass over the ${filters.length} examples` };
    },
  },
];
