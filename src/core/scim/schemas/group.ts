// RFC 7643 §4.2 and §8.7.1 for urn:...:core:2.0:Group.
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { complex, ref, section, str } from './define';

export const GROUP_SCHEMA: SchemaDefinition = {
  id: URN.group,
  name: 'Group',
  description: 'Group',
  rfcSection: 'RFC 7643 §4.2',
  source: 'rfc',
  attributes: section(
    [
      // §4.2 prose calls displayName REQUIRED, but the normative representation in §8.7.1 says required false;
      // servers publish the latter in /Schemas, so the catalog follows §8.7.1.
      str('displayName', 'A human-readable name for the Group. REQUIRED by RFC 7643 §4.2 prose (the §8.7.1 representation marks it optional).'),
      complex(
        'members',
        'A list of members of the Group.',
        [
          str('value', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
          ref('$ref', 'The URI corresponding to a SCIM resource that is a member of this Group.', ['User', 'Group'], { mutability: 'immutable' }),
          // §2.4 gives multi-valued attributes a "display" sub-attribute (mutability immutable); §8.7.1 omits it
          // for members, but RFC 7644's own PATCH examples and clients (Entra among them) send it.
          str('display', 'A human-readable name for the member, primarily used for display purposes.', { mutability: 'immutable', rfcSection: 'RFC 7643 §2.4' }),
          str('type', "A label indicating the type of resource, e.g. 'User' or 'Group'.", { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
        ],
        { multiValued: true },
      ),
    ],
    'RFC 7643 §4.2',
  ),
};
