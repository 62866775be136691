import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lintRegistry, looksNonProduction } from '../../../src/core/registry/index';
import { applyTextEdits } from '../../../src/core/registry/writeBack';
import { substitutePlaceholders } from '../../../src/core/registry/filterRule';
import { covered, only, rangeOf, registryWith } from './helpers';

const ok = '      "id": "ok", "baseUrl": "https://ok.example.com/scim/v2"';

function lintApp(body: string): { text: string; findings: ReturnType<typeof lintRegistry> } {
  const text = registryWith(body);
  return { text, findings: lintRegistry(text) };
}

describe('registry rules', () => {
  test('a minimal valid registry has no findings', () => {
    assert.deepEqual(lintRegistry(registryWith(ok)), []);
  });

  test('REGISTRY_JSON_SYNTAX: points at the error, never throws, still runs other rules', () => {
    const text = '{ "applications": [ { "id": "a" "baseUrl": "ftp://x" } ] }';
    const findings = lintRegistry(text);
    const syntax = only(findings, 'REGISTRY_JSON_SYNTAX');
    assert.equal(syntax.length, 1);
    assert.equal(syntax[0]!.range.start, text.indexOf('"baseUrl"'));
    assert.match(syntax[0]!.message, /comma expected/);
    assert.equal(only(findings, 'REGISTRY_BASEURL_SCHEME').length, 1);
    for (const garbage of ['', '   ', '[', '{"applications": 5}', 'null', '\u0000\uffff', '{"applications": [1, "x", null]}']) {
      assert.doesNotThrow(() => lintRegistry(garbage), garbage);
    }
    assert.equal(only(lintRegistry(''), 'REGISTRY_JSON_SYNTAX').length, 1);
  });

  test('REGISTRY_SCHEMA: enum with did-you-mean fix, at the value', () => {
    const { text, findings } = lintApp(`${ok},\n      "deactivation": { "contract": "Immediate" }`);
    const [f] = only(findings, 'REGISTRY_SCHEMA');
    assert.ok(f);
    assert.equal(covered(text, f), '"Immediate"');
    assert.match(f.message, /deactivation\.contract/);
    assert.equal(applyTextEdits(text, f.fixes![0]!.edits).includes('"contract": "immediate"'), true);
  });

  test('REGISTRY_SCHEMA: unknown field is a warning at the key with a rename fix; x- fields are allowed', () => {
    const { text, findings } = lintApp(`${ok},\n      "deactivaton": { "contract": "immediate" },\n      "x-cost-centre": 42`);
    const schema = only(findings, 'REGISTRY_SCHEMA');
    assert.equal(schema.length, 1);
    assert.equal(schema[0]!.severity, 'warning');
    assert.equal(covered(text, schema[0]!), '"deactivaton"');
    assert.equal(schema[0]!.fixes?.[0]?.edits[0]?.newText, '"deactivation"');
  });

  test('REGISTRY_SCHEMA: missing required field points at the application id; conditional requirements explain why', () => {
    let { text, findings } = lintApp('      "id": "no-url"');
    let [f] = only(findings, 'REGISTRY_SCHEMA');
    assert.equal(covered(text, f!), '"no-url"');
    assert.match(f!.message, /"baseUrl"/);
    ({ text, findings } = lintApp(`${ok},\n      "auth": { "type": "apiKey", "secret": "k" }`));
    [f] = only(findings, 'REGISTRY_SCHEMA');
    assert.equal(covered(text, f!), '"auth"');
    assert.match(f!.message, /"header" when type is "apiKey"/);
  });

  test('REGISTRY_SCHEMA: wrong type, with a fix for quoted numbers and booleans', () => {
    const { text, findings } = lintApp(`${ok},\n      "pagination": { "maxPageSize": "100", "totalResultsConsistent": "True" }`);
    const schema = only(findings, 'REGISTRY_SCHEMA');
    assert.deepEqual(schema.map((f) => covered(text, f)), ['"100"', '"True"']);
    assert.equal(schema[0]!.fixes?.[0]?.edits[0]?.newText, '100');
    assert.equal(schema[1]!.fixes?.[0]?.edits[0]?.newText, 'true');
  });

  test('REGISTRY_DUPLICATE_ID: on the later id, case-insensitively', () => {
    const text = registryWith(ok, '      "id": "OK", "baseUrl": "https://b.example.com/scim/v2"', '      "id": "ok", "baseUrl": "https://c.example.com/scim/v2"');
    const dup = only(lintRegistry(text), 'REGISTRY_DUPLICATE_ID');
    assert.deepEqual(dup.map((f) => f.range), [rangeOf(text, '"OK"'), rangeOf(text, '"ok"', 1)]);
    assert.match(dup[0]!.message, /only in case/);
  });

  test('REGISTRY_BASEURL_SCHEME: scheme range, or the whole value with an https:// fix', () => {
    let { text, findings } = lintApp('      "id": "a", "baseUrl": "ftp://x.example.com/scim"');
    assert.equal(covered(text, only(findings, 'REGISTRY_BASEURL_SCHEME')[0]!), 'ftp');
    ({ text, findings } = lintApp('      "id": "a", "baseUrl": "acme.example.com/scim/v2"'));
    const f = only(findings, 'REGISTRY_BASEURL_SCHEME')[0]!;
    assert.equal(covered(text, f), '"acme.example.com/scim/v2"');
    assert.ok(applyTextEdits(text, f.fixes![0]!.edits).includes('"https://acme.example.com/scim/v2"'));
  });

  test('REGISTRY_BASEURL_RESOURCE_SUFFIX: covers the suffix; the fix removes it', () => {
    for (const suffix of ['/Users', '/groups/', '/ServiceProviderConfig', '/.search']) {
      const { text, findings } = lintApp(`      "id": "a", "baseUrl": "https://a.example.com/scim/v2${suffix}"`);
      const f = only(findings, 'REGISTRY_BASEURL_RESOURCE_SUFFIX')[0];
      assert.ok(f, suffix);
      assert.equal(covered(text, f), suffix);
      assert.ok(applyTextEdits(text, f.fixes![0]!.edits).includes('"https://a.example.com/scim/v2"'));
      assert.equal(only(findings, 'REGISTRY_BASEURL_TRAILING_SLASH').length, 0);
    }
    // A host named "users" is not a suffix.
    assert.deepEqual(lintApp('      "id": "a", "baseUrl": "https://users"').findings, []);
  });

  test('REGISTRY_BASEURL_TRAILING_SLASH: info on the slash, fix removes it', () => {
    const { text, findings } = lintApp('      "id": "a", "baseUrl": "https://a.example.com/scim/v2/"');
    const f = only(findings, 'REGISTRY_BASEURL_TRAILING_SLASH')[0]!;
    assert.equal(f.severity, 'info');
    assert.equal(f.range.start, text.indexOf('/"'));
    assert.equal(f.range.end, f.range.start + 1);
    assert.ok(applyTextEdits(text, f.fixes![0]!.edits).includes('"https://a.example.com/scim/v2"'));
  });

  test('REGISTRY_FILTER_SYNTAX: exact range inside the JSON string across escapes', () => {
    const { text, findings } = lintApp(`${ok},\n      "filters": [ { "expression": "name.givenName eq \\"Bj\\u00f6rn\\" and title xx \\"VP\\"" } ]`);
    const f = only(findings, 'REGISTRY_FILTER_SYNTAX')[0]!;
    assert.equal(covered(text, f), 'xx');
    assert.doesNotMatch(f.message, / at \d/);
  });

  test('REGISTRY_FILTER_SYNTAX: placeholders parse, inside or outside quotes, and keep offsets', () => {
    const { findings } = lintApp(`${ok},\n      "filters": [ { "expression": "userName eq \\"{{userName}}\\"" }, { "expression": "meta.lastModified gt {{since}}" } ]`);
    assert.deepEqual(only(findings, 'REGISTRY_FILTER_SYNTAX'), []);
    assert.equal(substitutePlaceholders('a eq "{{x}}"'), 'a eq "xxxxx"');
    assert.equal(substitutePlaceholders('a gt {{since}}'), 'a gt "xxxxxxx"');
    const { text, findings: bad } = lintApp(`${ok},\n      "filters": [ { "expression": "userName eq \\"{{userName}}\\" an" } ]`);
    assert.equal(covered(text, only(bad, 'REGISTRY_FILTER_SYNTAX')[0]!), 'an');
  });

  test('REGISTRY_UNKNOWN_FINDING_CODE: did-you-mean fix', () => {
    const { text, findings } = lintApp(`${ok},\n      "knownIssues": [ { "summary": "s", "codes": ["PAGE_SIZE_CAPPED", "page_size_caped", "ZZZ_NOTHING_LIKE_IT"] } ]`);
    const f = only(findings, 'REGISTRY_UNKNOWN_FINDING_CODE');
    assert.deepEqual(f.map((x) => covered(text, x)), ['"page_size_caped"', '"ZZZ_NOTHING_LIKE_IT"']);
    assert.equal(f[0]!.fixes?.[0]?.edits[0]?.newText, '"PAGE_SIZE_CAPPED"');
    assert.equal(f[1]!.fixes, undefined);
  });

  test('REGISTRY_EXTENSION_NOT_URN', () => {
    const { text, findings } = lintApp(`${ok},\n      "schemaExtensions": ["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "enterprise"]`);
    assert.deepEqual(only(findings, 'REGISTRY_EXTENSION_NOT_URN').map((f) => covered(text, f)), ['"enterprise"']);
  });

  test('REGISTRY_DELAYED_WITHOUT_DELAY: missing or 0, not when positive', () => {
    for (const d of ['', ', "delaySeconds": 0']) {
      const { text, findings } = lintApp(`${ok},\n      "deactivation": { "contract": "delayed"${d} }`);
      assert.equal(covered(text, only(findings, 'REGISTRY_DELAYED_WITHOUT_DELAY')[0]!), '"delayed"');
    }
    assert.deepEqual(lintApp(`${ok},\n      "deactivation": { "contract": "delayed", "delaySeconds": 60 }`).findings, []);
  });

  test('REGISTRY_WRITES_ON_PRODUCTION: heuristic on the host, overridden by environment', () => {
    const w = (url: string, env = ''): number =>
      only(lintApp(`      "id": "a", "baseUrl": "${url}"${env}, "probe": { "allowWrites": true }`).findings, 'REGISTRY_WRITES_ON_PRODUCTION').length;
    assert.equal(w('https://acme.com/scim/v2'), 1);
    assert.equal(w('https://acme-sandbox.okta.com/scim'), 0);
    assert.equal(w('http://127.0.0.1:4780/apps/strict/scim/v2'), 0);
    assert.equal(w('https://acme.com/scim/v2', ', "environment": "staging"'), 0);
    assert.equal(w('http://localhost:4780/scim', ', "environment": "production"'), 1);
    const { text, findings } = lintApp('      "id": "a", "baseUrl": "https://acme.com/scim/v2", "probe": { "allowWrites": true }');
    const f = only(findings, 'REGISTRY_WRITES_ON_PRODUCTION')[0]!;
    assert.equal(covered(text, f), 'true');
    assert.equal(f.severity, 'warning');
    assert.ok(applyTextEdits(text, f.fixes![0]!.edits).includes('"allowWrites": false'));
  });

  test('looksNonProduction heuristic', () => {
    for (const h of ['localhost', '127.0.0.1', '[::1]', 'api.test', 'crm.example.com', 'dev.acme.com', 'acme-staging.io', 'uat.hr.corp', 'preview-42.app.io', 'foo.local']) {
      assert.equal(looksNonProduction(h), true, h);
    }
    for (const h of ['acme.com', 'contest.acme.com', 'devops.acme.com', 'api.slack.com', '10.0.0.5']) {
      assert.equal(looksNonProduction(h), false, h);
    }
  });

  test('REGISTRY_LITERAL_SECRET: secret fields and secret-shaped values anywhere; value never echoed', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
    const values = ['Bearer abcdef0123456789', 'sk_live_51H8abc', jwt, 'gH7kP2mQ9xZ4vB8nR3tY6wL1', '0123456789abcdef0123456789abcdef', '3f2504e0-4f89-11d3-9a0c-0305e82c3301'];
    for (const v of values) {
      const { text, findings } = lintApp(`${ok},\n      "auth": { "type": "bearer", "secret": "${v}" }`);
      const f = only(findings, 'REGISTRY_LITERAL_SECRET');
      assert.equal(f.length, 1, v);
      assert.equal(covered(text, f[0]!), `"${v}"`);
      assert.ok(!f[0]!.message.includes(v), 'the message must not echo the secret');
      assert.ok(!f[0]!.fixes![0]!.title.includes(v));
      assert.ok(applyTextEdits(text, f[0]!.fixes![0]!.edits).includes('"secret": "ok-token"'));
    }
    for (const name of ['acme-token', 'acme-crm-production-bearer-token', 'sandbox-token', 'ACME_SCIM_TOKEN_2024']) {
      assert.deepEqual(lintApp(`${ok},\n      "auth": { "type": "bearer", "secret": "${name}" }`).findings, [], name);
    }
    const { text, findings } = lintApp(`${ok},\n      "notes": "curl -H 'Authorization: Bearer xoxb-1234-5678-abcdef'",\n      "x-token": "gH7kP2mQ9xZ4vB8nR3tY6wL1"`);
    assert.equal(only(findings, 'REGISTRY_LITERAL_SECRET').length, 2);
    assert.ok(only(findings, 'REGISTRY_LITERAL_SECRET').every((f) => !f.message.includes('xoxb') && !f.message.includes('gH7k')));
    void text;
    // A random-looking id in notes is not a secret; a URL with a password is (range: the credentials).
    assert.deepEqual(lintApp(`${ok},\n      "notes": "group 9f8e7d6c5b4a39281706f5e4d3c2b1a0"`).findings, []);
    const u = lintApp('      "id": "a", "baseUrl": "https://bot:hunter2hunter2@a.example.com/scim/v2"');
    assert.equal(covered(u.text, only(u.findings, 'REGISTRY_LITERAL_SECRET')[0]!), 'bot:hunter2hunter2');
    const q = lintApp('      "id": "a", "baseUrl": "https://a.example.com/scim/v2", "docsUrl": "https://a.example.com/d?access_token=abc123"');
    assert.equal(covered(q.text, only(q.findings, 'REGISTRY_LITERAL_SECRET')[0]!), 'access_token=abc123');
  });

  test('REGISTRY_SECRET_NAME_INVALID and REGISTRY_SECRET_NAME_COLLISION', () => {
    let { text, findings } = lintApp(`${ok},\n      "auth": { "type": "bearer", "secret": "my token" }`);
    assert.equal(covered(text, only(findings, 'REGISTRY_SECRET_NAME_INVALID')[0]!), '"my token"');
    ({ text, findings } = lintApp(`${ok},\n      "auth": { "type": "bearer", "secret": "a-b", "rotation": { "secondarySecret": "a.b" } }`));
    assert.equal(covered(text, only(findings, 'REGISTRY_SECRET_NAME_COLLISION')[0]!), '"a.b"');
  });

  test('findings are sorted by position', () => {
    const text = registryWith('      "id": "a", "baseUrl": "ftp://x", "deactivation": { "contract": "delayed" }');
    const starts = lintRegistry(text).map((f) => f.range.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });
});

test('baseUrl placeholders do not shift the resource-suffix range', async () => {
  const { lintRegistry: lint } = await import('../../../src/core/registry/index');
  const text = registryWith('      "id": "a", "baseUrl": "https://{{tenant}}.example.com/scim/v2/Users"');
  const f = lint(text).filter((x) => x.code === 'REGISTRY_BASEURL_RESOURCE_SUFFIX');
  assert.equal(f.length, 1);
  assert.equal(covered(text, f[0]!), '/Users');
});

test('REGISTRY_DUPLICATE_KEY: on the repeated key; write-back refuses to touch such an application', async () => {
  const { lintRegistry: lint, updateObserved } = await import('../../../src/core/registry/index');
  const text = registryWith('      "id": "a", "baseUrl": "https://a.example.com/scim/v2", "id": "b"');
  const f = lint(text).filter((x) => x.code === 'REGISTRY_DUPLICATE_KEY');
  assert.deepEqual(f.map((x) => x.range), [rangeOf(text, '"id"', 1)]);
  const result = updateObserved(text, 'b', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
  assert.equal(result.ok, false);
  assert.match(result.ok ? '' : result.error, /"id" twice/);
});
