// discovery: what the server says about itself (/ServiceProviderConfig, /ResourceTypes, /Schemas). Records the
// claims later probes compare with behaviour, loads the server's schemas into the catalog, and checks the two
// claims that read-only requests can test here: sorting and ETags.
import type { SendResult } from '../http';
import { SchemaCatalog } from '../scim/catalog';
import type { ProbeContext } from './context';
import { readResourceTypes, readServiceProviderConfig, type DiscoveryClaims } from './discoveryClaims';
import type { Json, Probe } from './types';

const ENDPOINTS = [
  { path: '/ServiceProviderConfig', field: 'serviceProviderConfig' },
  { path: '/ResourceTypes', field: 'resourceTypes' },
  { path: '/Schemas', field: 'schemas' },
] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** A usable discovery answer: 200 with a JSON object (a ListResponse for the two collections). */
function usable(path: string, r: SendResult): string | undefined {
  if (r.exchange.error) return r.exchange.error.message;
  if (!r.ok) return `answered ${r.status}`;
  if (!isObject(r.json)) return 'answered without a JSON object';
  if (path !== '/ServiceProviderConfig' && !Array.isArray(r.json['Resources'])) return 'answered without a Resources list';
  return undefined;
}

function describeClaims(c: DiscoveryClaims): string {
  const on: string[] = [];
  if (c.patch) on.push('patch');
  if (c.filter?.supported) on.push(`filter${c.filter.maxResults !== undefined ? ` (max ${c.filter.maxResults})` : ''}`);
  if (c.sort) on.push('sort');
  if (c.etag) on.push('etag');
  if (c.bulk?.supported) on.push(`bulk${c.bulk.maxOperations !== undefined ? ` (${c.bulk.maxOperations} ops)` : ''}`);
  if (c.pagination?.cursor) on.push('cursor paging');
  return on.length ? on.join(', ') : 'no optional features';
}

async function firstUserId(ctx: ProbeContext): Promise<{ id: string; evidence: string } | undefined> {
  const list = await ctx.send({ method: 'GET', path: '/Users', query: { count: 1 } });
  const first = (list.json as { Resources?: unknown[] } | undefined)?.Resources?.[0] as { id?: unknown } | undefined;
  return typeof first?.id === 'string' ? { id: first.id, evidence: list.exchange.id } : undefined;
}

