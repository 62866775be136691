// Requests on the resources a run created, and the small readings of their answers the writing probes share.
// Every write goes through here, so "probes write only to resources they created" is enforced in one place.
import type { SendResult } from '../http';
import type { CreatedResource, ProbeContext } from './context';
import type { PatchBody } from './idpProfiles';

export type Json = Record<string, unknown>;

function assertOwn(ctx: ProbeContext, r: CreatedResource): string {
  if (r.id === undefined || !ctx.isOwn(r.kind, r.id)) throw new Error(`refusing to write to ${r.kind} ${r.name}: this run did not create it`);
  return r.id;
}

export function resourcePath(r: CreatedResource): string {
  return `/${r.kind}/${encodeURIComponent(r.id ?? '')}`;
}

/**
 * The probes' PATCHes set values, remove them, or add members (which RFC 7644 §3.5.2.1 makes a no-op when they are
 * there): repeating one is harmless, so the engine may retry it after a 5xx or a reset like a PUT.
 */
export function patchOwn(ctx: ProbeContext, r: CreatedResource, body: PatchBody): Promise<SendResult> {
  assertOwn(ctx, r);
  return ctx.send({ method: 'PATCH', path: resourcePath(r), body }, { retryNonIdempotent: true });
}

export function putOwn(ctx: ProbeContext, r: CreatedResource, body: Json): Promise<SendResult> {
  assertOwn(ctx, r);
  return ctx.send({ method: 'PUT', path: resourcePath(r), body });
}

export function readOwn(ctx: ProbeContext, r: CreatedResource, query?: Record<string, string>): Promise<SendResult> {
  return ctx.send({ method: 'GET', path: resourcePath(r), ...(query ? { query } : {}) });
}

/** The answer's body when it is a JSON object. */
export function bodyOf(result: SendResult): Json | undefined {
  const v = result.json;
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

/** `Resources` of a ListResponse (empty when the answer is not one). */
export function resourcesOf(result: SendResult): Json[] {
  const list = bodyOf(result)?.['Resources'];
  return Array.isArray(list) ? list.filter((r): r is Json => !!r && typeof r === 'object' && !Array.isArray(r)) : [];
}

/** `400 invalidPath: detail`, `503`, or the transport failure, for messages. */
export function outcome(result: SendResult): string {
  if (result.exchange.error) return result.exchange.error.message;
  const body = bodyOf(result);
  const scimType = typeof body?.['scimType'] === 'string' ? ` ${body['scimType']}` : '';
  const detail = typeof body?.['detail'] === 'string' ? `: ${String(body['detail']).slice(0, 200)}` : '';
  return `${result.status ?? '?'}${scimType}${detail}`;
}

/** A 4xx answer: the server understood and refused. */
export function refused(result: SendResult): boolean {
  return result.status !== undefined && result.status >= 400 && result.status < 500;
}

/** Case-insensitive attribute lookup (RFC 7643 §2.1: attribute names are case-insensitive). */
export function attr(resource: Json | undefined, name: string): unknown {
  if (!resource) return undefined;
  if (name in resource) return resource[name];
  const lower = name.toLowerCase();
  const key = Object.keys(resource).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : resource[key];
}

/** The `value`s of a multi-valued reference attribute (`members`, `groups`); undefined when it is absent. */
export function referenceValues(resource: Json | undefined, name: string): string[] | undefined {
  const list = attr(resource, name);
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) return [];
  return list.map((m) => (m && typeof m === 'object' ? (m as Json)['value'] : undefined)).filter((v): v is string => typeof v === 'string');
}

/** Seconds with one decimal, for timelines. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
