// What a server says about itself in /ServiceProviderConfig and /ResourceTypes, read leniently: a claim the
// document does not make stays undefined, so later probes compare only what was claimed.

export interface PaginationClaims {
  cursor?: boolean;
  index?: boolean;
  defaultPaginationMethod?: string;
  defaultPageSize?: number;
  maxPageSize?: number;
  /** Seconds a cursor stays valid. */
  cursorTimeout?: number;
}

export interface DiscoveryClaims {
  patch?: boolean;
  bulk?: { supported: boolean; maxOperations?: number; maxPayloadSize?: number };
  filter?: { supported: boolean; maxResults?: number };
  changePassword?: boolean;
  sort?: boolean;
  etag?: boolean;
  /** The cursor-pagination specification's `pagination` block, when present. */
  pagination?: PaginationClaims;
  authenticationSchemes: string[];
  /** Exchange id of the ServiceProviderConfig answer, the evidence for every claim. */
  evidence: string;
}

export interface ResourceTypeClaim {
  name: string;
  endpoint: string;
  schema: string;
  extensions: string[];
}

const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function supported(v: unknown): boolean | undefined {
  return bool(obj(v)?.['supported']);
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Claims of a ServiceProviderConfig body (RFC 7643 §5 plus the cursor-pagination `pagination` block). */
export function readServiceProviderConfig(body: unknown, evidence: string): DiscoveryClaims {
  const spc = obj(body) ?? {};
  const claims: DiscoveryClaims = { authenticationSchemes: [], evidence };
  const patch = supported(spc['patch']);
  if (patch !== undefined) claims.patch = patch;
  const bulk = obj(spc['bulk']);
  const bulkSupported = supported(bulk);
  if (bulkSupported !== undefined) {
    claims.bulk = defined({ supported: bulkSupported, maxOperations: num(bulk?.['maxOperations']), maxPayloadSize: num(bulk?.['maxPayloadSize']) });
  }
  const filter = obj(spc['filter']);
  const filterSupported = supported(filter);
  if (filterSupported !== undefined) claims.filter = defined({ supported: filterSupported, maxResults: num(filter?.['maxResults']) });
  for (const key of ['changePassword', 'sort', 'etag'] as const) {
    const s = supported(spc[key]);
    if (s !== undefined) claims[key] = s;
  }
  const pagination = obj(spc['pagination']);
  if (pagination) {
    claims.pagination = defined({
      cursor: bool(pagination['cursor']),
      index: bool(pagination['index']),
      defaultPaginationMethod: typeof pagination['defaultPaginationMethod'] === 'string' ? pagination['defaultPaginationMethod'] : undefined,
      defaultPageSize: num(pagination['defaultPageSize']),
      maxPageSize: num(pagination['maxPageSize']),
      cursorTimeout: num(pagination['cursorTimeout']),
    });
  }
  const schemes = Array.isArray(spc['authenticationSchemes']) ? spc['authenticationSchemes'] : [];
  for (const s of schemes) {
    const type = obj(s)?.['type'];
    if (typeof type === 'string') claims.authenticationSchemes.push(type);
  }
  return claims;
}

/** ResourceType documents from a /ResourceTypes answer (a ListResponse or a bare array). */
export function readResourceTypes(body: unknown): ResourceTypeClaim[] {
  const list = Array.isArray(body) ? body : Array.isArray(obj(body)?.['Resources']) ? (obj(body)?.['Resources'] as unknown[]) : [];
  const out: ResourceTypeClaim[] = [];
  for (const item of list) {
    const rt = obj(item);
    if (!rt || typeof rt['name'] !== 'string' || typeof rt['endpoint'] !== 'string' || typeof rt['schema'] !== 'string') continue;
    const extensions = Array.isArray(rt['schemaExtensions'])
      ? rt['schemaExtensions'].map((e) => obj(e)?.['schema']).filter((s): s is string => typeof s === 'string')
      : [];
    out.push({ name: rt['name'], endpoint: rt['endpoint'], schema: rt['schema'], extensions });
  }
  return out;
}
