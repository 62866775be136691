// Filter evaluation over 100k users against scim2-parse-filter's `filter()` (what a Node SCIM server would use):
// the same filters over the same records, with the same results, throughput ratio ours / theirs. Where the two
// differ in semantics: ours follows RFC 7644 (attribute names and, unless caseExact, string values compare
// case-insensitively; dateTime compares as instants; `pr` is false for null, "" and empty objects), theirs
// compares strings case-sensitively and as plain text. The filters and records here are chosen where both
// agree, and the benchmark checks that they select the same users.
import { filter as theirFilter, parse as theirParse } from 'scim2-parse-filter';
import { matchesFilter, parseFilter, type FilterNode } from '../src/core/filter';
import { SchemaCatalog } from '../src/core/scim/catalog';
import { filterLookup } from '../src/core/scim/filterLookup';
import { benchUser } from './fixtures/listResponse';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark } from './harness/types';

const USERS = 100_000;

const FILTERS = [
  'userName eq "user51234@example.com"',
  'emails[type eq "work" and value co "99@example.com"]',
  'active eq true and name.familyName sw "J"',
  'meta.lastModified gt "2011-01-01T00:00:00Z" and displayName ew "7"',
  'title pr or urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "4242"',
];

export const benchmarks: Benchmark[] = [
  {
    name: 'filter evaluation over 100k users',
    baseline: 'scim2-parse-filter filter()',
    target: { metric: 'throughput', atLeast: 2 },
    async run() {
      const users = Array.from({ length: USERS }, (_, i) => benchUser(i));
      const lookup = filterLookup(SchemaCatalog.standard(), ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
      const ours = FILTERS.map((f) => {
        const p = parseFilter(f);
        if (!p.ast) throw new Error(`ours rejects ${f}`);
        return p.ast;
      });
      const theirs = FILTERS.map((f) => theirFilter(theirParse(f)));
      const runOurs = (): number[] => ours.map((ast: FilterNode) => users.filter((u) => matchesFilter(u, ast, lookup)).length);
      const runTheirs = (): number[] => theirs.map((t) => users.filter(t).length);
      const a = runOurs();
      const b = runTheirs();
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`the two select different users: ours ${a.join(',')}, theirs ${b.join(',')}`);
      const r = await measureRatio(runOurs, runTheirs, { rounds: 7, minMs: 300, metric: 'throughput' });
      return { ...r, note: `${timesNote(r)} for ${FILTERS.length} filters over ${USERS} users (matches ${a.join(', ')})` };
    },
  },
];
