// RFC 7643 §6 and §8.7.2 for ResourceType.
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { bool, complex, ref, section, str } from './define';

export const RESOURCE_TYPE_SCHEMA: SchemaDefinition = {
  id: URN.resourceType,
  name: 'ResourceType',
  description: 'Specifies the schema that describes a SCIM resource type',
  rfcSection: 'RFC 7643 §6',
  source: 'rfc',
  attributes: section(
    [
      str('id', "The resource type's server unique id. May be the same as the 'name' attribute.", { mutability: 'readOnly' }),
      str('name', "The resource type name, used in the 'meta.resourceType' attribute, e.g. 'User'.", { required: true, mutability: 'readOnly' }),
      str('description', "The resource type's human-readable description.", { mutability: 'readOnly' }),
      ref('endpoint', "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g. '/Users'.", ['uri'], { required: true, mutability: 'readOnly' }),
      ref('schema', "The resource type's primary/base schema URI.", ['uri'], { required: true, caseExact: true, mutability: 'readOnly' }),
      complex('schemaExtensions', "A list of URIs of the resource type's schema extensions.", [
        ref('schema', 'The URI of a schema extension.', ['uri'], { required: true, caseExact: true, mutability: 'readOnly' }),
        bool('required', 'Whether resources of this type MUST include this schema extension.', { required: true, mutability: 'readOnly' }),
      ], { multiValued: true, mutability: 'readOnly' }),
    ],
    'RFC 7643 §6',
  ),
};
