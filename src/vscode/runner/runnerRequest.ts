// Conversions between the panel's form (RunnerRequest), the engine's ScimRequest, a resolved request-file request,
// and request-file text ("Open as .scim file"). Pure: no vscode import (unit-tested).
import type { ScimRequest } from '../../core/http';
import { QUERY_FIELDS, type QueryField, type RunnerRequest } from '../../core/protocol';
import { METHODS, type ResolvedRequest } from '../../core/requestFile';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function emptyRequest(appId = ''): RunnerRequest {
  return { appId, method: 'GET', path: '/Users', query: {}, headers: [], body: '' };
}

/** The form as the engine's request, or what stops it from being sent. */
export function toScimRequest(r: RunnerRequest): { ok: true; request: ScimRequest } | { ok: false; message: string } {
  const method = r.method.trim().toUpperCase();
  if (!(METHODS as readonly string[]).includes(method)) return { ok: false, message: `"${r.method}" is not an HTTP method (${METHODS.join(', ')}).` };
  const path = r.path.trim();
  if (!path.startsWith('/') && !/^https?:\/\//i.test(path)) return { ok: false, message: 'The path must start with / (below the application\'s baseUrl) or be an http(s) URL.' };
  const headers: Record<string, string> = {};
  for (const h of r.headers) {
    const name = h.name.trim();
    if (name === '' && h.value.trim() === '') continue;
    if (!HEADER_NAME.test(name)) return { ok: false, message: `"${h.name}" is not a header name.` };
    headers[name] = h.value.trim();
  }
  const query: Record<string, string> = {};
  for (const f of QUERY_FIELDS) {
    const v = r.query[f]?.trim();
    if (v) query[f] = v;
  }
  const request: ScimRequest = { method, path, query, headers };
  if (r.body.trim() !== '') {
    try {
      JSON.parse(r.body);
    } catch (err) {
      return { ok: false, message: `The body is not JSON: ${(err as Error).message}` };
    }
    request.body = r.body;
  }
  return { ok: true, request };
}

/**
 * A request-file request as the panel's form (for history and re-send): the URL relative to the application's
 * baseUrl when it is below it, the SCIM query parameters in their fields.
 */
export function fromResolvedRequest(appId: string, baseUrl: string, resolved: ResolvedRequest): RunnerRequest {
  const url = new URL(resolved.url);
  const query: Partial<Record<QueryField, string>> = {};
  const rest = new URLSearchParams();
  for (const [k, v] of url.searchParams) {
    if ((QUERY_FIELDS as readonly string[]).includes(k) && query[k as QueryField] === undefined) query[k as QueryField] = v;
    else rest.append(k, v);
  }
  const base = baseUrl.replace(/\/+$/, '');
  const restText = rest.toString();
  const bare = url.origin + url.pathname;
  const path = (bare.toLowerCase().startsWith(base.toLowerCase()) ? bare.slice(base.length) || '/' : bare) + (restText ? `?${restText}` : '');
  return {
    appId, method: resolved.method, path, query,
    headers: Object.entries(resolved.headers).map(([name, value]) => ({ name, value })),
    body: resolved.body ?? '',
  };
}

/** What a query value may not contain as written in a request file (`&` separates, `#` comments, `+` is a space). */
function requestFileQueryValue(v: string): string {
  return v.replace(/[%&#+\r\n]/g, (c) => encodeURIComponent(c));
}

/** The form as a request file (`SCIM: Open as .scim file`). */
export function toRequestFileText(r: RunnerRequest, name = 'from the request runner'): string {
  const lines = [`# @app ${r.appId}`, '', `### ${name}`];
  const query = QUERY_FIELDS.filter((f) => (r.query[f] ?? '').trim() !== '').map((f) => `${f}=${requestFileQueryValue((r.query[f] as string).trim())}`);
  const path = r.path.trim() || '/';
  const hasQuery = path.includes('?');
  lines.push(`${r.method.trim().toUpperCase() || 'GET'} ${path}`);
  query.forEach((q, i) => lines.push(`  ${i === 0 && !hasQuery ? '?' : '&'}${q}`));
  for (const h of r.headers) if (h.name.trim() !== '') lines.push(`${h.name.trim()}: ${h.value.trim()}`);
  if (r.body.trim() !== '') {
    if (!r.headers.some((h) => h.name.trim().toLowerCase() === 'content-type')) lines.push('Content-Type: application/scim+json');
    lines.push('', r.body.trim());
  }
  return lines.join('\n') + '\n';
}
