// Reads one ListResponse into the few facts the paging checks need: the resources' ids (never the resources,
// so a walk of 100k users keeps only ids), the paging numbers read leniently, what was wrong with them, and the
// cursor of the next page.
import type { SendResult } from '../http';

export interface ListPage {
  exchangeId: string;
  status?: number;
  /** A 200 answer whose body has a Resources array (or no Resources with totalResults 0). */
  isList: boolean;
  /** Ids of the page's resources, in order (resources without an id are counted, not listed). */
  ids: string[];
  returned: number;
  /** Paging numbers, read leniently: "250" counts as 250 (the problem is in `nonIntegers`). */
  totalResults?: number;
  itemsPerPage?: number;
  startIndex?: number;
  nextCursor?: string;
  /** `totalResults "250" (a string)`, `itemsPerPage missing on a partial page`. */
  nonIntegers: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function lenient(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `${JSON.stringify(v)} (a string)`;
  if (typeof v === 'number') return `${v} (not a whole number)`;
  return `${JSON.stringify(v)} (${v === null ? 'null' : typeof v})`;
}

/** Attribute names are case-insensitive in SCIM; servers mostly spell them as the RFC does. */
function field(body: Record<string, unknown>, name: string): unknown {
  if (name in body) return body[name];
  const lower = name.toLowerCase();
  const key = Object.keys(body).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : body[key];
}

export function readListPage(result: SendResult, opts: { cursor?: boolean } = {}): ListPage {
  const page: ListPage = { exchangeId: result.exchange.id, isList: false, ids: [], returned: 0, nonIntegers: [] };
  if (result.status !== undefined) page.status = result.status;
  const body = result.json;
  if (result.status !== 200 || !isObject(body)) return page;
  const resources = field(body, 'Resources');
  const rawTotal = field(body, 'totalResults');
  if (resources !== undefined && !Array.isArray(resources)) return page;
  if (resources === undefined && rawTotal === undefined) return page;
  page.isList = true;
  const list = Array.isArray(resources) ? resources : [];
  page.returned = list.length;
  for (const r of list) {
    const id = isObject(r) ? r['id'] : undefined;
    if (typeof id === 'string' && id !== '') page.ids.push(id);
  }
  const total = lenient(rawTotal);
  if (total !== undefined) page.totalResults = total;
  const partial = total === undefined || total > list.length;
  const numbers: [string, unknown, boolean][] = [
    // RFC 9865 lets a cursor page leave totalResults out when it cannot be estimated.
    ['totalResults', rawTotal, !opts.cursor],
    ['itemsPerPage', field(body, 'itemsPerPage'), partial],
    ['startIndex', field(body, 'startIndex'), partial && !opts.cursor],
  ];
  for (const [name, raw, required] of numbers) {
    const n = lenient(raw);
    if (name === 'itemsPerPage' && n !== undefined) page.itemsPerPage = n;
    if (name === 'startIndex' && n !== undefined) page.startIndex = n;
    if (raw === undefined) {
      if (required) page.nonIntegers.push(`${name} missing${name === 'totalResults' ? '' : ' on a partial page'}`);
    } else if (!(typeof raw === 'number' && Number.isInteger(raw))) {
      page.nonIntegers.push(`${name} ${describe(raw)}`);
    }
  }
  const next = field(body, 'nextCursor');
  if (typeof next === 'string' && next !== '') page.nextCursor = next;
  return page;
}
