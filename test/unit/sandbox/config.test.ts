// The sandbox config file: lint findings with exact ranges and did-you-mean fixes, parsing, the JSON Schema.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { lintSandboxConfig, parseSandboxConfig } from '../../../src/sandbox';
import { sandboxConfigSchema } from '../../../src/sandbox/configSchema';
import { SANDBOX_CODES } from '../../../src/sandbox/config';

const ROOT = join(__dirname, '..', '..', '..');

function at(text: string, finding: { range: { start: number; end: number } }): string {
  return text.slice(finding.range.start, finding.range.end);
}

describe('lintSandboxConfig', () => {
  test('a valid config has no findings and parses into StartOptions', () => {
    const text = '// comment\n{ "port": 0, "seed": 3, "token": "t", "apps": [ { "id": "a", "profile": "aws-like", "users": 10, "quirks": { "maxPageSize": 20, "rateLimit": null } }, ], }';
    assert.deepEqual(lintSandboxConfig(text), []);
    const { config } = parseSandboxConfig(text);
    assert.deepEqual(config, { apps: [{ id: 'a', profile: 'aws-like', users: 10, quirks: { maxPageSize: 20, rateLimit: null } }], port: 0, token: 't', seed: 3 });
  });

  test('the newer switch kinds: per-minute or per-second rate limits, lists, mixed enums, fault methods', () => {
    const good = '{ "apps": [ { "id": "a", "quirks": { "rateLimit": { "requestsPerMinute": 60, "retryAfter": true }, "falseClaims": ["patch", "etag"], ' +
      '"filterAttributes": ["userName", "externalId"], "bulk": "advertisedOnly", "noMatchStatus": 404, "faults": { "rate": 0.1, "kind": "503", "methods": "reads" } } } ] }';
    assert.deepEqual(lintSandboxConfig(good), []);
    const bad = '{ "apps": [ { "id": "a", "quirks": { "rateLimit": { "requestsPerSecond": 1, "requestsPerMinute": 60, "retryAfter": true }, ' +
      '"falseClaims": ["patch", "patch"], "filterAttributes": "userName", "bulk": "sometimes", "noMatchStatus": 400, "faults": { "rate": 0.1, "kind": "503", "methods": "writes" }, ' +
      '"cursorPagination": "yes" } } ] }';
    const pairs = lintSandboxConfig(bad).map((f) => `${f.code}:${at(bad, f)}`);
    assert.deepEqual(pairs, [
      `${SANDBOX_CODES.invalidQuirkValue}:60`,
      `${SANDBOX_CODES.invalidQuirkValue}:["patch", "patch"]`,
      `${SANDBOX_CODES.invalidQuirkValue}:"userName"`,
      `${SANDBOX_CODES.invalidQuirkValue}:"sometimes"`,
      `${SANDBOX_CODES.invalidQuirkValue}:400`,
      `${SANDBOX_CODES.invalidQuirkValue}:"writes"`,
      `${SANDBOX_CODES.invalidQuirkValue}:"yes"`,
    ]);
    assert.match(lintSandboxConfig('{ "apps": [ { "id": "a", "quirks": { "rateLimit": { "retryAfter": true } } } ] }')[0]?.message ?? '', /requestsPerSecond or requestsPerMinute/);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(sandboxConfigSchema());
    assert.ok(validate(parseSandboxConfig(good).config), ajv.errorsText(validate.errors));
    assert.equal(validate({ apps: [{ id: 'a', quirks: { rateLimit: { requestsPerSecond: 1, requestsPerMinute: 60, retryAfter: true } } }] }), false);
  });

  test('unknown profile: error on the value, did-you-mean and a fix that replaces it', () => {
    const text = '{ "apps": [ { "id": "a", "profile": "aws-lke" } ] }';
    const [f] = lintSandboxConfig(text);
    assert.equal(f?.code, SANDBOX_CODES.unknownProfile);
    assert.equal(f?.severity, 'error');
    assert.equal(at(text, f!), '"aws-lke"');
    assert.match(f!.message, /did you mean 'aws-like'/);
    assert.deepEqual(f?.fixes?.[0]?.edits, [{ range: f!.range, newText: '"aws-like"' }]);
  });

  test('unknown quirk: error on the key with did-you-mean; unknown property: warning', () => {
    const text = '{ "apps": [ { "id": "a", "quirks": { "maxPagesize": 5 }, "usres": 3 } ], "prot": 1 }';
    const findings = lintSandboxConfig(text);
    const quirk = findings.find((f) => f.code === SANDBOX_CODES.unknownQuirk);
    assert.equal(at(text, quirk!), '"maxPagesize"');
    assert.match(quirk!.message, /did you mean 'maxPageSize'/);
    assert.equal(quirk?.fixes?.[0]?.edits[0]?.newText, '"maxPageSize"');
    const props = findings.filter((f) => f.code === SANDBOX_CODES.unknownProperty);
    assert.deepEqual(props.map((f) => at(text, f)), ['"usres"', '"prot"']);
    assert.ok(props.every((f) => f.severity === 'warning'));
    assert.match(props[0]!.message, /did you mean 'users'/);
  });

  test('bad types and values point at the value', () => {
    const text = '{ "port": "80", "seed": -1, "apps": [ { "id": "a b", "users": 1.5, "quirks": { "startIndex": "one", "bulk": "no", "filterOperators": ["eq", "like"], "rateLimit": { "requestsPerSecond": 0, "retryAfter": true }, "maxPageSize": 0 } }, { "id": "a b" }, 7 ] }';
    const findings = lintSandboxConfig(text);
    const pairs = findings.map((f) => `${f.code}:${at(text, f)}`);
    assert.deepEqual(pairs, [
      `${SANDBOX_CODES.invalidType}:"80"`,
      `${SANDBOX_CODES.invalidValue}:-1`,
      `${SANDBOX_CODES.invalidAppId}:"a b"`,
      `${SANDBOX_CODES.invalidValue}:1.5`,
      `${SANDBOX_CODES.invalidQuirkValue}:"one"`,
      `${SANDBOX_CODES.invalidQuirkValue}:"no"`,
      `${SANDBOX_CODES.invalidQuirkValue}:["eq", "like"]`,
      `${SANDBOX_CODES.invalidQuirkValue}:0`,
      `${SANDBOX_CODES.invalidQuirkValue}:0`,
      `${SANDBOX_CODES.invalidAppId}:"a b"`,
      `${SANDBOX_CODES.invalidType}:7`,
    ]);
    assert.equal(parseSandboxConfig(text).config, undefined);
  });

  test('duplicate ids, missing apps, missing id, syntax errors, empty text', () => {
    const dup = '{ "apps": [ { "id": "a" }, { "id": "a" } ] }';
    const d = lintSandboxConfig(dup);
    assert.equal(d[0]?.code, SANDBOX_CODES.duplicateAppId);
    assert.equal(d[0]!.range.start, dup.lastIndexOf('"a"'));
    assert.equal(lintSandboxConfig('{}')[0]?.code, SANDBOX_CODES.missingProperty);
    assert.equal(lintSandboxConfig('{ "apps": [] }')[0]?.code, SANDBOX_CODES.invalidValue);
    assert.equal(lintSandboxConfig('{ "apps": [ { "profile": "strict" } ] }')[0]?.code, SANDBOX_CODES.missingProperty);
    const broken = '{ "apps": [ { "id": "a" ] }';
    const s = lintSandboxConfig(broken);
    assert.equal(s[0]?.code, SANDBOX_CODES.syntax);
    assert.ok(s[0]!.range.start > 0 && s[0]!.range.end <= broken.length + 1);
    assert.equal(lintSandboxConfig('')[0]?.code, SANDBOX_CODES.syntax);
    assert.equal(lintSandboxConfig('[1]')[0]?.code, SANDBOX_CODES.invalidType);
  });
});

describe('schemas/sandbox-config.schema.json', () => {
  const committed = JSON.parse(readFileSync(join(ROOT, 'schemas', 'sandbox-config.schema.json'), 'utf8')) as object;

  test('matches the schema generated from the quirk tables (regenerate after changing a switch)', () => {
    assert.deepEqual(committed, sandboxConfigSchema());
  });

  test('every example config lints clean, validates against the schema, and the two agree on a bad file', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(committed);
    const dir = join(ROOT, 'examples', 'sandbox');
    const files = readdirSync(dir).filter((f) => f.endsWith('.scim-sandbox.jsonc'));
    assert.ok(files.length >= 2);
    for (const file of files) {
      const text = readFileSync(join(dir, file), 'utf8');
      assert.deepEqual(lintSandboxConfig(text), [], file);
      const { config } = parseSandboxConfig(text);
      assert.ok(validate({ $schema: 'x', ...config }), `${file}: ${ajv.errorsText(validate.errors)}`);
    }
    assert.equal(validate({ apps: [{ id: 'a', quirks: { startIndex: 'one' } }] }), false);
  });
});
