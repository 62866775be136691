// Findings of request files: applications, references, credentials, query filters (ranges through URL
// encoding), and the payload rules on bodies with ranges and fixes moved into the file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRequestFile, fixAllBodyQuirks, parseRequestFile } from '../../../src/core/requestFile';
import { applyEdits, type Finding } from '../../../src/core/findings';
import { described } from './helpers';

const APPS = [{ id: 'strict', baseUrl: 'http://127.0.0.1:4780/apps/strict/scim/v2' }, { id: 'aws-like' }];

function findings(text: string): Finding[] {
  return analyzeRequestFile(parseRequestFile(text), { apps: APPS });
}

function fixed(text: string, code: string): string {
  const f = findings(text).find((x) => x.code === code);
  const fix = f?.fixes?.[0];
  assert.ok(fix, `a ${code} fix in ${text}`);
  return applyEdits(text, fix.edits);
}

describe('request-file analysis', () => {
  test('a clean file has no findings', () => {
    const text = [
      '# @app strict',
      '@user = scimwb-{{$uuid}}',
      '### create',
      'POST /Users',
      'Content-Type: application/scim+json',
      '',
      '{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "{{user}}", "active": {{$randomInt 0 2}} }',
      '### read it back',
      'GET /Users?filter=userName eq "{{user}}"&count=1',
      '### patch it',
      'PATCH /Users/{{lastResponse.id}}',
      'If-Match: {{lastResponse.meta.version}}',
      '',
      '{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{ "op": "replace", "path": "displayName", "value": "{{$prompt display name}}" }] }',
    ].join('\n');
    assert.deepEqual(findings(text), []);
  });

  test('unknown @app, with did-you-mean and a sandbox hint', () => {
    assert.deepEqual(described('# @app strikt\nGET /Users', findings('# @app strikt\nGET /Users')), ['REQUEST_UNKNOWN_APP "strikt"']);
    assert.equal(fixed('# @app strikt\nGET /Users', 'REQUEST_UNKNOWN_APP'), '# @app strict\nGET /Users');
    assert.match(findings('# @app sandbox-strict\nGET /Users')[0]?.message ?? '', /while the sandbox runs/);
    assert.deepEqual(findings('# @app STRICT\nGET /Users'), [], 'ids compare case-insensitively, like --app');
    assert.deepEqual(analyzeRequestFile(parseRequestFile('# @app nowhere\nGET /Users')), [], 'no application list: not judged');
  });

  test('an absolute URL on another origin than the application\'s is an error at its origin, with a fix', () => {
    const other = '# @app strict\nGET https://evil.example.com:8443/scim/v2/Users?count=1';
    assert.deepEqual(described(other, findings(other)), ['REQUEST_OTHER_ORIGIN "https://evil.example.com:8443"']);
    assert.match(findings(other)[0]?.message ?? '', /only sent to its own origin/);
    assert.equal(fixed(other, 'REQUEST_OTHER_ORIGIN'), '# @app strict\nGET http://127.0.0.1:4780/scim/v2/Users?count=1');
    // Each request is judged against its own application: the second names strict through the file's first @app.
    const two = '# @app aws-like\nGET https://evil.example.com/Users\n###\n# @app strict\nGET https://127.0.0.2:4780/Users';
    assert.deepEqual(described(two, findings(two)), ['REQUEST_OTHER_ORIGIN "https://127.0.0.2:4780"'], 'aws-like has no baseUrl here: not judged');
    for (const same of [
      '# @app strict\nGET http://127.0.0.1:4780/apps/other/scim/v2/Users', // same origin, another path: allowed
      '# @app STRICT\nGET HTTP://127.0.0.1:4780/x', // scheme and id in any case
      '# @app strict\nGET {{app.baseUrl}}/Users',
      '# @app strict\n@base = https://evil.example.com\nGET {{base}}/Users', // only known when sending (the resolver refuses it)
      '# @app strict\nGET https://{{host}}/Users\n@host = x',
      'GET https://evil.example.com/Users', // no application named in the file: judged when sending
    ]) assert.deepEqual(findings(same).filter((f) => f.code === 'REQUEST_OTHER_ORIGIN'), [], same);
  });

  test('unknown and malformed references', () => {
    const text = '@user = x\nGET /Users/{{usr}}/{{app.baseURL}}/{{$uid}}/{{lastResponse.headers}}/{{a b}}/{{$randomInt 5 1}}';
    assert.deepEqual(described(text, findings(text)), [
      'REQUEST_UNKNOWN_VARIABLE "usr"',
      'REQUEST_UNKNOWN_VARIABLE "app.baseURL"',
      'REQUEST_UNKNOWN_VARIABLE "$uid"',
      'REQUEST_VARIABLE_INVALID "{{lastResponse.headers}}"',
      'REQUEST_VARIABLE_INVALID "{{a b}}"',
      'REQUEST_VARIABLE_INVALID "{{$randomInt 5 1}}"',
    ]);
    assert.equal(fixed('@user = x\nGET /Users/{{usr}}', 'REQUEST_UNKNOWN_VARIABLE'), '@user = x\nGET /Users/{{user}}');
    assert.equal(fixed('GET {{app.baseURL}}/Users', 'REQUEST_UNKNOWN_VARIABLE'), 'GET {{app.baseUrl}}/Users');
  });

  test('duplicate and self-referring definitions', () => {
    const text = '@a = {{b}}\n@b = x{{a}}\n@c = 1\n@c = 2\nGET /Users/{{a}}{{c}}';
    assert.deepEqual(described(text, findings(text)), ['REQUEST_VARIABLE_INVALID "a"', 'REQUEST_VARIABLE_INVALID "b"', 'REQUEST_DUPLICATE_VARIABLE "c"']);
  });

  test('credentials written into the file are errors; an Authorization header is a warning', () => {
    const text = [
      'GET /Users',
      'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
      'X-Api-Key: 8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e',
      '###',
      'GET /Users',
      'Authorization: Bearer {{$prompt token}}',
      '###',
      'GET https://admin:hunter2@acme.example.com/scim/v2/Users?access_token=ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      '@token = xoxb-1234-5678-abcdefghijkl',
    ].join('\n');
    assert.deepEqual(described(text, findings(text)), [
      'REQUEST_LITERAL_SECRET "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"',
      'REQUEST_LITERAL_SECRET "8f3b2c1d9e7a6b5c4d3e2f1a0b9c8d7e"',
      'REQUEST_AUTHORIZATION_HEADER "Authorization"',
      'REQUEST_LITERAL_SECRET "admin:hunter2"',
      'REQUEST_LITERAL_SECRET "ghp_abcdefghijklmnopqrstuvwxyz0123456789"',
      'REQUEST_HEADER_MALFORMED "@token = xoxb-1234-5678-abcdefghijkl"',
    ]);
    for (const f of findings(text)) assert.ok(!/eyJhbGci|hunter2|ghp_abc|8f3b2c1d/.test(f.message), `no secret in "${f.message}"`);
    assert.equal(fixed('GET /Users\nAuthorization: Bearer {{$prompt token}}\nAccept: x', 'REQUEST_AUTHORIZATION_HEADER'), 'GET /Users\nAccept: x');
    assert.deepEqual(described('@token = xoxb-1234-5678-abcdefghijkl\nGET /Users', findings('@token = xoxb-1234-5678-abcdefghijkl\nGET /Users')), ['REQUEST_LITERAL_SECRET "xoxb-1234-5678-abcdefghijkl"']);
  });
});

