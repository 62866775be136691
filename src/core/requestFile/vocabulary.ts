// What a SCIM request line and header section may say (RFC 7644): resource paths, query parameters, headers.
// Completion offers these, hover explains them, the analysis catches near misses.
import type { SchemaCatalog } from '../scim/catalog';
import { allResourceSchemas } from '../payloadLanguage/frame';

export interface Term {
  name: string;
  description: string;
}

export const RESOURCE_PATHS: readonly Term[] = [
  { name: '/Users', description: 'Users: GET lists or filters (`?filter=`), POST creates (RFC 7644 §3.3, §3.4.2).' },
  { name: '/Groups', description: 'Groups: GET lists or filters, POST creates.' },
  { name: '/Users/{{lastResponse.id}}', description: 'The user the last response returned: GET, PUT, PATCH, DELETE it.' },
  { name: '/Groups/{{lastResponse.id}}', description: 'The group the last response returned.' },
  { name: '/Me', description: 'The authenticated subject (RFC 7644 §3.11); many servers answer 501.' },
  { name: '/ServiceProviderConfig', description: 'What the server supports: PATCH, Bulk, filter, sort, ETags, auth schemes (RFC 7644 §4).' },
  { name: '/ResourceTypes', description: 'The resource types the server serves and their schemas (RFC 7644 §4).' },
  { name: '/Schemas', description: 'The schemas the server uses, custom attributes included (RFC 7644 §4).' },
  { name: '/Bulk', description: 'Many operations in one POST, with bulkId references (RFC 7644 §3.7).' },
  { name: '/.search', description: 'POST a SearchRequest across resource types (RFC 7644 §3.4.3).' },
  { name: '/Users/.search', description: 'POST a SearchRequest over users: the filter travels in the body, not the URL.' },
  { name: '/Groups/.search', description: 'POST a SearchRequest over groups.' },
];

export const QUERY_PARAMETERS: readonly Term[] = [
  { name: 'filter', description: 'Which resources to return (RFC 7644 §3.4.2.2), e.g. `userName eq "bjensen"`.' },
  { name: 'startIndex', description: '1-based index of the first result (§3.4.2.4); values below 1 count as 1.' },
  { name: 'count', description: 'Results per page (§3.4.2.4); 0 returns only totalResults.' },
  { name: 'attributes', description: 'Comma-separated attributes to return (§3.4.2.5), e.g. `userName,emails`.' },
  { name: 'excludedAttributes', description: 'Comma-separated attributes to leave out, e.g. `members`.' },
  { name: 'sortBy', description: 'The attribute to sort by (§3.4.2.3).' },
  { name: 'sortOrder', description: '`ascending` (the default) or `descending`.' },
  { name: 'cursor', description: 'Cursor-based paging: empty for the first page, then the previous response\'s `nextCursor`.' },
];

export const HEADERS: readonly (Term & { values?: string[] })[] = [
  { name: 'Content-Type', description: 'The body\'s media type; SCIM uses `application/scim+json` (sent by default with a body).', values: ['application/scim+json', 'application/json'] },
  { name: 'Accept', description: 'The media types accepted in the response (default `application/scim+json`).', values: ['application/scim+json', 'application/json'] },
  { name: 'If-Match', description: 'Only change the resource if its version (ETag) still matches; otherwise 412 (RFC 7644 §3.14).', values: ['{{lastResponse.meta.version}}', '{{lastResponse.headers.ETag}}'] },
  { name: 'If-None-Match', description: 'Answer 304 if the resource still has this version (RFC 7644 §3.14).', values: ['{{lastResponse.meta.version}}', '{{lastResponse.headers.ETag}}'] },
  { name: 'User-Agent', description: 'Who is calling; SCIM Workbench sends its own name by default.' },
];

export const SORT_ORDERS = ['ascending', 'descending'];

/** The schemas a query's attribute names resolve against: the resource type whose endpoint the path names. */
export function schemasForPath(path: string, catalog: SchemaCatalog): string[] {
  const segments = path.split(/[/?]/).map((s) => s.toLowerCase());
  for (const rt of catalog.allResourceTypes()) {
    const endpoint = rt.endpoint.replace(/^\//, '').toLowerCase();
    if (endpoint !== '' && segments.includes(endpoint)) return [rt.schema, ...rt.schemaExtensions.map((e) => e.schema)];
  }
  return allResourceSchemas(catalog);
}
