// The filters the filters probe sends, built from users the server already has (it never creates any): one
// case per operator and per commonly filtered attribute, each with what its answer must contain.
import { URN } from '../scim/types';

type Resource = Record<string, unknown>;

export interface FilterCase {
  /** Operator (`eq`, `and`, `[]` for a value filter) or attribute (`externalId`) the case stands for. */
  label: string;
  filter: string;
  /** Resources the answer must hold (when it holds every match). */
  includes: Resource[];
}

const q = (v: string): string => JSON.stringify(v);

function str(r: Resource, key: string): string | undefined {
  const v = r[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function sub(r: Resource, key: string, subKey: string): string | undefined {
  const v = r[key];
  return v && typeof v === 'object' && !Array.isArray(v) ? str(v as Resource, subKey) : undefined;
}

function firstEmail(r: Resource): { value: string; type?: string } | undefined {
  const emails = r['emails'];
  if (!Array.isArray(emails)) return undefined;
  for (const e of emails) {
    const value = e && typeof e === 'object' ? (e as Resource)['value'] : undefined;
    if (typeof value === 'string' && value !== '') {
      const type = (e as Resource)['type'];
      return typeof type === 'string' ? { value, type } : { value };
    }
  }
  return undefined;
}

/** `eq` on the attributes IdPs look users up by, where the reference user has a value. */
export function attributeCases(u: Resource): FilterCase[] {
  const out: FilterCase[] = [];
  const add = (label: string, value: string | boolean | undefined): void => {
    if (value === undefined) return;
    out.push({ label, filter: `${label} eq ${typeof value === 'boolean' ? String(value) : q(value)}`, includes: [u] });
  };
  add('externalId', str(u, 'externalId'));
  add('displayName', str(u, 'displayName'));
  add('name.familyName', sub(u, 'name', 'familyName'));
  add('emails.value', firstEmail(u)?.value);
  add(`${URN.enterpriseUser}:employeeNumber`, sub(u, URN.enterpriseUser, 'employeeNumber'));
  const active = u['active'];
  if (typeof active === 'boolean') add('active', active);
  return out;
}

/** Middle, start and end of a userName, long enough to select few users. */
function pieces(userName: string): { mid: string; head: string; tail: string } {
  const n = userName.length;
  const k = Math.max(1, Math.min(n, Math.ceil(n * 0.6)));
  const from = Math.floor((n - Math.min(n, k)) / 2);
  return { mid: userName.slice(from, from + k), head: userName.slice(0, k), tail: userName.slice(n - k) };
}

/**
 * One case per operator. `andWith` is an attribute case that worked, so `and` is tested on its own merits;
 * without one, `and` repeats the userName comparison.
 */
export function operatorCases(u: Resource, v: Resource | undefined, andWith: FilterCase | undefined): FilterCase[] {
  const name = str(u, 'userName') as string;
  const { mid, head, tail } = pieces(name);
  const cases: FilterCase[] = [
    { label: 'eq', filter: `userName eq ${q(name)}`, includes: [u] },
    { label: 'ne', filter: `userName ne ${q(name)}`, includes: [] },
    { label: 'co', filter: `userName co ${q(mid)}`, includes: [u] },
    { label: 'sw', filter: `userName sw ${q(head)}`, includes: [u] },
    { label: 'ew', filter: `userName ew ${q(tail)}`, includes: [u] },
    { label: 'pr', filter: 'userName pr', includes: [] },
    { label: 'gt', filter: `userName gt ${q(name)}`, includes: [] },
    { label: 'ge', filter: `userName ge ${q(name)}`, includes: [u] },
    { label: 'lt', filter: `userName lt ${q(name)}`, includes: [] },
    { label: 'le', filter: `userName le ${q(name)}`, includes: [u] },
    { label: 'and', filter: `userName eq ${q(name)} and ${andWith ? andWith.filter : `userName eq ${q(name)}`}`, includes: [u] },
  ];
  const other = v ? str(v, 'userName') : undefined;
  if (v && other) cases.push({ label: 'or', filter: `userName eq ${q(name)} or userName eq ${q(other)}`, includes: [u, v] });
  else cases.push({ label: 'or', filter: `userName eq ${q(name)} or userName eq ${q(`${name}.scimwb-none`)}`, includes: [u] });
  cases.push({ label: 'not', filter: `not (userName eq ${q(name)})`, includes: [] });
  const email = firstEmail(u);
  if (email) {
    cases.push({
      label: '[]',
      filter: email.type ? `emails[type eq ${q(email.type)} and value eq ${q(email.value)}]` : `emails[value eq ${q(email.value)}]`,
      includes: [u],
    });
  }
  return cases;
}

/** The same userName in another case, or undefined when it has no letters to change. */
export function caseVariant(userName: string): string | undefined {
  const upper = userName.toUpperCase();
  if (upper !== userName) return upper;
  const lower = userName.toLowerCase();
  return lower !== userName ? lower : undefined;
}

export const MALFORMED_FILTERS = ['userName eq', 'userName eq "scimwb" and', '(userName eq "scimwb"'] as const;
