import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chainSecretSources,
  envSecretSource,
  redact,
  resolveSecrets,
  secretEnvName,
  secretNamesOf,
  type Application,
} from '../../../src/core/registry/index';

test('secretEnvName: upper-case, every non-alphanumeric character becomes _', () => {
  assert.equal(secretEnvName('acme-token'), 'SCIM_SECRET_ACME_TOKEN');
  assert.equal(secretEnvName('Acme.crm token/2'), 'SCIM_SECRET_ACME_CRM_TOKEN_2');
  assert.equal(secretEnvName('a--b'), 'SCIM_SECRET_A__B');
  assert.equal(secretEnvName('café'), 'SCIM_SECRET_CAF_');
});

const app: Application = {
  id: 'acme',
  baseUrl: 'https://acme.example.com/scim/v2',
  auth: { type: 'basic', username: 'bot', secret: 'acme-pw', rotation: { secondarySecret: 'acme-pw-next' } },
};

test('secretNamesOf lists auth.secret and rotation.secondarySecret, tolerating junk', () => {
  assert.deepEqual(secretNamesOf(app), [
    { name: 'acme-pw', field: 'auth.secret' },
    { name: 'acme-pw-next', field: 'auth.rotation.secondarySecret' },
  ]);
  assert.deepEqual(secretNamesOf({ id: 'x', baseUrl: 'y' }), []);
  assert.deepEqual(secretNamesOf({ id: 'x', baseUrl: 'y', auth: 5 } as unknown as Application), []);
});

test('envSecretSource, chain and resolveSecrets report missing names with their variable', async () => {
  const env = envSecretSource({ SCIM_SECRET_ACME_PW: 's3cret', SCIM_SECRET_ACME_PW_NEXT: '' });
  assert.equal(await env.get('acme-pw'), 's3cret');
  assert.equal(await env.get('acme-pw-next'), undefined);
  const chained = chainSecretSources({ get: (n) => Promise.resolve(n === 'acme-pw-next' ? 'next' : undefined) }, env);
  const resolved = await resolveSecrets(app, chained);
  assert.deepEqual([...resolved.values], [['acme-pw', 's3cret'], ['acme-pw-next', 'next']]);
  const partial = await resolveSecrets(app, env);
  assert.deepEqual(partial.missing, [{ name: 'acme-pw-next', envName: 'SCIM_SECRET_ACME_PW_NEXT' }]);
});

test('redact: raw, URL-encoded, JSON-escaped and Basic forms', () => {
  const value = 'p@ss w"rd/+1';
  const basic = Buffer.from(`bot:${value}`).toString('base64');
  const other = Buffer.from(`someone-else:${value}`).toString('base64');
  const transcript = [
    `Authorization: Bearer ${value}`,
    `Authorization: Basic ${basic}`,
    `Authorization: basic ${other}`,
    `client_secret=${encodeURIComponent(value)}&x=1`,
    `{"token": ${JSON.stringify(value)}}`,
    'Authorization: Basic ' + Buffer.from('bot:unrelated').toString('base64'),
  ].join('\n');
  const out = redact(transcript, [{ name: 'acme-pw', value, username: 'bot' }]);
  assert.ok(!out.includes(value));
  assert.ok(!out.includes(basic));
  assert.ok(!out.includes(other));
  assert.ok(!out.includes(encodeURIComponent(value)));
  assert.equal(out.split('«redacted:acme-pw»').length - 1, 5);
  assert.ok(out.includes(Buffer.from('bot:unrelated').toString('base64')), 'unrelated credentials are left alone');
  assert.equal(redact('nothing here', []), 'nothing here');
  assert.equal(redact('x', [{ name: 'e', value: '' }]), 'x');
});

test('redact: a secret containing another is replaced whole', () => {
  assert.equal(redact('tok=abcdef', [{ name: 'short', value: 'abc' }, { name: 'long', value: 'abcdef' }]), 'tok=«redacted:long»');
});
