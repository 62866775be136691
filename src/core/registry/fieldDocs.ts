// The registry format as data: shape plus what each field means for an integration. The JSON schema in
// schemas/ is generated from this (jsonSchema.ts); hover and completion read it directly.
import type { FieldSpec } from './fieldSpec';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?$';
const DATE_MESSAGE = 'An ISO 8601 date such as 2026-01-31, or a date-time such as 2026-01-31T09:30:00Z.';
const SLUG_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]*$';

function date(description: string, markdown?: string): FieldSpec {
  return { type: 'string', description, markdown, pattern: DATE_PATTERN, patternErrorMessage: DATE_MESSAGE, examples: ['2026-01-31'] };
}

function notes(what: string): FieldSpec {
  return { type: 'string', description: `Free text about ${what}: context a successor needs, links, ticket numbers.` };
}

const secretName = (description: string, markdown: string, appliesTo?: readonly string[]): FieldSpec => ({
  type: 'string',
  description,
  markdown,
  ...(appliesTo ? { appliesTo } : {}),
  // No minLength/pattern here: REGISTRY_SECRET_NAME_INVALID says it better, without a second diagnostic.
  secretName: true,
  examples: ['acme-token'],
});

const SECRET_NAME_HELP =
  'The registry **names** secrets and never holds them. In VS Code the value lives in SecretStorage (the OS ' +
  'keychain): run `SCIM: Set Secret`. For the CLI, the secret named `acme-token` is read from the environment ' +
  'variable `SCIM_SECRET_ACME_TOKEN` (upper-cased, every other character becomes `_`). A value that looks like ' +
  'a real token here is an error (`REGISTRY_LITERAL_SECRET`).';

const auth: FieldSpec = {
  type: 'object',
  description: 'How requests to this application authenticate. The secret itself is never stored here, only its name.',
  markdown:
    'How the runner and the probes authenticate to this application. Pick `type` first; the other properties ' +
    'depend on it.\n\n' + SECRET_NAME_HELP,
  required: ['type'],
  requiredWhen: {
    type: {
      bearer: ['secret'],
      apiKey: ['header', 'secret'],
      basic: ['username', 'secret'],
      oauth2ClientCredentials: ['tokenUrl', 'clientId', 'secret'],
    },
  },
  properties: {
    type: {
      type: 'string',
      description: 'The authentication scheme.',
      enum: ['bearer', 'apiKey', 'basic', 'oauth2ClientCredentials', 'none'],
      enumDocs: {
        bearer: 'A long-lived token sent as `Authorization: Bearer <token>`. The most common SCIM setup (Entra, Okta and most SaaS apps issue one per tenant). Needs `secret`.',
        apiKey: 'A key sent in a vendor-specific header, e.g. `X-Api-Key`. Needs `header` and `secret`.',
        basic: 'HTTP Basic: `Authorization: Basic base64(username:secret)`. Needs `username` and `secret`. Only acceptable over https.',
        oauth2ClientCredentials: 'OAuth 2.0 client credentials (RFC 6749 §4.4): the runner fetches a token from `tokenUrl` with `clientId` and the secret, then sends it as a bearer token. Tokens are cached until they expire.',
        none: 'No authentication. Only sensible for a local sandbox or a test double; never for a real application.',
      },
    },
    secret: secretName(
      'Name of the secret holding the token, key, password or client secret (not the value).',
      'Name of the secret that holds the token (bearer), key (apiKey), password (basic) or client secret ' +
        '(oauth2ClientCredentials).\n\n' + SECRET_NAME_HELP,
      ['bearer', 'apiKey', 'basic', 'oauth2ClientCredentials'],
    ),
    header: {
      type: 'string',
      description: 'apiKey only: the request header that carries the key.',
      examples: ['X-Api-Key'],
      minLength: 1,
      appliesTo: ['apiKey'],
    },
    username: {
      type: 'string',
      description: 'basic only: the user name (not secret; the password is the secret).',
      appliesTo: ['basic'],
    },
    tokenUrl: {
      type: 'string',
      format: 'uri',
      description: 'oauth2ClientCredentials only: the token endpoint.',
      examples: ['https://login.example.com/oauth2/token'],
      appliesTo: ['oauth2ClientCredentials'],
    },
    clientId: {
      type: 'string',
      description: 'oauth2ClientCredentials only: the client id (not secret; the client secret is `secret`).',
      appliesTo: ['oauth2ClientCredentials'],
    },
    scope: {
      type: 'string',
      description: 'oauth2ClientCredentials only: space-separated scopes to request, if the token endpoint needs them.',
      appliesTo: ['oauth2ClientCredentials'],
    },
    rotation: {
      type: 'object',
      description: 'Secret rotation: the standby secret and when the secret last changed.',
      markdown:
        'Secret rotation. During a rotation both the old and new secret may be valid; `secondarySecret` names ' +
        'the other one so a probe can verify it before the switch. `expiresAt` lets the team see a rotation coming.',
      appliesTo: ['bearer', 'apiKey', 'basic', 'oauth2ClientCredentials'],
      properties: {
        secondarySecret: secretName('Name of the standby (next or previous) secret, not its value.', 'Name of the standby secret used during a rotation.\n\n' + SECRET_NAME_HELP),
        rotatedAt: date('When the secret was last rotated.'),
        expiresAt: date('When the current secret expires or must be rotated.'),
        notes: notes('the rotation procedure'),
      },
    },
  },
};

