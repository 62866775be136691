// Deterministic fixture data: the same (seed, users, groups) always yields the same estate, ids included, so
// tests and demos can name users and expect the same pages. Built with plain loops: 100k users in well under
// a second.
import { createRng } from './random';
import { ResourceStore, type ScimRecord } from './store';

const GIVEN = ['Ada', 'Alan', 'Barbara', 'Claude', 'Donald', 'Edsger', 'Frances', 'Grace', 'Hedy', 'Ivan',
  'Joan', 'Ken', 'Leslie', 'Margaret', 'Niklaus', 'Radia', 'Shafi', 'Tim', 'Whitfield', 'Yukihiro'];
const FAMILY = ['Lovelace', 'Turing', 'Liskov', 'Shannon', 'Knuth', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr',
  'Sutherland', 'Clarke', 'Thompson', 'Lamport', 'Hamilton', 'Wirth', 'Perlman', 'Goldwasser', 'Berners-Lee',
  'Diffie', 'Matsumoto'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Finance', 'Support', 'Research', 'Legal', 'Marketing'];
const TEAMS = ['Platform', 'Identity', 'Payments', 'Mobile', 'Data', 'Security', 'Growth', 'Billing'];

/** Fixed epoch so meta dates are reproducible too (2024-01-01T00:00:00Z). */
const EPOCH = Date.UTC(2024, 0, 1);

const HEX = '0123456789abcdef';

function uuid(rng: () => number): string {
  let s = '';
  for (let i = 0; i < 32; i++) {
    const nibble = i === 12 ? 4 : i === 16 ? 8 + Math.floor(rng() * 4) : Math.floor(rng() * 16);
    s += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) s += '-';
  }
  return s;
}

function pick<T>(list: readonly T[], rng: () => number): T {
  return list[Math.floor(rng() * list.length)] as T;
}

export interface SeedCounts {
  users: number;
  groups: number;
}

export function seedStores(users: ResourceStore, groups: ResourceStore, counts: SeedCounts, seed: number): void {
  const rng = createRng(seed);
  const userIds: string[] = [];
  for (let i = 0; i < counts.users; i++) {
    const given = pick(GIVEN, rng);
    const family = pick(FAMILY, rng);
    const login = `${given}.${family}${i + 1}`.toLowerCase();
    const stamp = new Date(EPOCH + i * 60_000).toISOString();
    const id = uuid(rng);
    const record: ScimRecord = {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
      id,
      externalId: `ext-${i + 1}`,
      userName: `${login}@example.com`,
      name: { givenName: given, familyName: family, formatted: `${given} ${family}` },
      displayName: `${given} ${family}`,
      active: rng() > 0.1,
      emails: [{ value: `${login}@example.com`, type: 'work', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
        employeeNumber: String(100000 + i),
        department: pick(DEPARTMENTS, rng),
      },
      meta: { resourceType: 'User', created: stamp, lastModified: stamp, version: users.nextVersion() },
    };
    users.insert(record);
    userIds.push(id);
  }
  for (let g = 0; g < counts.groups; g++) {
    const stamp = new Date(EPOCH + g * 3_600_000).toISOString();
    // Small groups keep GET /Groups cheap; membership is still spread over the whole user range.
    const size = userIds.length === 0 ? 0 : Math.min(userIds.length, 1 + Math.floor(rng() * 5));
    const members: { value: string; type: string }[] = [];
    const seen = new Set<string>();
    for (let m = 0; m < size; m++) {
      const id = userIds[Math.floor(rng() * userIds.length)] as string;
      if (seen.has(id)) continue;
      seen.add(id);
      members.push({ value: id, type: 'User' });
    }
    groups.insert({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      id: uuid(rng),
      displayName: `${pick(TEAMS, rng)} ${g + 1}`,
      members,
      meta: { resourceType: 'Group', created: stamp, lastModified: stamp, version: groups.nextVersion() },
    });
  }
}