describe('request-file analysis: query filters', () => {
  test('a filter that does not parse is underlined inside the query', () => {
    const text = 'GET /Users?filter=userName eq&count=10';
    assert.deepEqual(described(text, findings(text)), ['FILTER_SYNTAX ""']);
    const f = findings(text)[0];
    assert.equal(f?.range.start, text.indexOf('&'), 'the missing value is expected where the parameter ends');
  });

  test('ranges map through percent-encoding and +', () => {
    const text = 'GET /Users?filter=userName%20eq+%22bjensen%22%20and+emails%5Btype+eq+%22work%22%5D+and+nickName+zz+1';
    const [f] = findings(text);
    assert.equal(f?.code, 'FILTER_SYNTAX');
    assert.equal(text.slice(f?.range.start, f?.range.end), 'zz');
    const encodedUnknown = 'GET /Users?filter=usrName%20eq%20%22x%22';
    assert.deepEqual(described(encodedUnknown, findings(encodedUnknown)), ['FILTER_UNKNOWN_ATTRIBUTE "usrName"']);
  });

  test('a multi-byte UTF-8 sequence counts as one character', () => {
    const text = 'GET /Users?filter=displayName%20eq%20%22J%C3%BCrgen%22%20zz';
    const [f] = findings(text);
    assert.equal(text.slice(f?.range.start, f?.range.end), 'zz');
  });

  test('attributes are checked against the resource the path names, and fixes land in the query', () => {
    const groups = 'GET /Groups?filter=userName eq "x"';
    assert.deepEqual(described(groups, findings(groups)), ['FILTER_UNKNOWN_ATTRIBUTE "userName"']);
    assert.equal(fixed('GET /Users?filter=usrName eq "x"', 'FILTER_UNKNOWN_ATTRIBUTE'), 'GET /Users?filter=userName eq "x"');
    assert.equal(fixed('GET /Users?filter=active eq "true"', 'FILTER_VALUE_TYPE_MISMATCH'), 'GET /Users?filter=active eq true');
  });

  test('a reference inside a filter stands for a value and is not judged', () => {
    assert.deepEqual(findings('@f = 1\nGET /Users?filter=active eq {{f}} and userName eq "{{f}}"'), []);
    assert.deepEqual(described('GET /Users?filter={{x}} eq 1', findings('GET /Users?filter={{x}} eq 1')), ['FILTER_SYNTAX "{{x}}"', 'REQUEST_UNKNOWN_VARIABLE "x"']);
  });

  test('a near miss of a SCIM query parameter', () => {
    assert.deepEqual(described('GET /Users?filtr=x&vendorFlag=1', findings('GET /Users?filtr=x&vendorFlag=1')), ['REQUEST_UNKNOWN_QUERY_PARAMETER "filtr"']);
    assert.equal(fixed('GET /Users?Filter=x', 'REQUEST_UNKNOWN_QUERY_PARAMETER'), 'GET /Users?filter=x');
  });
});