const endpointFlag = (what: string, markdown: string, dflt: boolean): FieldSpec => ({
  type: 'boolean',
  description: `Whether the application supports ${what}.`,
  markdown,
  default: dflt,
});

const endpoints: FieldSpec = {
  type: 'object',
  description: 'Which SCIM endpoints the application implements. Probes skip what is declared false.',
  markdown:
    'Which SCIM endpoints the application really implements (RFC 7644 §3.2). Probes and the runner skip ' +
    'endpoints declared `false`, and a probe that finds one working or missing reports the difference.',
  properties: {
    users: endpointFlag('/Users', '`/Users`: create, read, replace, patch and delete users. Almost every target supports it.', true),
    groups: endpointFlag('/Groups', '`/Groups`: group objects and membership. Some targets (or plans) only provision users; then group-based access must be mapped another way (see `groupMapping`).', true),
    bulk: endpointFlag('/Bulk', '`/Bulk` (RFC 7644 §3.7). Rarely supported; Entra and Okta never use it. Declared in ServiceProviderConfig `bulk.supported`.', false),
    search: endpointFlag('POST /.search', '`POST /.search` (RFC 7644 §3.4.3): filters in the body instead of the URL. Useful when filters are long or sensitive.', false),
    serviceProviderConfig: endpointFlag('/ServiceProviderConfig', '`/ServiceProviderConfig`: what the server claims to support (patch, bulk, filter, sort, etag, pagination). Probes compare the claims with behaviour.', true),
    resourceTypes: endpointFlag('/ResourceTypes', '`/ResourceTypes`: the resource types and their schema extensions.', true),
    schemas: endpointFlag('/Schemas', '`/Schemas`: attribute definitions. When served, payload checks use the server\'s own schema instead of the RFC\'s.', true),
  },
};

const filters: FieldSpec = {
  type: 'array',
  description: 'Filter expressions this application has been tested with, and whether they worked.',
  markdown:
    'Filter expressions (RFC 7644 §3.4.2.2) that the IdP or your own tooling sends, and whether the application ' +
    'answered them correctly. Many targets support only `eq` (and sometimes `and`) on `userName`/`externalId`. ' +
    'Placeholders like `{{userName}}` are allowed and are filled in by the runner.',
  items: {
    type: 'object',
    description: 'One tested filter expression.',
    required: ['expression'],
    properties: {
      expression: {
        type: 'string',
        description: 'The filter expression, e.g. userName eq "{{userName}}". Checked with the SCIM filter parser.',
        markdown:
          'The filter expression, exactly as sent in `?filter=` (before URL encoding), e.g. ' +
          '`userName eq "{{userName}}"`. It is parsed with the RFC 7644 grammar; `{{name}}` placeholders are ' +
          'substituted by the runner.',
        minLength: 1,
        valueSnippet: '"${1:userName eq \\"{{userName}}\\"}"',
      },
      status: {
        type: 'string',
        description: 'Whether the application answered this filter correctly when last tested.',
        enum: ['works', 'fails', 'untested'],
        enumDocs: {
          works: 'The application returned the right resources (and 200 with zero results when nothing matched).',
          fails: 'The application rejected the filter, ignored it (returned everything), or returned wrong results. Say how in `notes`.',
          untested: 'Declared but not verified yet; the filters probe will test it.',
        },
        default: 'untested',
      },
      resource: {
        type: 'string',
        description: 'The endpoint the filter is sent to.',
        enum: ['Users', 'Groups'],
        enumDocs: { Users: 'Sent to `/Users` (the default).', Groups: 'Sent to `/Groups`, e.g. `displayName eq "Sales"`.' },
        default: 'Users',
      },
      testedAt: date('When the filter was last tested.'),
      notes: notes('this filter (how it fails, which IdP sends it)'),
    },
  },
};

