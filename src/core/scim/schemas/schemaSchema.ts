// RFC 7643 §7 and §8.7.2 for Schema (the schema that describes schemas).
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { bool, complex, ref, section, str, type Attr } from './define';

// §8.7.2 types canonicalValues as "complex", yet every example (and every server) sends an array of strings;
// modelling it as a multi-valued string keeps ATTRIBUTE_TYPE quiet on real documents. `binary` is listed in
// the type values because §2.3.6 defines it although §8.7.2 omits it.
function characteristics(): Attr[] {
  return [
    str('name', "The attribute's name.", { required: true, caseExact: true }),
    str('type', "The attribute's data type.", {
      required: true,
      canonicalValues: ['string', 'complex', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'binary'],
      closedValues: true,
    }),
    bool('multiValued', 'Whether the attribute is multi-valued.', { required: true }),
    str('description', "A human-readable description of the attribute."),
    bool('required', 'Whether the attribute is required.'),
    str('canonicalValues', 'A collection of suggested canonical values that MAY be used.', { multiValued: true, caseExact: true }),
    bool('caseExact', 'Whether string values are case sensitive.'),
    str('mutability', 'Whether the attribute may be modified.', { canonicalValues: ['readOnly', 'readWrite', 'immutable', 'writeOnly'], closedValues: true }),
    str('returned', 'When the attribute is returned in a response.', { canonicalValues: ['always', 'never', 'default', 'request'], closedValues: true }),
    str('uniqueness', "How the service provider enforces uniqueness of the attribute's values.", { canonicalValues: ['none', 'server', 'global'], closedValues: true }),
    str('referenceTypes', "The SCIM resource types that may be referenced: a resource type name, 'external' or 'uri'.", { multiValued: true }),
  ].map((a) => ({ ...a, mutability: 'readOnly' as const }));
}

export const SCHEMA_SCHEMA: SchemaDefinition = {
  id: URN.schema,
  name: 'Schema',
  description: 'Specifies the schema attribute',
  rfcSection: 'RFC 7643 §7',
  source: 'rfc',
  attributes: section(
    [
      ref('id', 'The unique URI of the schema.', ['uri'], { required: true, caseExact: true, mutability: 'readOnly' }),
      str('name', "The schema's human-readable name.", { mutability: 'readOnly' }),
      str('description', "The schema's human-readable description.", { mutability: 'readOnly' }),
      complex('attributes', "A complex attribute that includes the attributes of a schema.", [
        ...characteristics(),
        complex('subAttributes', 'Used to define the sub-attributes of a complex attribute.', characteristics(), { multiValued: true, mutability: 'readOnly' }),
      ], { multiValued: true, required: true, mutability: 'readOnly' }),
    ],
    'RFC 7643 §7',
  ),
};
