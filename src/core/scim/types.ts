// The RFC 7643 attribute model (section 2.2 characteristics, section 7 schema definitions).

export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDefinition[];
  /** Where the RFC defines it, e.g. "RFC 7643 §4.1.1". Absent for server-defined attributes. */
  rfcSection?: string;
}

export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
  rfcSection?: string;
  /** Where this definition came from: the RFC, a server's /Schemas, or a workspace file. */
  source?: 'rfc' | 'server' | 'workspace';
}

export interface SchemaExtensionRef {
  schema: string;
  required: boolean;
}

export interface ResourceTypeDefinition {
  id: string;
  name: string;
  endpoint: string;
  description?: string;
  schema: string;
  schemaExtensions: SchemaExtensionRef[];
}

export const URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  bulkRequest: 'urn:ietf:params:scim:api:messages:2.0:BulkRequest',
  bulkResponse: 'urn:ietf:params:scim:api:messages:2.0:BulkResponse',
  searchRequest: 'urn:ietf:params:scim:api:messages:2.0:SearchRequest',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
} as const;

/** RFC 7644 §3.12 scimType values, plus the cursor-pagination additions. */
export const SCIM_TYPES: Record<string, string> = {
  invalidFilter: 'The specified filter syntax was invalid, or the attribute and comparison combination is not supported (400).',
  tooMany: 'The filter yields too many results for the server to process (400).',
  uniqueness: 'One or more attribute values are already in use or reserved (409).',
  mutability: 'The attempted modification is not compatible with the target attribute\'s mutability (400).',
  invalidSyntax: 'The request body structure was invalid or did not conform to the schema (400).',
  invalidPath: 'The "path" attribute was invalid or malformed (400).',
  noTarget: 'The specified "path" did not yield an attribute or value that could be operated on (400).',
  invalidValue: 'A required value was missing, or the value specified was not compatible with the operation or attribute type (400).',
  invalidVers: 'The specified SCIM protocol version is not supported (400).',
  sensitive: 'The request cannot be completed because of sensitive information in the request URI, e.g. a filter on a secret (403).',
  invalidCursor: 'Cursor pagination: the cursor value is invalid or unrecognised (400).',
  expiredCursor: 'Cursor pagination: the cursor has expired (400).',
  invalidCount: 'Cursor pagination: the count value is invalid, e.g. above maxPageSize (400).',
};

/** Optional characteristics beyond RFC 7643 §7 that our own rule engine uses on the built-in schemas. */
export interface AttributeExtras {
  /**
   * The value may be any JSON (PatchOp `value`, Bulk `data`, ListResponse `Resources`): rules skip type checks
   * on it and generated JSON Schemas leave it open.
   */
  anyValue?: boolean;
  /** canonicalValues is a closed set (e.g. sortOrder, Bulk method): other values are errors, not suggestions. */
  closedValues?: boolean;
}