const pagination: FieldSpec = {
  type: 'object',
  description: 'How the application pages list results (RFC 7644 §3.4.2.4), as observed.',
  markdown:
    'How list results are paged (RFC 7644 §3.4.2.4). Real servers cap page sizes silently, use 0-based ' +
    '`startIndex`, or report `totalResults` equal to the page size; each of these loses or duplicates users ' +
    'during a full import. The pagination probe measures these values.',
  properties: {
    maxPageSize: {
      type: 'integer',
      minimum: 1,
      description: 'The largest page the server returns, whatever `count` asks for.',
      markdown: 'The largest page the server really returns, whatever `count` asks for (AWS IAM Identity Center: 50; Slack: 1000). A client that assumes the page is complete when fewer items than `count` come back will stop early.',
      examples: [100],
    },
    defaultPageSize: {
      type: 'integer',
      minimum: 1,
      description: 'The page size the server uses when `count` is not sent.',
      examples: [100],
    },
    startIndexBase: {
      type: 'integer',
      enum: [1, 0],
      default: 1,
      description: 'Whether `startIndex` counts from 1 (the RFC) or from 0 (a bug that duplicates an item per page).',
      enumDocs: {
        '1': '1-based, as RFC 7644 requires.',
        '0': '0-based: the server treats `startIndex=1` as the second item, so a client following the RFC skips or duplicates one resource per page.',
      },
    },
    totalResultsConsistent: {
      type: 'boolean',
      description: 'Whether `totalResults` stays the same across pages and equals the real number of matches.',
      markdown: 'Whether `totalResults` is stable across pages and equal to the number of resources that match. Some servers report the page size instead, so clients stop after one page.',
    },
    cursor: {
      type: 'boolean',
      description: 'Whether the server supports cursor-based pagination (`cursor` / `nextCursor`).',
      markdown: 'Whether the server supports cursor-based pagination (the SCIM cursor-pagination specification): `cursor` and `count` query parameters, `nextCursor` in each ListResponse but the last.',
    },
    directorySize: {
      type: 'integer',
      minimum: 0,
      description: 'Approximate number of users in the target, to size full imports and probe runs.',
    },
    testedAt: date('When pagination was last measured.'),
    notes: notes('paging behaviour'),
  },
};

const deactivation: FieldSpec = {
  type: 'object',
  description: 'What happens to a user when the IdP deactivates it (active=false or DELETE).',
  markdown:
    'What the application does when the IdP deactivates a user (`active: false` via PATCH/PUT, or DELETE). ' +
    'This is the offboarding contract auditors ask about: the evidence you can show that access ended, and when.',
  required: ['contract'],
  properties: {
    contract: {
      type: 'string',
      description: 'The offboarding contract: immediate, delayed, locked-only or deleted.',
      enum: ['immediate', 'delayed', 'locked-only', 'deleted'],
      enumDocs: {
        immediate: 'Sessions and access end as soon as the SCIM call succeeds; the user stays readable with `active: false`. **Evidence:** the 2xx response and a GET showing `active: false` prove offboarding at that moment.',
        delayed: 'Access ends only after a delay (session lifetime, nightly sync, grace period). **Evidence:** the SCIM call proves intent, not effect; record `delaySeconds` so access reviews account for the window, and re-check after it.',
        'locked-only': 'The account is locked or suspended but sessions, tokens or data access may persist (for example existing API tokens keep working). **Evidence:** a SCIM response is not enough; document the manual step that revokes the rest in `notes`.',
        deleted: 'Deactivation deletes the user (GitHub: `active: false` removes the user and its SCIM identity). **Evidence:** the user is gone, so a later GET returns 404; keep the SCIM transcript as the record, and expect re-provisioning to create a new identity (history and ownership lost).',
      },
    },
    delaySeconds: {
      type: 'integer',
      minimum: 0,
      default: 0,
      description: 'For `delayed`: the worst-case seconds between the SCIM call and the end of access.',
      markdown: 'For `delayed`: the worst-case number of seconds between the successful SCIM call and the end of access (e.g. `3600` for a one-hour session lifetime). Access reviews use it to size the exposure window.',
    },
    testedAt: date('When the contract was last verified.'),
    notes: notes('offboarding (manual steps, what survives deactivation)'),
  },
};

