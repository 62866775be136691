// The standard schemas and resource types every catalog starts from.
import type { ResourceTypeDefinition, SchemaDefinition } from '../types';
import { URN } from '../types';
import { ENTERPRISE_USER_SCHEMA } from './enterpriseUser';
import { GROUP_SCHEMA } from './group';
import { MESSAGE_SCHEMAS } from './messages';
import { RESOURCE_TYPE_SCHEMA } from './resourceType';
import { SCHEMA_SCHEMA } from './schemaSchema';
import { SERVICE_PROVIDER_CONFIG_SCHEMA } from './serviceProviderConfig';
import { USER_SCHEMA } from './user';

export { COMMON_ATTRIBUTES, SCHEMAS_ATTRIBUTE } from './common';
export { USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA, SERVICE_PROVIDER_CONFIG_SCHEMA, RESOURCE_TYPE_SCHEMA, SCHEMA_SCHEMA };
export * from './messages';

export const RESOURCE_SCHEMAS: SchemaDefinition[] = [
  USER_SCHEMA,
  GROUP_SCHEMA,
  ENTERPRISE_USER_SCHEMA,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
];

export const STANDARD_SCHEMAS: SchemaDefinition[] = [...RESOURCE_SCHEMAS, ...MESSAGE_SCHEMAS];

/** RFC 7643 §8.6 resource types, plus the discovery endpoints (§5-§7), which have no ResourceType documents. */
export const STANDARD_RESOURCE_TYPES: ResourceTypeDefinition[] = [
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: URN.user,
    schemaExtensions: [{ schema: URN.enterpriseUser, required: false }],
  },
  { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'Group', schema: URN.group, schemaExtensions: [] },
];

/** Schemas whose documents are discovery documents, not provisioned resources. */
export const DISCOVERY_SCHEMAS: ReadonlySet<string> = new Set([URN.serviceProviderConfig, URN.resourceType, URN.schema]);
