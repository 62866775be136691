// analyzePayload on a 5 MB ListResponse against JSON.parse of the same text, measured in the same run. The
// design target (STYLE.md): within ~3-5x JSON.parse, where a full jsonc-parser tree alone costs ~13x.
import { analyzePayload } from '../src/core/scim/payloadRules';
import { compare } from './measure';
import type { BenchResult } from './run';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A realistic page of users (core + enterprise), grown until the pretty-printed text reaches `bytes`. */
export function listResponseOfSize(bytes: number, mutate?: (user: Record<string, unknown>, i: number) => void): string {
  const resources: Record<string, unknown>[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const user: Record<string, unknown> = {
      schemas: [USER, ENTERPRISE],
      id: `2819c223-7f76-453a-919d-${String(i).padStart(12, '0')}`,
      externalId: `ext-${i}`,
      userName: `user${i}@example.com`,
      name: { formatted: `Ms. Barbara ${i} Jensen`, familyName: 'Jensen', givenName: `Barbara ${i}` },
      displayName: `Babs ${i}`,
      emails: [
        { value: `user${i}@example.com`, type: 'work', primary: true },
        { value: `babs${i}@jensen.org`, type: 'home' },
      ],
      active: i % 7 !== 0,
      [ENTERPRISE]: { employeeNumber: String(i), department: 'Tour Operations', manager: { value: 'm-1', displayName: 'John Smith' } },
      meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', location: `https://example.com/v2/Users/${i}` },
    };
    mutate?.(user, i);
    resources.push(user);
    size += JSON.stringify(user, null, 2).length + 6;
  }
  return JSON.stringify(
    { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: resources.length * 3, itemsPerPage: resources.length, startIndex: 1, Resources: resources },
    null,
    2,
  );
}

export async function run(): Promise<BenchResult[]> {
  const clean = listResponseOfSize(5 * 1024 * 1024);
  // Every 50th user carries an Entra-style string boolean: findings to locate all through the document.
  const withFindings = listResponseOfSize(5 * 1024 * 1024, (u, i) => {
    if (i % 50 === 0) u.active = 'False';
  });
  if (analyzePayload(clean).findings.length !== 0) throw new Error('bench document should be clean');
  const results: BenchResult[] = [];
  const a = compare(() => analyzePayload(clean), () => JSON.parse(clean), 3, 500);
  results.push({ name: 'analyzePayload 5 MB ListResponse, clean', ops: a.ops, baseline: 'JSON.parse', ratio: a.ratio, target: 5 });
  const b = compare(() => analyzePayload(withFindings), () => JSON.parse(withFindings), 3, 500);
  results.push({ name: 'analyzePayload 5 MB ListResponse, 2% with findings', ops: b.ops, baseline: 'JSON.parse', ratio: b.ratio });
  return results;
}
