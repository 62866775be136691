// RFC 7644 §3 message schemas. The RFC defines them in prose only (no §8.7-style representation), so these
// definitions translate the prose; `anyValue` marks members whose content is another document.
import type { SchemaDefinition } from '../types';
import { SCIM_TYPES, URN } from '../types';
import { attr, complex, int, ref, section, str, type Attr } from './define';

const any = (name: string, description: string, o: Partial<Attr> = {}): Attr => attr(name, 'complex', description, { ...o, anyValue: true });

export const LIST_RESPONSE_SCHEMA: SchemaDefinition = {
  id: URN.listResponse,
  name: 'ListResponse',
  description: 'A page of query results',
  rfcSection: 'RFC 7644 §3.4.2',
  source: 'rfc',
  attributes: [
    ...section(
      [
        int('totalResults', 'The total number of results returned by the list or query operation (may exceed the resources on this page). REQUIRED, except that cursor-paged responses may omit it.', { required: true }),
        any('Resources', 'A multi-valued list of complex objects containing the requested resources. REQUIRED if totalResults is non-zero.', { multiValued: true }),
        int('startIndex', 'The 1-based index of the first result in the current set of list results. REQUIRED when partial results are returned due to pagination.'),
        int('itemsPerPage', 'The number of resources returned in a list response page. REQUIRED when partial results are returned due to pagination.'),
      ],
      'RFC 7644 §3.4.2',
    ),
    ...section(
      [
        str('nextCursor', 'Cursor pagination: the cursor for the next page. Present on every page but the last.', { caseExact: true }),
        str('previousCursor', 'Cursor pagination: the cursor for the previous page. Optional.', { caseExact: true }),
      ],
      'SCIM cursor pagination',
    ),
  ],
};

export const PATCH_OP_SCHEMA: SchemaDefinition = {
  id: URN.patchOp,
  name: 'PatchOp',
  description: 'A PATCH request body',
  rfcSection: 'RFC 7644 §3.5.2',
  source: 'rfc',
  attributes: section(
    [
      complex('Operations', 'The body of an HTTP PATCH request: a list of one or more patch operations.', [
        str('op', 'The operation to perform: "add", "remove" or "replace".', { required: true, canonicalValues: ['add', 'remove', 'replace'] }),
        str('path', 'An attribute path (attrPath, valuePath or valuePath.subAttr) describing the target. REQUIRED for "remove"; optional for "add" and "replace".'),
        any('value', 'The value to add or replace with. For a path-less "add" or "replace", an object whose keys are attribute paths.'),
      ], { multiValued: true, required: true }),
    ],
    'RFC 7644 §3.5.2',
  ),
};

const bulkCommon = (): Attr[] => [
  str('method', 'The HTTP method of the operation.', { required: true, canonicalValues: ['POST', 'PUT', 'PATCH', 'DELETE'], caseExact: true, closedValues: true }),
  str('bulkId', 'The transient identifier of a newly created resource, unique within a bulk request. REQUIRED for POST.', { caseExact: true }),
  str('version', 'The current resource version (ETag), used for If-Match on PUT, PATCH and DELETE.', { caseExact: true }),
];

export const BULK_REQUEST_SCHEMA: SchemaDefinition = {
  id: URN.bulkRequest,
  name: 'BulkRequest',
  description: 'A bulk request body',
  rfcSection: 'RFC 7644 §3.7',
  source: 'rfc',
  attributes: section(
    [
      int('failOnErrors', 'The number of errors the service provider will accept before the operation is terminated.'),
      complex('Operations', 'The operations within a bulk job.', [
        ...bulkCommon(),
        str('path', "The resource's relative path, e.g. '/Users' for POST or '/Users/2819c223' for PUT, PATCH and DELETE.", { required: true, caseExact: true }),
        any('data', 'The resource data as it would appear for a single POST, PUT or PATCH operation. REQUIRED for POST, PUT and PATCH.'),
      ], { multiValued: true, required: true }),
    ],
    'RFC 7644 §3.7',
  ),
};

export const BULK_RESPONSE_SCHEMA: SchemaDefinition = {
  id: URN.bulkResponse,
  name: 'BulkResponse',
  description: 'A bulk response body',
  rfcSection: 'RFC 7644 §3.7',
  source: 'rfc',
  attributes: section(
    [
      complex('Operations', 'The results of the operations within a bulk job.', [
        ...bulkCommon(),
        ref('location', 'The resource endpoint URL. REQUIRED in a response, except for a failed POST.', ['uri'], { caseExact: true }),
        any('response', 'The HTTP response body for the operation (an Error body when it failed).'),
        str('status', 'The HTTP response status code for the operation, e.g. "201".', { required: true }),
      ], { multiValued: true, required: true }),
    ],
    'RFC 7644 §3.7',
  ),
};

export const SEARCH_REQUEST_SCHEMA: SchemaDefinition = {
  id: URN.searchRequest,
  name: 'SearchRequest',
  description: 'A query sent with POST to /.search',
  rfcSection: 'RFC 7644 §3.4.3',
  source: 'rfc',
  attributes: [
    ...section(
      [
        str('attributes', 'Attribute names to return in the response, overriding the default set.', { multiValued: true }),
        str('excludedAttributes', 'Attribute names to remove from the default set of attributes returned.', { multiValued: true }),
        str('filter', 'The filter string used to request a subset of resources (RFC 7644 §3.4.2.2).'),
        str('sortBy', 'The attribute whose value is used to order the returned responses.'),
        str('sortOrder', 'The order in which the sortBy parameter is applied.', { canonicalValues: ['ascending', 'descending'], closedValues: true }),
        int('startIndex', 'The 1-based index of the first query result.'),
        int('count', 'The desired maximum number of query results per page.'),
      ],
      'RFC 7644 §3.4.3',
    ),
    ...section([str('cursor', 'Cursor pagination: empty for the first page, then the previous response\'s nextCursor.', { caseExact: true })], 'SCIM cursor pagination'),
  ],
};

export const ERROR_SCHEMA: SchemaDefinition = {
  id: URN.error,
  name: 'Error',
  description: 'An error response body',
  rfcSection: 'RFC 7644 §3.12',
  source: 'rfc',
  attributes: section(
    [
      str('status', 'The HTTP status code expressed as a JSON string, e.g. "409". REQUIRED.', { required: true }),
      str('scimType', 'A SCIM detail error keyword (RFC 7644 Table 9).', { canonicalValues: Object.keys(SCIM_TYPES), caseExact: true }),
      str('detail', 'A detailed human-readable message.'),
    ],
    'RFC 7644 §3.12',
  ),
};

export const MESSAGE_SCHEMAS: SchemaDefinition[] = [
  LIST_RESPONSE_SCHEMA,
  PATCH_OP_SCHEMA,
  BULK_REQUEST_SCHEMA,
  BULK_RESPONSE_SCHEMA,
  SEARCH_REQUEST_SCHEMA,
  ERROR_SCHEMA,
];
