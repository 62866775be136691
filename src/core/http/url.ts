// Where a request goes: a path below the application's baseUrl, or an absolute URL on the same origin. The
// application's credentials never go to another origin, so an absolute URL elsewhere is refused up front.
import { ScimConfigError, type ScimRequest } from './types';

export function buildUrl(baseUrl: string, path: string, query?: ScimRequest['query']): URL {
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new ScimConfigError('BAD_URL', `baseUrl '${baseUrl}' is not an absolute URL.`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new ScimConfigError('BAD_URL', `baseUrl '${baseUrl}' is not an http(s) URL.`);
  let url: URL;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
    try {
      url = new URL(path);
    } catch {
      throw new ScimConfigError('BAD_URL', `'${path}' is not a URL.`);
    }
    if (url.origin !== base.origin) {
      throw new ScimConfigError('OTHER_ORIGIN', `${url.origin} is not the application's origin (${base.origin}); its credentials are only sent there.`);
    }
  } else {
    const root = base.href.replace(/\/+$/, '');
    const rel = path === '' ? '' : path.startsWith('/') || path.startsWith('?') ? path : `/${path}`;
    try {
      url = new URL(root + rel);
    } catch {
      throw new ScimConfigError('BAD_URL', `'${path}' does not make a URL below ${root}.`);
    }
  }
  for (const [key, raw] of Object.entries(query ?? {})) {
    const values = Array.isArray(raw) ? (raw as readonly string[]) : [String(raw)];
    for (const v of values) url.searchParams.append(key, v);
  }
  // URLSearchParams writes spaces as "+", which some SCIM servers read literally inside filters.
  if (query && Object.keys(query).length > 0) url.search = url.search.replace(/\+/g, '%20');
  return url;
}
