// RFC 7643 §4.1 (prose) and §8.7.1 (the schema's own representation) for urn:...:core:2.0:User.
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { bool, complex, deep, multi, ref, section, str } from './define';

const nameParts = [
  str('formatted', "The full name, including all middle names, titles, and suffixes as appropriate, formatted for display (e.g. 'Ms. Barbara J Jensen, III')."),
  str('familyName', "The family name of the User, or last name in most Western languages (e.g. 'Jensen')."),
  str('givenName', "The given name of the User, or first name in most Western languages (e.g. 'Barbara')."),
  str('middleName', "The middle name(s) of the User (e.g. 'Jane')."),
  str('honorificPrefix', "The honorific prefix(es) of the User, or title in most Western languages (e.g. 'Ms.')."),
  str('honorificSuffix', "The honorific suffix(es) of the User, or suffix in most Western languages (e.g. 'III')."),
];

const addressParts = [
  str('formatted', 'The full mailing address, formatted for display or use with a mailing label. May contain newlines.'),
  str('streetAddress', 'The full street address component (house number, street name, P.O. box, extended street address). May contain newlines.'),
  str('locality', 'The city or locality component.'),
  str('region', 'The state or region component.'),
  str('postalCode', 'The zip code or postal code component.'),
  str('country', 'The country name component, in ISO 3166-1 "alpha-2" code format when specified.'),
  str('type', "A label indicating the address's function, e.g. 'work' or 'home'.", { canonicalValues: ['work', 'home', 'other'] }),
  bool('primary', "A Boolean value indicating the 'primary' or preferred address. The primary attribute value 'true' MUST appear no more than once."),
];

const groupParts = [
  str('value', "The identifier of the User's group."),
  ref('$ref', "The URI of the corresponding 'Group' resource to which the user belongs.", ['User', 'Group']),
  str('display', 'A human-readable name, primarily used for display purposes. READ-ONLY.'),
  str('type', "A label indicating the attribute's function, e.g. 'direct' or 'indirect'.", { canonicalValues: ['direct', 'indirect'] }),
];

export const USER_SCHEMA: SchemaDefinition = {
  id: URN.user,
  name: 'User',
  description: 'User Account',
  rfcSection: 'RFC 7643 §4.1',
  source: 'rfc',
  attributes: [
    ...section(
      [
        str('userName', "Unique identifier for the User, typically used by the user to directly authenticate to the service provider. Each User MUST include a non-empty userName value, unique across the service provider's Users. REQUIRED.", {
          required: true,
          uniqueness: 'server',
        }),
      ],
      'RFC 7643 §4.1.1',
    ),
    ...section(
      [
        complex('name', "The components of the user's real name. Providers MAY return the full name as a single string in 'formatted', the individual components, or both.", nameParts),
        str('displayName', 'The name of the User, suitable for display to end-users. It SHOULD be the full name of the User being described, if known.'),
        str('nickName', "The casual way to address the user in real life, e.g. 'Bob' or 'Bobby' instead of 'Robert'. Not a username."),
        ref('profileUrl', "A fully qualified URL pointing to a page representing the User's online profile.", ['external']),
        str('title', 'The user\'s title, such as "Vice President".'),
        str('userType', "Identifies the relationship between the organization and the user. Typical values: 'Contractor', 'Employee', 'Intern', 'Temp', 'External', 'Unknown'."),
        str('preferredLanguage', "The User's preferred written or spoken language (RFC 7231 Accept-Language format), e.g. 'en-US'."),
        str('locale', "The User's default location for localizing currency, dates and numbers (e.g. 'en-US')."),
        str('timezone', "The User's time zone in the IANA ('Olson') database format, e.g. 'America/Los_Angeles'."),
        bool('active', "A Boolean value indicating the User's administrative status."),
        str('password', "The User's cleartext password, to set an initial password or reset it. Never returned.", {
          mutability: 'writeOnly',
          returned: 'never',
        }),
      ],
      'RFC 7643 §4.1.1',
    ),
    ...section(
      [
        complex('emails', "Email addresses for the user. Canonical type values of 'work', 'home', and 'other'.", multi('string', "Email address for the User, canonicalized by the service provider, e.g. 'bjensen@example.com'.", 'email', ['work', 'home', 'other']), { multiValued: true }),
        complex('phoneNumbers', "Phone numbers for the User, canonicalized per RFC 3966, e.g. 'tel:+1-201-555-0123'. Canonical type values of 'work', 'home', 'mobile', 'fax', 'pager', and 'other'.", multi('string', 'Phone number of the User.', 'phone number', ['work', 'home', 'mobile', 'fax', 'pager', 'other']), { multiValued: true }),
        complex('ims', 'Instant messaging addresses for the User.', multi('string', 'Instant messaging address for the User.', 'instant messaging address', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']), { multiValued: true }),
        complex('photos', 'URLs of photos of the User.', multi('reference', 'URL of a photo of the User.', 'photo', ['photo', 'thumbnail']), { multiValued: true }),
        complex('addresses', "A physical mailing address for this User. Canonical type values of 'work', 'home', and 'other'.", addressParts, { multiValued: true }),
        deep(
          complex('groups', 'A list of groups to which the user belongs, through direct membership, nested groups, or dynamically calculated. READ-ONLY: change membership through the Group resource.', groupParts, { multiValued: true }),
          { mutability: 'readOnly' },
        ),
        complex('entitlements', 'A list of entitlements for the User that represent a thing the User has.', multi('string', 'The value of an entitlement.', 'entitlement'), { multiValued: true }),
        complex('roles', "A list of roles for the User that collectively represent who the User is, e.g. 'Student', 'Faculty'.", multi('string', 'The value of a role.', 'role'), { multiValued: true }),
        complex('x509Certificates', 'A list of certificates issued to the User.', multi('binary', 'The value of an X.509 certificate (base64 DER).', 'certificate'), { multiValued: true }),
      ],
      'RFC 7643 §4.1.2',
    ),
  ],
};
