// RFC 7643 §3.1: attributes every resource carries whatever its schema. They are not part of any schema's
// /Schemas representation, so the catalog adds them to each resource type's core schema.
import { complex, ref, section, str, attr, type Attr } from './define';

export const COMMON_ATTRIBUTES: Attr[] = section(
  [
    str('id', 'A unique identifier for a SCIM resource as defined by the service provider. Assigned by the service provider, immutable, and never "bulkId".', {
      caseExact: true,
      mutability: 'readOnly',
      returned: 'always',
      uniqueness: 'server',
    }),
    str('externalId', 'A String that is an identifier for the resource as defined by the provisioning client.', {
      caseExact: true,
    }),
    complex(
      'meta',
      'A complex attribute containing resource metadata. Assigned by the service provider; READ-ONLY.',
      [
        str('resourceType', 'The name of the resource type of the resource.', { caseExact: true, mutability: 'readOnly' }),
        attr('created', 'dateTime', 'The "DateTime" that the resource was added to the service provider.', { mutability: 'readOnly' }),
        attr('lastModified', 'dateTime', 'The most recent DateTime that the details of this resource were updated at the service provider.', { mutability: 'readOnly' }),
        ref('location', 'The URI of the resource being returned.', ['uri'], { mutability: 'readOnly' }),
        str('version', 'The version (ETag) of the resource being returned.', { caseExact: true, mutability: 'readOnly' }),
      ],
      { mutability: 'readOnly' },
    ),
  ],
  'RFC 7643 §3.1',
);

/** RFC 7643 §3: `schemas`, present on every resource and message. */
export const SCHEMAS_ATTRIBUTE: Attr = ref(
  'schemas',
  'The schema URIs used to indicate the attributes contained in the JSON body. REQUIRED on every resource and message.',
  ['uri'],
  { multiValued: true, required: true, caseExact: true, rfcSection: 'RFC 7643 §3' },
);
