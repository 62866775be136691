// `auth` in `*.scim-sandbox.jsonc`: each mistake is an error on the exact key or value, with a fix where the intent
// is clear; a valid file parses into AppSpecs the sandbox serves; the JSON Schema agrees with the linter.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import { lintSandboxConfig, parseSandboxConfig } from '../../../src/sandbox';
import { SANDBOX_CODES } from '../../../src/sandbox/config';
import { sandboxConfigSchema } from '../../../src/sandbox/configSchema';

const at = (text: string, f: { range: { start: number; end: number } }): string => text.slice(f.range.start, f.range.end);
const withAuth = (auth: string, extra = ''): string => `{ "apps": [ { "id": "a"${extra}, "auth": ${auth} } ] }`;
/** code:text-of-range for each finding, in order. */
const pairs = (text: string): string[] => lintSandboxConfig(text).map((f) => `${f.code}:${at(text, f)}`);

describe('sandbox config: auth', () => {
  test('the three schemes, with and without values, lint clean and parse into the app spec', () => {
    const text = `{ "apps": [
      { "id": "b", "auth": { "type": "basic", "username": "scim-bot", "password": "pw" } },
      { "id": "k", "auth": { "type": "apiKey", "header": "X-Api-Key", "key": "k1" } },
      { "id": "t", "auth": { "type": "bearer", "token": "t1" } },
      { "id": "d", "auth": { "type": "basic" } },
      { "id": "o", "token": "own", "auth": { "type": "bearer" } },
    ] }`;
    assert.deepEqual(lintSandboxConfig(text), []);
    const apps = parseSandboxConfig(text).config?.apps;
    assert.deepEqual(apps?.map((a) => a.auth), [
      { type: 'basic', username: 'scim-bot', password: 'pw' },
      { type: 'apiKey', header: 'X-Api-Key', key: 'k1' },
      { type: 'bearer', token: 't1' },
      { type: 'basic' },
      { type: 'bearer' },
    ]);
    assert.equal(apps?.[4]?.token, 'own');
  });

  test('a wrong type or shape: errors on the value, a did-you-mean fix, a hint for OAuth and none', () => {
    assert.deepEqual(pairs(withAuth('"basic"')), [`${SANDBOX_CODES.invalidType}:"basic"`]);
    const missing = withAuth('{ "password": "x" }');
    assert.deepEqual(lintSandboxConfig(missing).map((f) => [f.code, f.range.start, f.range.end]), [[SANDBOX_CODES.missingProperty, missing.indexOf('{ "password'), missing.indexOf('{ "password') + 1]]);
    const typo = withAuth('{ "type": "Basic" }');
    const [f] = lintSandboxConfig(typo);
    assert.equal(`${f?.code}:${at(typo, f!)}`, `${SANDBOX_CODES.invalidValue}:"Basic"`);
    assert.match(f!.message, /Unknown auth type 'Basic' \(the sandbox serves bearer, basic, apiKey\); did you mean 'basic'\?/);
    assert.deepEqual(f?.fixes?.[0]?.edits, [{ range: f!.range, newText: '"basic"' }]);
    assert.match(lintSandboxConfig(withAuth('{ "type": "oauth2ClientCredentials" }'))[0]?.message ?? '', /a bearer app also serves OAuth 2.0 client credentials at \{baseUrl\}\/oauth\/token/);
    assert.match(lintSandboxConfig(withAuth('{ "type": "none" }'))[0]?.message ?? '', /every sandbox app authenticates/);
    assert.deepEqual(pairs(withAuth('{ "type": 3 }')), [`${SANDBOX_CODES.invalidType}:3`]);
  });

  test('bad values: each on its value', () => {
    const text = withAuth('{ "type": "basic", "username": "a:b", "password": "" }');
    assert.deepEqual(pairs(text), [`${SANDBOX_CODES.invalidValue}:"a:b"`, `${SANDBOX_CODES.invalidValue}:""`]);
    assert.match(lintSandboxConfig(text)[0]?.message ?? '', /RFC 7617/);
    assert.deepEqual(pairs(withAuth('{ "type": "apiKey", "header": "X Api Key", "key": 5 }')), [`${SANDBOX_CODES.invalidValue}:"X Api Key"`, `${SANDBOX_CODES.invalidType}:5`]);
    const reserved = withAuth('{ "type": "apiKey", "header": "content-type" }');
    assert.deepEqual(pairs(reserved), [`${SANDBOX_CODES.invalidValue}:"content-type"`]);
    assert.match(lintSandboxConfig(reserved)[0]?.message ?? '', /the sandbox reads that header for something else/);
    assert.deepEqual(pairs(withAuth('{ "type": "bearer", "token": "a\\nb" }')), [`${SANDBOX_CODES.invalidValue}:"a\\nb"`]);
  });

  test('properties of another scheme, a registry-style "secret" and typos: errors on the key (a fallback to the sandbox token would hide them)', () => {
    const text = withAuth('{ "type": "apiKey", "password": "x", "secret": "acme-key", "hedaer": "X-K" }');
    const findings = lintSandboxConfig(text);
    assert.deepEqual(findings.map((f) => `${f.code}:${f.severity}:${at(text, f)}`), [
      `${SANDBOX_CODES.unknownProperty}:error:"password"`,
      `${SANDBOX_CODES.unknownProperty}:error:"secret"`,
      `${SANDBOX_CODES.unknownProperty}:error:"hedaer"`,
    ]);
    assert.match(findings[0]!.message, /auth type apiKey takes 'type', 'header', 'key', not 'password'; 'password' belongs to auth type basic/);
    assert.match(findings[1]!.message, /In a registry, 'secret' names a secret; here the sandbox needs the value itself: 'key'/);
    assert.equal(findings[1]!.fixes, undefined, 'a secret name is not the key: no rename');
    assert.match(findings[2]!.message, /did you mean 'header'\?/);
    assert.deepEqual(findings[2]!.fixes?.[0]?.edits, [{ range: findings[2]!.range, newText: '"header"' }]);
    assert.equal(parseSandboxConfig(text).config, undefined);
  });

  test('an app "token" beside a Basic, API-key or bearer "auth.token": an error on the token property', () => {
    const basic = withAuth('{ "type": "basic" }', ', "token": "t"');
    assert.deepEqual(pairs(basic), [`${SANDBOX_CODES.invalidValue}:"token": "t"`]);
    assert.match(lintSandboxConfig(basic)[0]?.message ?? '', /"token" is a bearer token, but this app authenticates with HTTP Basic/);
    assert.match(lintSandboxConfig(withAuth('{ "type": "bearer", "token": "u" }', ', "token": "t"'))[0]?.message ?? '', /Give the bearer token once/);
  });

  test('the JSON Schema accepts and refuses what the linter does', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(sandboxConfigSchema());
    const good = [{ type: 'basic', username: 'u', password: 'p' }, { type: 'apiKey', header: 'X-K' }, { type: 'bearer' }, { type: 'basic' }];
    for (const auth of good) assert.ok(validate({ apps: [{ id: 'a', auth }] }), `${JSON.stringify(auth)}: ${ajv.errorsText(validate.errors)}`);
    const bad = [{ type: 'apiKey', password: 'p' }, { type: 'basic', username: 'a:b' }, { type: 'apiKey', header: 'X K' }, { type: 'Basic' }, {}, { type: 'bearer', token: '' }];
    for (const auth of bad) {
      assert.equal(validate({ apps: [{ id: 'a', auth }] }), false, JSON.stringify(auth));
      assert.ok(lintSandboxConfig(withAuth(JSON.stringify(auth))).some((f) => f.severity === 'error'), `the linter refuses ${JSON.stringify(auth)} too`);
    }
  });
});
