// The JSON Schema of `*.scim-sandbox.jsonc`, built from the same tables as the linter so the two cannot drift.
// schemas/sandbox-config.schema.json is this object, written out (scripts/generateSchemas.ts); a unit test keeps them equal.
import { DEFAULT_API_KEY_HEADER, type SandboxAuthType } from './appAuth';
import { presetNames, describePreset } from './presets';
import { QUIRK_DOCS } from './quirks/docs';
import { QUIRK_SPECS, type QuirkValueSpec } from './quirks/specs';
import { QUIRK_NAMES } from './quirks/types';

type Json = Record<string, unknown>;

function valueSchema(spec: QuirkValueSpec): Json {
  switch (spec.kind) {
    case 'boolean':
      return { type: 'boolean' };
    case 'enum':
      return { enum: [...spec.values] };
    case 'integer':
      return { type: spec.nullable ? ['integer', 'null'] : 'integer', minimum: spec.min, ...(spec.max !== undefined ? { maximum: spec.max } : {}) };
    case 'list': {
      const list = { type: 'array', items: spec.values ? { enum: [...spec.values] } : { type: 'string', minLength: 1 }, uniqueItems: true };
      return spec.allowAll ? { oneOf: [{ const: 'all' }, list] } : list;
    }
    case 'rateLimit': {
      const common = {
        burst: { type: 'integer', minimum: 1, description: 'Bucket size (default: the rate).' },
        retryAfter: { type: 'boolean', description: 'Send Retry-After with the 429.' },
      };
      const perSecond = { type: 'number', exclusiveMinimum: 0, description: 'Token-bucket refill rate per second.' };
      const perMinute = { type: 'number', exclusiveMinimum: 0, description: 'Token-bucket refill rate per minute.' };
      return {
        oneOf: [
          { type: 'null' },
          { type: 'object', additionalProperties: false, required: ['requestsPerSecond', 'retryAfter'], properties: { requestsPerSecond: perSecond, ...common } },
          { type: 'object', additionalProperties: false, required: ['requestsPerMinute', 'retryAfter'], properties: { requestsPerMinute: perMinute, ...common } },
        ],
      };
    }
    case 'faults':
      return {
        oneOf: [
          { type: 'null' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['rate', 'kind'],
            properties: {
              rate: { type: 'number', minimum: 0, maximum: 1, description: 'Share of requests that fail.' },
              kind: { enum: ['503', 'html502', 'mixed'] },
              methods: { enum: ['all', 'reads'], description: 'Which requests may fail (default all).' },
            },
          },
        ],
      };
  }
}

/** One branch per scheme, with the fields of the registry's auth block of the same type. */
function authSchema(): Json {
  const text = (description: string, extra: Json = {}): Json => ({ type: 'string', minLength: 1, ...extra, description });
  const branch = (type: SandboxAuthType, description: string, fields: Record<string, Json>): Json =>
    ({ type: 'object', additionalProperties: false, required: ['type'], description, properties: { type: { const: type }, ...fields } });
  return {
    markdownDescription: 'How the app authenticates (default: bearer). A credential not given is the sandbox token; the registry entry that reaches the app has the same `type`, `username` and `header`.',
    oneOf: [
      branch('bearer', 'Authorization: Bearer <token>; the OAuth token endpoint issues tokens too.', { token: text('The bearer token (default: the app\'s "token", else the sandbox token).') }),
      branch('basic', 'Authorization: Basic base64(username:password).', {
        username: text('The user name (default: the app id).', { pattern: '^[^:]+$' }),
        password: text('The password (default: the sandbox token).'),
      }),
      branch('apiKey', `The key alone in a header (default ${DEFAULT_API_KEY_HEADER}).`, {
        header: text(`The header that carries the key (default ${DEFAULT_API_KEY_HEADER}).`, { pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$" }),
        key: text('The API key (default: the sandbox token).'),
      }),
    ],
  };
}

export function sandboxConfigSchema(): Json {
  const quirkProps = Object.fromEntries(QUIRK_NAMES.map((n) => [n, { ...valueSchema(QUIRK_SPECS[n]), markdownDescription: QUIRK_DOCS[n] }]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'SCIM Workbench sandbox configuration',
    // VS Code's JSON service: sandbox configs are JSONC, trailing commas included.
    allowTrailingCommas: true,
    description: 'Applications the embedded SCIM sandbox serves, each with a vendor-quirk profile.',
    type: 'object',
    additionalProperties: false,
    required: ['apps'],
    properties: {
      $schema: { type: 'string' },
      port: { type: 'integer', minimum: 0, maximum: 65535, description: 'Port on 127.0.0.1 (0: any free port).' },
      token: { type: 'string', minLength: 1, description: 'The credential of every app without its own: its bearer token, Basic password or API key (default: random).' },
      seed: { type: 'integer', minimum: 0, maximum: 4294967295, description: 'Seed of generated data and injected faults.' },
      apps: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['id'],
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9._-]{1,64}$', description: 'Path segment: /apps/<id>/scim/v2.' },
            profile: {
              enum: [...presetNames],
              markdownEnumDescriptions: presetNames.map((p) => describePreset(p)?.modelled ?? ''),
              description: 'Preset the app starts from (default: strict).',
            },
            users: { type: 'integer', minimum: 0, maximum: 1000000, description: 'Generated users (default 250).' },
            groups: { type: 'integer', minimum: 0, maximum: 1000000, description: 'Generated groups (default 20).' },
            token: { type: 'string', minLength: 1, description: 'Bearer token of this app (the same as auth { "type": "bearer", "token" }).' },
            auth: authSchema(),
            quirks: { type: 'object', additionalProperties: false, properties: quirkProps, description: 'Switches overriding the preset.' },
          },
        },
      },
    },
  };
}