const groupMapping: FieldSpec = {
  type: 'object',
  description: 'How IdP groups become roles or permissions in the application.',
  markdown: 'How IdP groups turn into roles, licences or permissions in the application. This is where access is actually granted, so it is what access reviews need.',
  required: ['strategy'],
  properties: {
    strategy: {
      type: 'string',
      description: 'How groups map to roles: direct, composite or attribute.',
      enum: ['direct', 'composite', 'attribute'],
      enumDocs: {
        direct: 'Each SCIM group is pushed to `/Groups` and maps one-to-one to a role in the application (`group` → `role`).',
        composite: 'A role is granted by a combination of groups (`groups`: all of them), or one group grants several roles; the mapping lives in the application.',
        attribute: 'No groups are pushed; a user attribute (e.g. `roles`, an enterprise `department`, a custom extension) carries the role. Set `attribute` and `value` in each rule.',
      },
    },
    rules: {
      type: 'array',
      description: 'The mapping rules, one per group (or attribute value) to role.',
      items: {
        type: 'object',
        description: 'One mapping rule.',
        properties: {
          group: { type: 'string', description: 'direct: the IdP group display name.', examples: ['Sales'] },
          groups: { type: 'array', description: 'composite: every group a user must be in to get `role`.', items: { type: 'string', description: 'A group display name.' } },
          attribute: { type: 'string', description: 'attribute: the SCIM attribute that carries the role, e.g. `roles` or `urn:...:enterprise:2.0:User:department`.' },
          value: { type: 'string', description: 'attribute: the attribute value that grants `role`.' },
          role: { type: 'string', description: 'The role, licence or permission set granted in the application.', examples: ['crm-user'] },
          notes: notes('this rule'),
        },
      },
    },
    notes: notes('group mapping'),
  },
};

const errors: FieldSpec = {
  type: 'array',
  description: 'Error responses seen from this application, what they mean here, and whether to retry.',
  markdown: 'Error responses this application sends and what they really mean. Vendors use status codes and `scimType` loosely (a duplicate as 400 `invalidValue`, a 409 without `scimType`); recording them lets the runner classify failures and retry only what is transient.',
  items: {
    type: 'object',
    description: 'One kind of error response.',
    required: ['status'],
    properties: {
      status: { type: 'integer', minimum: 100, maximum: 599, description: 'The HTTP status code.', examples: [409] },
      scimType: {
        type: 'string',
        description: 'The `scimType` in the error body, if any (RFC 7644 §3.12 or the vendor\'s own value).',
        suggestions: 'scimTypes',
      },
      match: {
        type: 'string',
        description: 'Optional: text the error\'s `detail` (or text body) contains, or a `/regex/flags`; tells apart errors that share a status and scimType.',
        markdown: 'Optional. Narrows this entry to errors whose `detail` (or plain-text body) contains this text (case-insensitive), or matches it when written as `/regex/flags` (e.g. `/already (exists|taken)/i`). Entries are matched by `status`, then `scimType`, then `match`; the most specific wins, so a vendor\'s generic 400 can be told apart: `{ "status": 400, "match": "already exists", "meaning": "duplicate" }`. `scim-workbench explain` and the request runner show the entry that matches.',
        examples: ['already exists', '/rate limit|throttl/i'],
      },
      meaning: { type: 'string', description: 'What the error means for this application, in plain words.' },
      retry: { type: 'boolean', default: false, description: 'Whether retrying the same request later can succeed (throttling, transient failures).' },
      notes: notes('this error'),
    },
  },
};

