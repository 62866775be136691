// `{{lastResponse...}}`: what a request may take from the most recent response of its file.
//   lastResponse.status               the HTTP status (201)
//   lastResponse.headers.Location     a response header, name in any case (repeated headers joined with ", ")
//   lastResponse.body                 the whole body (JSON text, or the text of a non-JSON body)
//   lastResponse.body.<path>          a body field by dotted path: meta.location, emails[0].value, Resources.0.id
//   lastResponse.<path>               the same, for any path not starting with status, headers or body
// Keys match exactly first, then case-insensitively (SCIM attribute names are case-insensitive). When the body is
// a ListResponse that lacks the field, its first resource is searched, so "find by filter, then PATCH it" works.
import type { ResponseSnapshot } from './model';

export type ResponsePath =
  | { root: 'status' }
  | { root: 'headers'; header: string }
  | { root: 'body'; segments: (string | number)[]; shorthand: boolean };

/** Parses the path after `lastResponse` (`name` of a lastResponse reference); an error message when malformed. */
export function parseResponsePath(name: string): { path: ResponsePath } | { error: string } {
  if (name === 'status') return { path: { root: 'status' } };
  if (name === 'headers' || name.startsWith('headers.')) {
    const header = name.slice('headers.'.length);
    if (name === 'headers' || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) return { error: 'Name a header: `{{lastResponse.headers.Location}}`.' };
    return { path: { root: 'headers', header } };
  }
  const explicit = name === 'body' || name.startsWith('body.') || name.startsWith('body[');
  const rest = explicit ? name.slice(4).replace(/^\./, '') : name;
  const segments: (string | number)[] = [];
  if (rest !== '') {
    const re = /([^.[\]\s]+)|\[(\d+)\]/gy;
    let at = 0;
    let expectDot = false;
    while (at < rest.length) {
      if (expectDot && rest[at] === '.') {
        at++;
        expectDot = false;
        continue;
      }
      re.lastIndex = at;
      const m = re.exec(rest);
      if (!m || (expectDot && m[2] === undefined)) return { error: `\`lastResponse.${name}\` is not a path: write fields with dots and indexes in brackets, e.g. \`lastResponse.emails[0].value\`.` };
      segments.push(m[2] !== undefined ? Number(m[2]) : /^\d+$/.test(m[1] ?? '') ? Number(m[1]) : (m[1] as string));
      at = re.lastIndex;
      expectDot = true;
    }
    if (!expectDot) return { error: `\`lastResponse.${name}\` ends with a dot.` };
  }
  return { path: { root: 'body', segments, shorthand: !explicit } };
}

function member(value: unknown, key: string | number): unknown {
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const obj = value as Record<string, unknown>;
  const k = String(key);
  if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
  const lower = k.toLowerCase();
  const found = Object.keys(obj).find((x) => x.toLowerCase() === lower);
  return found === undefined ? undefined : obj[found];
}

function walk(value: unknown, segments: readonly (string | number)[]): unknown {
  let v = value;
  for (const s of segments) {
    v = member(v, s);
    if (v === undefined) return undefined;
  }
  return v;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
}

function headerValue(headers: ResponseSnapshot['headers'], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return typeof v === 'string' ? v : v.join(', ');
  }
  return undefined;
}

/** The text a reference to `path` stands for, or why it has none. */
export function responseValue(response: ResponseSnapshot, path: ResponsePath, written: string): { value: string } | { error: string } {
  switch (path.root) {
    case 'status':
      return { value: String(response.status) };
    case 'headers': {
      const v = headerValue(response.headers, path.header);
      return v === undefined ? { error: `The last response (${response.status}) has no \`${path.header}\` header.` } : { value: v };
    }
    case 'body': {
      if (path.segments.length === 0) {
        if (response.body !== undefined) return { value: text(response.body) };
        return { value: response.bodyText ?? '' };
      }
      if (response.body === undefined) return { error: `The last response (${response.status}) has no JSON body to take \`${written}\` from.` };
      let v = walk(response.body, path.segments);
      const resources = member(response.body, 'Resources');
      if (v === undefined && Array.isArray(resources) && resources.length > 0) v = walk(resources[0], path.segments);
      if (v === undefined) return { error: `The last response (${response.status}) has no \`${path.segments.join('.')}\`.` };
      return { value: text(v) };
    }
  }
}
