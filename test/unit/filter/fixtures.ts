// RFC 7643 §8.2 full User (with the §8.3 enterprise extension) and a tiny attribute model for it.
import type { AttrPath, AttributeInfo, AttributeLookup } from '../../../src/core/filter';
import type { AttributeDefinition, AttributeType } from '../../../src/core/scim/types';

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const fullUser: Record<string, unknown> = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: {
    formatted: 'Ms. Barbara J Jensen, III',
    familyName: 'Jensen',
    givenName: 'Barbara',
    middleName: 'Jane',
    honorificPrefix: 'Ms.',
    honorificSuffix: 'III',
  },
  displayName: 'Babs Jensen',
  nickName: 'Babs',
  profileUrl: 'https://login.example.com/bjensen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  addresses: [
    { type: 'work', streetAddress: '100 Universal City Plaza', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA', primary: true },
    { type: 'home', streetAddress: '456 Hollywood Blvd', locality: 'Hollywood', region: 'CA', postalCode: '91608', country: 'USA' },
  ],
  phoneNumbers: [
    { value: '555-555-5555', type: 'work' },
    { value: '555-555-4444', type: 'mobile' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  userType: 'Employee',
  title: 'Tour Guide',
  preferredLanguage: 'en-US',
  locale: 'en-US',
  timezone: 'America/Los_Angeles',
  active: true,
  groups: [
    { value: 'e9e30dba-f08f-4109-8486-d5c6a331660a', $ref: 'https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a', display: 'Tour Guides' },
    { value: 'fc348aa8-3835-40eb-a20b-c726e15c55b5', $ref: 'https://example.com/v2/Groups/fc348aa8-3835-40eb-a20b-c726e15c55b5', display: 'Employees' },
  ],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff591"',
    location: 'https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646',
  },
  [ENTERPRISE]: {
    employeeNumber: '701984',
    costCenter: '4130',
    organization: 'Universal Studios',
    division: 'Theme Park',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', $ref: '../Users/26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'John Smith' },
  },
};

function def(name: string, type: AttributeType, extra: Partial<AttributeDefinition> = {}): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: '',
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  };
}

const multiSubs = [def('value', 'string'), def('type', 'string'), def('primary', 'boolean'), def('display', 'string')];

const core: AttributeDefinition[] = [
  def('id', 'string', { caseExact: true }),
  def('externalId', 'string', { caseExact: true }),
  def('userName', 'string'),
  def('title', 'string'),
  def('userType', 'string'),
  def('active', 'boolean'),
  def('schemas', 'reference', { multiValued: true, caseExact: true }),
  def('x509Certificates', 'complex', { multiValued: true, subAttributes: [def('value', 'binary')] }),
  def('name', 'complex', { subAttributes: [def('familyName', 'string'), def('givenName', 'string'), def('formatted', 'string')] }),
  def('emails', 'complex', { multiValued: true, subAttributes: multiSubs }),
  def('ims', 'complex', { multiValued: true, subAttributes: multiSubs }),
  def('meta', 'complex', {
    subAttributes: [def('created', 'dateTime'), def('lastModified', 'dateTime'), def('resourceType', 'string', { caseExact: true }), def('version', 'string', { caseExact: true })],
  }),
  def('loginCount', 'integer'),
  def('score', 'decimal'),
];

const enterprise: AttributeDefinition[] = [
  def('employeeNumber', 'string'),
  def('manager', 'complex', { subAttributes: [def('value', 'string'), def('displayName', 'string')] }),
];

function find(list: readonly AttributeDefinition[] | undefined, name: string): AttributeDefinition | undefined {
  return list?.find((a) => a.name.toLowerCase() === name.toLowerCase());
}

function info(d: AttributeDefinition | undefined): AttributeInfo | undefined {
  if (!d) return undefined;
  const i: AttributeInfo = { type: d.type, caseExact: d.caseExact, multiValued: d.multiValued };
  if (d.subAttributes) i.subAttributes = d.subAttributes;
  return i;
}

function top(p: AttrPath): AttributeDefinition | undefined {
  if (p.uri?.toLowerCase() === ENTERPRISE.toLowerCase()) return find(enterprise, p.name);
  if (p.uri !== undefined && p.uri !== 'urn:ietf:params:scim:schemas:core:2.0:User') return undefined;
  return find(core, p.name) ?? (p.uri === undefined ? find(enterprise, p.name) : undefined);
}

export const lookup: AttributeLookup = (path, parent) => {
  if (parent) {
    const owner = top(parent);
    const sub = find(owner?.subAttributes, path.name);
    return info(path.subAttr === undefined ? sub : undefined);
  }
  const base = top(path);
  return info(path.subAttr === undefined ? base : find(base?.subAttributes, path.subAttr));
};

export const topLevelNames = (): string[] => [...core, ...enterprise].map((a) => a.name);