const rateLimit: FieldSpec = {
  type: 'object',
  description: 'Throttling limits and how to back off; the runner and probes stay under them.',
  markdown: 'Throttling limits. The runner and the probes stay under `requestsPerSecond`/`requestsPerMinute` and back off on 429 as `backoff` says.',
  properties: {
    requestsPerSecond: { type: 'number', exclusiveMinimum: 0, description: 'Sustained requests per second allowed.' },
    requestsPerMinute: { type: 'number', exclusiveMinimum: 0, description: 'Sustained requests per minute allowed (Slack-style per-minute tiers).' },
    burst: { type: 'integer', minimum: 1, description: 'Requests allowed in a burst above the sustained rate.' },
    retryAfter: {
      type: 'string',
      description: 'Whether 429 responses carry a usable Retry-After header.',
      enum: ['honored', 'absent', 'unreliable', 'untested'],
      enumDocs: {
        honored: 'A 429 carries `Retry-After`, and waiting that long is enough. Clients wait exactly that.',
        absent: 'A 429 comes without `Retry-After`; clients must use `backoff`.',
        unreliable: '`Retry-After` is sent but waiting that long is not always enough (or it is in the wrong unit); clients use the larger of it and `backoff`.',
        untested: 'Not observed yet.',
      },
      default: 'untested',
    },
    backoff: {
      type: 'object',
      description: 'Exponential backoff for 429 and transient 5xx responses.',
      properties: {
        initialMs: { type: 'integer', minimum: 0, default: 500, description: 'First wait, in milliseconds.' },
        maxMs: { type: 'integer', minimum: 0, default: 30000, description: 'Longest single wait, in milliseconds.' },
        maxRetries: { type: 'integer', minimum: 0, default: 5, description: 'Retries before giving up.' },
        multiplier: { type: 'number', minimum: 1, default: 2, description: 'Factor applied to the wait after each retry.' },
      },
    },
    notes: notes('throttling'),
  },
};

const knownIssues: FieldSpec = {
  type: 'array',
  description: 'Known problems with this application, their workarounds, and the finding codes that detect them.',
  markdown: 'Known problems with this integration. `codes` links each issue to the finding codes probes and lints report, so a known, accepted problem can be recognised in probe results instead of being rediscovered.',
  items: {
    type: 'object',
    description: 'One known issue.',
    required: ['summary'],
    properties: {
      summary: { type: 'string', minLength: 1, description: 'What goes wrong, in one sentence.' },
      workaround: { type: 'string', description: 'What to do about it.' },
      codes: {
        type: 'array',
        uniqueItems: true,
        description: 'Finding codes that detect this issue (e.g. PAGE_SIZE_CAPPED).',
        items: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', patternErrorMessage: 'Finding codes are UPPER_SNAKE_CASE, e.g. PAGE_SIZE_CAPPED.', description: 'A finding code.', suggestions: 'findingCodes' },
      },
      since: date('When the issue was first seen.'),
      link: { type: 'string', format: 'uri', description: 'Ticket, vendor case or documentation link.' },
    },
  },
};

const probe: FieldSpec = {
  type: 'object',
  description: 'How probes may exercise this application.',
  properties: {
    allowWrites: {
      type: 'boolean',
      default: false,
      description: 'Whether probes may create, modify and delete test users here.',
      markdown: 'Whether probes may create, modify and delete test users (named with `testUserPrefix`) in this application. Keep `false` for production; a warning (`REGISTRY_WRITES_ON_PRODUCTION`) flags `true` on a production-looking `baseUrl`.',
    },
    testUserPrefix: {
      type: 'string',
      default: 'scimwb-probe-',
      minLength: 1,
      description: 'Prefix of every user and group a probe creates, so leftovers are recognisable and cleanable.',
    },
    idpProfile: {
      type: 'string',
      default: 'rfc',
      description: 'Which identity provider\'s request style probes imitate.',
      enum: ['rfc', 'entra', 'okta'],
      enumDocs: {
        rfc: 'Requests exactly as RFC 7644 writes them (lower-case PATCH ops, JSON booleans).',
        entra: 'Microsoft Entra ID style: capitalised PATCH ops (`"Replace"`), booleans as strings (`"False"`), `userName eq` lookups, deactivation by `active=false`.',
        okta: 'Okta style: `userName eq` lookups with `startIndex=1&count=100`, path-less PATCH `{"active": false}` to deactivate, GET then PUT for profile updates, no DELETE.',
      },
    },
    timeoutMs: { type: 'integer', minimum: 1, default: 10000, description: 'Per-request timeout for probes, in milliseconds.' },
  },
};