async function checkEtag(ctx: ProbeContext, claims: DiscoveryClaims): Promise<void> {
  if (claims.etag !== true) {
    ctx.check('ETag claim', 'skipped', 'ServiceProviderConfig does not claim ETag support');
    return;
  }
  const user = await firstUserId(ctx);
  if (!user) {
    ctx.check('ETag claim', 'skipped', 'no user to read (the Users list is empty or unreadable)');
    return;
  }
  const got = await ctx.send({ method: 'GET', path: `/Users/${encodeURIComponent(user.id)}` });
  const etag = got.exchange.response?.headers['etag'];
  if (!got.ok || !etag) {
    const f = ctx.finding('DISCOVERY_CLAIM_CONTRADICTED', `ServiceProviderConfig claims ETag support, but GET /Users/{id} ${got.ok ? 'has no ETag header' : `answered ${got.status}`}.`, [claims.evidence, got.exchange.id]);
    ctx.check('ETag claim', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
    return;
  }
  const again = await ctx.send({ method: 'GET', path: `/Users/${encodeURIComponent(user.id)}`, headers: { 'If-None-Match': etag } });
  if (again.status !== 304) {
    const f = ctx.finding('DISCOVERY_CLAIM_CONTRADICTED', `ServiceProviderConfig claims ETag support, but GET with If-None-Match: ${etag} answered ${again.status ?? again.exchange.error?.kind} instead of 304 Not Modified.`, [claims.evidence, got.exchange.id, again.exchange.id]);
    ctx.check('ETag claim', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
    return;
  }
  ctx.check('ETag claim', 'pass', `ETag ${etag}; If-None-Match answered 304`, { evidence: [got.exchange.id, again.exchange.id] });
}

function sortedBy(values: string[], compare: (a: string, b: string) => number): boolean {
  for (let i = 1; i < values.length; i++) if (compare(values[i - 1] as string, values[i] as string) > 0) return false;
  return true;
}

async function checkSort(ctx: ProbeContext, claims: DiscoveryClaims): Promise<void> {
  if (claims.sort !== true) {
    ctx.check('sort claim', 'skipped', 'ServiceProviderConfig does not claim sorting');
    return;
  }
  const r = await ctx.send({ method: 'GET', path: '/Users', query: { sortBy: 'userName', sortOrder: 'ascending', count: 20 } });
  const names = ((r.json as { Resources?: unknown[] } | undefined)?.Resources ?? [])
    .map((u) => (u as { userName?: unknown }).userName)
    .filter((n): n is string => typeof n === 'string');
  // Servers sort by code point, case-insensitively or by locale: any of them honours the claim.
  const ok = r.ok && (sortedBy(names, (a, b) => (a < b ? -1 : a > b ? 1 : 0)) ||
    sortedBy(names, (a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)) ||
    sortedBy(names, (a, b) => a.localeCompare(b)));
  if (!ok) {
    const f = ctx.finding('DISCOVERY_CLAIM_CONTRADICTED', r.ok
      ? 'ServiceProviderConfig claims sorting, but sortBy=userName returned users out of order.'
      : `ServiceProviderConfig claims sorting, but sortBy=userName answered ${r.status ?? r.exchange.error?.kind}.`, [claims.evidence, r.exchange.id]);
    ctx.check('sort claim', 'fail', f.message, { codes: [f.code], evidence: f.evidence });
    return;
  }
  ctx.check('sort claim', 'pass', `sortBy=userName returned ${names.length} users in order`, { evidence: [r.exchange.id] });
}

export const discoveryProbe: Probe = {
  name: 'discovery',
  title: 'Reading ServiceProviderConfig, ResourceTypes and Schemas',
  writes: 'never',
  async run(ctx) {
    const answers = new Map<string, SendResult>();
    let served = 0;
    for (const { path, field } of ENDPOINTS) {
      const r = await ctx.send({ method: 'GET', path });
      answers.set(path, r);
      const problem = usable(path, r);
      ctx.field(['endpoints', field], problem === undefined, { evidence: [r.exchange.id] });
      if (problem === undefined) {
        served++;
        ctx.check(`GET ${path}`, 'pass', `200 (${r.exchange.timings.totalMs} ms)`, { evidence: [r.exchange.id] });
      } else {
        const f = ctx.finding('DISCOVERY_ENDPOINT_MISSING', `GET ${path} ${problem}: clients cannot discover what this application supports.`, [r.exchange.id]);
        ctx.check(`GET ${path}`, 'fail', f.message, { codes: [f.code], evidence: [r.exchange.id] });
      }
    }
    ctx.observe('endpointsServed', served);

    const spc = answers.get('/ServiceProviderConfig');
    if (spc && usable('/ServiceProviderConfig', spc) === undefined) {
      const claims = readServiceProviderConfig(spc.json, spc.exchange.id);
      ctx.claims = claims;
      const figures: Record<string, Json> = {
        patch: claims.patch ?? null,
        filter: claims.filter?.supported ?? null,
        maxResults: claims.filter?.maxResults ?? null,
        sort: claims.sort ?? null,
        etag: claims.etag ?? null,
        bulk: claims.bulk?.supported ?? null,
        bulkMaxOperations: claims.bulk?.maxOperations ?? null,
        bulkMaxPayloadSize: claims.bulk?.maxPayloadSize ?? null,
        changePassword: claims.changePassword ?? null,
        cursorPagination: claims.pagination?.cursor ?? null,
        indexPagination: claims.pagination?.index ?? null,
        authenticationSchemes: claims.authenticationSchemes,
      };
      for (const [k, v] of Object.entries(figures)) ctx.observe(k, v);
      ctx.summary(`${served}/3 endpoints · ${describeClaims(claims)}`);
    } else {
      ctx.summary(`${served}/3 endpoints · no ServiceProviderConfig`);
    }

    const types = answers.get('/ResourceTypes');
    const schemas = answers.get('/Schemas');
    const typesOk = types && usable('/ResourceTypes', types) === undefined;
    const schemasOk = schemas && usable('/Schemas', schemas) === undefined;
    if (typesOk) {
      const resourceTypes = readResourceTypes(types.json);
      ctx.observe('resourceTypes', resourceTypes.map((t) => t.name));
      const extensions = [...new Set(resourceTypes.flatMap((t) => t.extensions))].sort();
      ctx.observe('schemaExtensions', extensions);
      ctx.field(['schemaExtensions'], extensions, { compare: 'set', evidence: [types.exchange.id] });
    }
    if (schemasOk || typesOk) {
      const catalog = SchemaCatalog.standard().withServerDocuments({
        ...(schemasOk ? { schemas: schemas.json } : {}),
        ...(typesOk ? { resourceTypes: types.json } : {}),
      });
      ctx.catalog = catalog;
      ctx.observe('schemasLoaded', catalog.allSchemas().length);
    }

    if (ctx.claims) {
      await checkSort(ctx, ctx.claims);
      await checkEtag(ctx, ctx.claims);
    }
  },
};
