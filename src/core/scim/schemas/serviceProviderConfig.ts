// RFC 7643 §5 and §8.7.2 for ServiceProviderConfig, plus the cursor-pagination `pagination` object.
import type { SchemaDefinition } from '../types';
import { URN } from '../types';
import { bool, complex, deep, int, ref, section, str, type Attr } from './define';

const supported = (what: string): Attr => bool('supported', `A Boolean value specifying whether or not ${what} is supported.`, { required: true });

export const SERVICE_PROVIDER_CONFIG_SCHEMA: SchemaDefinition = {
  id: URN.serviceProviderConfig,
  name: 'Service Provider Configuration',
  description: "Schema for representing the service provider's configuration",
  rfcSection: 'RFC 7643 §5',
  source: 'rfc',
  attributes: [
    ...section(
      [
        ref('documentationUri', "An HTTP-addressable URL pointing to the service provider's human-consumable help documentation.", ['external']),
        complex('patch', 'A complex type that specifies PATCH configuration options.', [supported('the operation')], { required: true }),
        complex('bulk', 'A complex type that specifies bulk configuration options.', [
          supported('the operation'),
          int('maxOperations', 'An integer value specifying the maximum number of operations.', { required: true }),
          int('maxPayloadSize', 'An integer value specifying the maximum payload size in bytes.', { required: true }),
        ], { required: true }),
        complex('filter', 'A complex type that specifies FILTER options.', [
          supported('filtering'),
          int('maxResults', 'An integer value specifying the maximum number of resources returned in a response.', { required: true }),
        ], { required: true }),
        complex('changePassword', 'A complex type that specifies configuration options related to changing a password.', [supported('password change')], { required: true }),
        complex('sort', 'A complex type that specifies sort result options.', [supported('sorting')], { required: true }),
        complex('etag', 'A complex type that specifies ETag configuration options.', [supported('ETags')], { required: true }),
        complex('authenticationSchemes', 'A multi-valued complex type that specifies supported authentication scheme properties.', [
          str('type', 'The authentication scheme.', {
            required: true,
            canonicalValues: ['oauth', 'oauth2', 'oauthbearertoken', 'httpbasic', 'httpdigest'],
          }),
          str('name', "The common authentication scheme name, e.g. 'HTTP Basic'.", { required: true }),
          str('description', 'A description of the authentication scheme.', { required: true }),
          ref('specUri', "An HTTP-addressable URL pointing to the authentication scheme's specification.", ['external']),
          ref('documentationUri', "An HTTP-addressable URL pointing to the authentication scheme's usage documentation.", ['external']),
          bool('primary', "A Boolean value indicating the preferred authentication scheme. 'true' MUST appear no more than once."),
        ], { multiValued: true, required: true }),
      ].map((a) => deep(a, { mutability: 'readOnly' })),
      'RFC 7643 §5',
    ),
    ...section(
      [
        deep(
          complex('pagination', 'Cursor pagination: how the service provider pages through results (index- and/or cursor-based).', [
            bool('cursor', 'Whether cursor-based pagination is supported.', { required: true }),
            bool('index', 'Whether index-based (startIndex) pagination is supported.', { required: true }),
            str('defaultPaginationMethod', 'The pagination method used when the client does not choose one.', { canonicalValues: ['cursor', 'index'], closedValues: true }),
            int('defaultPageSize', 'The number of results per page when the client gives no count.'),
            int('maxPageSize', 'The largest count the service provider accepts.'),
            int('cursorTimeout', 'The minimum number of seconds a cursor stays valid.'),
          ]),
          { mutability: 'readOnly' },
        ),
      ],
      'SCIM cursor pagination (updates RFC 7643 §5)',
    ),
  ],
};