const observation: FieldSpec = {
  type: 'object',
  description: 'The last run of one probe. Written by the probe; edit at your own risk.',
  markdown: 'The last run of one probe, written by SCIM Workbench. Declared fields are never changed by a probe; promote a figure into them with the "promote" action when you have checked it.',
  required: ['lastRun', 'verdict'],
  properties: {
    lastRun: { type: 'string', format: 'date-time', description: 'When the probe last ran (ISO 8601 date-time).' },
    verdict: {
      type: 'string',
      description: 'The overall result of the run.',
      enum: ['pass', 'warn', 'fail', 'error'],
      enumDocs: {
        pass: 'Behaved as declared and as the RFC says.',
        warn: 'Worked, with deviations that clients must handle (see `findingCodes`).',
        fail: 'Behaviour contradicts the declaration or breaks provisioning.',
        error: 'The probe could not finish (network, auth, unexpected response); nothing was concluded.',
      },
    },
    summary: { type: 'string', description: 'One-line human summary of the run.' },
    durationMs: { type: 'integer', minimum: 0, description: 'How long the run took.' },
    figures: {
      type: 'object',
      description: 'Measured values, free-form (numbers, strings, booleans), e.g. maxPageSize.',
      additionalProperties: { type: ['number', 'string', 'boolean', 'null'], description: 'One measured value.' },
    },
    findingCodes: {
      type: 'array',
      description: 'Finding codes the run reported.',
      items: { type: 'string', description: 'A finding code.', suggestions: 'findingCodes' },
    },
    toolVersion: { type: 'string', description: 'The SCIM Workbench version that ran the probe.' },
  },
};

const application: FieldSpec = {
  type: 'object',
  description: 'One downstream application that receives SCIM provisioning.',
  markdown: 'One downstream application that SCIM provisions into, and how its SCIM really behaves.',
  required: ['id', 'baseUrl'],
  properties: {
    id: {
      type: 'string',
      pattern: SLUG_PATTERN,
      patternErrorMessage: 'An id is a slug: letters, digits, ".", "_" and "-", starting with a letter or digit.',
      description: 'Unique slug for the application, used by the CLI\'s --app and in probe reports.',
      examples: ['acme-crm'],
    },
    name: { type: 'string', description: 'Display name.', examples: ['Acme CRM'] },
    owner: { type: 'string', description: 'Who owns the integration (team mailbox or person): the first contact when it breaks.', examples: ['iam-team@example.com'] },
    environment: {
      type: 'string',
      description: 'Which environment baseUrl points at. Declaring it overrides the production-host heuristic.',
      enum: ['production', 'staging', 'sandbox', 'development', 'test'],
      enumDocs: {
        production: 'Real users. Probes must not write (`probe.allowWrites` is flagged).',
        staging: 'Pre-production copy; writes are acceptable.',
        sandbox: 'A vendor sandbox or the embedded SCIM Workbench sandbox.',
        development: 'A developer instance.',
        test: 'A test tenant or test double.',
      },
    },
    tags: { type: 'array', uniqueItems: true, description: 'Free labels for grouping and filtering in the Registry view.', items: { type: 'string', description: 'A tag.' } },
    docsUrl: { type: 'string', format: 'uri', description: 'The vendor\'s SCIM documentation.' },
    notes: notes('this integration'),
    baseUrl: {
      type: 'string',
      minLength: 1,
      description: 'The SCIM base URL, without a trailing /Users (e.g. https://acme.example.com/scim/v2).',
      markdown: 'The SCIM service root (RFC 7644 §3.1), e.g. `https://acme.example.com/scim/v2`. Resource paths such as `/Users` are appended by the runner, so do not include them.',
      examples: ['https://acme.example.com/scim/v2'],
    },
    auth,
    endpoints,
    filters,
    pagination,
    deactivation,
    groupMapping,
    errors,
    rateLimit,
    schemaExtensions: {
      type: 'array',
      uniqueItems: true,
      description: 'Schema extension URNs the application accepts on users or groups.',
      markdown: 'Schema extension URNs the application accepts (RFC 7643 §3.3), e.g. the enterprise user extension. Payload checks treat attributes under these URNs as known.',
      items: { type: 'string', description: 'A schema URN.', suggestions: 'schemaExtensions' },
    },
    knownIssues,
    probe,
    observed: {
      type: 'object',
      description: 'Written by probes: per probe, the last run\'s time, verdict, figures and finding codes.',
      markdown: 'Written by probes: one entry per probe (`pagination`, `filters`, ...), holding the last run\'s time, verdict, figures and finding codes. SCIM Workbench edits only this block (and, when you confirm, the declared field you promote a figure into).',
      additionalProperties: observation,
    },
  },
};

/** The root of the registry format. */
export const registrySpec: FieldSpec = {
  type: 'object',
  description: 'A SCIM Workbench integration registry: one entry per downstream application.',
  markdown: 'A SCIM Workbench integration registry: one entry per downstream application, recording how its SCIM really behaves. Secrets are named here, never stored.',
  required: ['applications'],
  properties: {
    $schema: { type: 'string', description: 'The JSON schema of this file (optional; SCIM Workbench applies it automatically).' },
    applications: { type: 'array', description: 'The applications, one object each.', items: application },
  },
};