describe('request-file analysis: bodies', () => {
  const ENTRA = [
    '# @app strict',
    'PATCH /Users/{{lastResponse.id}}',
    '',
    '{',
    '  "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],',
    '  "Operations": [',
    '    { "op": "Replace", "value": { "active": "False", "name.givenName": "Barbara" } }',
    '  ]',
    '}',
  ].join('\n');

  test('payload rules with their codes, ranges inside the file', () => {
    assert.deepEqual(described(ENTRA, findings(ENTRA)), [
      'QUIRK_CAPITALISED_OP "\\"Replace\\""',
      'QUIRK_STRING_BOOLEAN "\\"False\\""',
      'QUIRK_DOTTED_KEY "\\"name.givenName\\""',
    ]);
  });

  test('their quick fixes edit the request file', () => {
    assert.match(fixed(ENTRA, 'QUIRK_CAPITALISED_OP'), /"op": "replace"/);
    assert.match(fixed(ENTRA, 'QUIRK_STRING_BOOLEAN'), /"active": false/);
    const all = applyEdits(ENTRA, fixAllBodyQuirks(parseRequestFile(ENTRA)));
    assert.deepEqual(findings(all), []);
    assert.match(all, /^# @app strict\nPATCH \/Users\/\{\{lastResponse.id\}\}\n\n\{/);
  });

  test('JSON syntax errors are reported (no JSON language service here)', () => {
    const text = 'POST /Users\n\n{ "userName": "x", }';
    assert.deepEqual(findings(text).map((f) => f.code), ['SCIM_JSON_SYNTAX']);
    const comment = 'POST /Users\n\n{ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "x" // inline\n}';
    assert.deepEqual(described(comment, findings(comment)), ['SCIM_JSON_SYNTAX "// inline"']);
  });

  test('values that references will supply are not judged; the rest is', () => {
    const text = [
      'POST /Users',
      '',
      '{',
      '  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],',
      '# a comment line is not JSON and not sent',
      '  "userName": "{{name}}", "active": {{flag}}, "emails": [{ "value": "{{name}}@example.com", "type": "{{kind}}" }],',
      '  "id": "123"',
      '}',
    ].join('\n');
    assert.deepEqual(described(text, findings(text)).filter((d) => !d.startsWith('REQUEST_UNKNOWN_VARIABLE')), ['READONLY_IN_REQUEST "\\"id\\""']);
  });

  test('a body that is not JSON is left alone', () => {
    assert.deepEqual(findings('POST /oauth/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=client_credentials'), []);
  });
});

test('every REQUEST_* code the sources report is a documented request-file code', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { REQUEST_FILE_CODES } = await import('../../../src/core/requestFile');
  const dir = new URL('../../../src/core/requestFile/', import.meta.url);
  const used = new Set<string>();
  for (const name of readdirSync(dir)) for (const m of readFileSync(new URL(name, dir), 'utf8').matchAll(/'(REQUEST_[A-Z_]+)'/g)) used.add(m[1] as string);
  assert.ok(used.size >= 10);
  assert.deepEqual([...used].filter((c) => !(c in REQUEST_FILE_CODES)), []);
});
