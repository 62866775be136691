// RFC 7643 §4.3 and §8.7.1 for the enterprise User extension.
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { complex, ref, section, str } from './define';

export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = {
  id: URN.enterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  rfcSection: 'RFC 7643 §4.3',
  source: 'rfc',
  attributes: section(
    [
      str('employeeNumber', 'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.'),
      str('costCenter', 'Identifies the name of a cost center.'),
      str('organization', 'Identifies the name of an organization.'),
      str('division', 'Identifies the name of a division.'),
      str('department', 'Identifies the name of a department.'),
      complex('manager', "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.", [
        str('value', 'The id of the SCIM resource representing the User\'s manager. RECOMMENDED.'),
        ref('$ref', "The URI of the SCIM resource representing the User's manager. RECOMMENDED.", ['User']),
        str('displayName', "The displayName of the User's manager. READ-ONLY.", { mutability: 'readOnly' }),
      ]),
    ],
    'RFC 7643 §4.3',
  ),
};
