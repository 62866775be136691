// `scim-workbench lint` on request files (`*.scim`, `*.scim.http`): the editor's findings with the editor's ranges,
// `@app` ids and other-origin URLs checked against the registries among the files or named with --registry, and
// a note on stderr when there is none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../../src/cli/main';
import type { SarifLog } from '../../../src/core/sarif';
import { captureIO } from '../helpers/cliIO';

// A JWT in a header: written into a request file it is a finding, and no output may ever repeat it.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl';
const REGISTRY = `{
  "applications": [
    { "id": "acme", "name": "Acme CRM", "baseUrl": "https://acme.example.com/scim/v2/", "auth": { "type": "none" } },
    { "id": "ACME", "name": "Shadowed", "baseUrl": "https://evil.example.net/scim/v2", "auth": { "type": "none" } }
  ]
}
`;
const FILES: Record<string, string> = {
  'requests/unknown.scim': '# @app acmee\nGET /Users?filter=userName eq\n',
  // `Acme` is the first `acme` of the registry (ids compare case-insensitively); the second one is shadowed, so
  // its origin is another one.
  'requests/origin.scim.http': '# @app Acme\nGET https://evil.example.net/scim/v2/Users\n',
  'requests/secret.scim': `# @app acme\nPOST /Users\nAuthorization: Bearer ${JWT}\nContent-Type: application/scim+json\n\n{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": 5}\n`,
  'requests/notes.http': 'GET /not-a-scim-request-file\n',
  'reg/scim-registry.jsonc': REGISTRY,
  // Defines `acme` on the origin origin.scim.http writes: used alone, that request is fine.
  'other/scim-registry.jsonc': '{"applications": [{ "id": "acme", "baseUrl": "https://evil.example.net/scim/v2" }]}',
  // Cut off after its first application: the editor still reads `acme` from it.
  'bad/broken.scim-registry.jsonc': '{"applications": [{ "id": "acme", "baseUrl": "https://acme.example.com/scim/v2" },',
  'bad/not-a-registry.json': '{"id": "acme"}',
};

let dir = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-lint-requests-'));
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
});

after(() => rmSync(dir, { recursive: true, force: true }));

async function lint(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir);
  const code = await main(['lint', ...args], io);
  assert.ok(!io.out.includes(JWT) && !io.err.includes(JWT), 'the written credential is never repeated');
  return { code, out: io.out, err: io.err };
}

const lines = (out: string): string[] => out.split('\n').filter((l) => l !== '').map((l) => l.split('\\').join('/'));
const codesOf = (out: string): string[] => lines(out).map((l) => `${l.split(' ')[0]} ${l.split(' ')[2]}`);

/** The text a 0-based line/character range covers in a file of FILES. */
function textAt(name: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  assert.equal(range.start.line, range.end.line, 'one-line range');
  return (FILES[name] ?? '').split('\n')[range.start.line]?.slice(range.start.character, range.end.character) ?? '';
}

const NOTE = /no registry known, so `@app` ids in request files .* --registry <file>/;

describe('scim-workbench lint on request files', () => {
  test('without a registry: @app ids and origins are not checked, a note on stderr says so; the other findings are there', async () => {
    const r = await lint('requests');
    assert.equal(r.code, 1);
    assert.deepEqual(codesOf(r.out), [
      'requests/secret.scim:3:16 REQUEST_LITERAL_SECRET',
      'requests/secret.scim:6:73 ATTRIBUTE_TYPE',
      'requests/unknown.scim:2:30 FILTER_SYNTAX',
    ]);
    assert.match(r.err, NOTE);
    assert.equal(r.err.split('\n').filter((l) => l !== '').length, 1, 'one line');
  });

  test('with the registry among the files: unknown @app (did-you-mean), other origin, and the registry linted too', async () => {
    const r = await lint('requests', 'reg/scim-registry.jsonc');
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, NOTE);
    const out = lines(r.out);
    assert.ok(out.includes('requests/unknown.scim:1:8 error REQUEST_UNKNOWN_APP No registry in reach defines the application `acmee`; did you mean `acme`?'), r.out);
    assert.ok(out.some((l) => l.startsWith('requests/origin.scim.http:2:5 error REQUEST_OTHER_ORIGIN https://evil.example.net is not the origin of `acme` (https://acme.example.com)')), r.out);
    assert.ok(out.some((l) => l.startsWith('reg/scim-registry.jsonc:') && l.includes('REGISTRY_DUPLICATE_ID')), r.out);
  });

  test('--registry: its applications are used, the registry itself is not linted', async () => {
    const r = await lint('requests', '--registry', 'reg/scim-registry.jsonc');
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, NOTE);
    assert.deepEqual(codesOf(r.out), [
      'requests/origin.scim.http:2:5 REQUEST_OTHER_ORIGIN',
      'requests/secret.scim:3:16 REQUEST_LITERAL_SECRET',
      'requests/secret.scim:6:73 ATTRIBUTE_TYPE',
      'requests/unknown.scim:1:8 REQUEST_UNKNOWN_APP',
      'requests/unknown.scim:2:30 FILTER_SYNTAX',
    ]);
    const order = await lint('requests/origin.scim.http', '--registry', 'other/scim-registry.jsonc');
    assert.equal(order.out, '', 'on the origin of the only `acme`');
    const first = await lint('requests/origin.scim.http', 'other/scim-registry.jsonc', '--registry', 'reg/scim-registry.jsonc');
    assert.deepEqual(codesOf(first.out), ['requests/origin.scim.http:2:5 REQUEST_OTHER_ORIGIN'], 'a --registry comes before the registries among the files');
    const both = await lint('requests/origin.scim.http', 'reg/scim-registry.jsonc', '--registry', 'reg/scim-registry.jsonc');
    assert.equal(lines(both.out).filter((l) => l.includes('REGISTRY_DUPLICATE_ID')).length, 1, 'named both ways: linted once');
  });

  test('no note when no request file is linted, even without a registry', async () => {
    writeFileSync(join(dir, 'user.scim.json'), '{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "a"}');
    try {
      const r = await lint('user.scim.json');
      assert.equal(r.code, 0);
      assert.equal(r.err, '');
    } finally {
      rmSync(join(dir, 'user.scim.json'));
    }
  });

  test('a --registry that cannot be read or is not a registry: usage error, exit 2, nothing linted', async () => {
    const missing = await lint('requests', '--registry', 'reg/missing.jsonc');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /cannot read the registry reg\/missing\.jsonc: ENOENT/);
    assert.equal(missing.out, '');
    const broken = await lint('requests', '--registry', 'bad/broken.scim-registry.jsonc');
    assert.equal(broken.code, 2);
    assert.match(broken.err, /bad\/broken\.scim-registry\.jsonc is not valid JSONC: JSON syntax error/);
    const notRegistry = await lint('requests', '--registry', 'bad/not-a-registry.json');
    assert.equal(notRegistry.code, 2);
    assert.match(notRegistry.err, /bad\/not-a-registry\.json has no "applications" array/);
    const json = await lint('--format', 'json', 'requests', '--registry', 'reg/missing.jsonc');
    assert.equal(json.code, 2);
    assert.deepEqual((JSON.parse(json.out) as { errors: { code: string }[] }).errors.map((e) => e.code), ['file']);
  });

  test('a broken registry among the linted files still lends what can be read of it, as in the editor', async () => {
    const r = await lint('requests/unknown.scim', 'bad/broken.scim-registry.jsonc');
    assert.doesNotMatch(r.err, NOTE);
    assert.ok(lines(r.out).some((l) => l.startsWith('requests/unknown.scim:1:8 error REQUEST_UNKNOWN_APP No registry in reach defines the application `acmee`; did you mean `acme`?')), r.out);
    assert.ok(lines(r.out).some((l) => l.startsWith('bad/broken.scim-registry.jsonc:') && l.includes('REGISTRY_JSON_SYNTAX')), r.out);
  });

  test('directory search and globs pick up *.scim and *.scim.http, not other .http files', async () => {
    const r = await lint('--format', 'json', '.');
    const files = (JSON.parse(r.out) as { file: string }[]).map((f) => f.file.split('\\').join('/'));
    assert.deepEqual(files, ['bad/broken.scim-registry.jsonc', 'other/scim-registry.jsonc', 'reg/scim-registry.jsonc', 'requests/origin.scim.http', 'requests/secret.scim', 'requests/unknown.scim']);
    const glob = await lint('--format', 'json', 'requests/*.scim*', '--registry', 'reg/scim-registry.jsonc');
    assert.deepEqual((JSON.parse(glob.out) as { file: string }[]).map((f) => f.file.split('\\').join('/')), ['requests/origin.scim.http', 'requests/secret.scim', 'requests/unknown.scim']);
    const empty = mkdtempSync(join(dir, 'empty-'));
    writeFileSync(join(empty, 'notes.http'), 'GET /x\n');
    const none = await lint(empty);
    assert.equal(none.code, 2);
    assert.match(none.err, /no SCIM files \(\*\.scim\.json, \*\.scim, \*\.scim\.http, /);
  });

  test('--format json: the same findings with 0-based ranges over the offending text', async () => {
    const r = await lint('--format', 'json', 'requests', '--registry', 'reg/scim-registry.jsonc');
    assert.equal(r.code, 1);
    type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
    const reports = JSON.parse(r.out) as { file: string; findings: { code: string; severity: string; message: string; range: Range }[] }[];
    const at = (file: string, code: string): string => {
      const f = reports.find((x) => x.file.split('\\').join('/') === file)?.findings.find((x) => x.code === code);
      assert.ok(f, `${file} ${code}`);
      return textAt(file, f.range);
    };
    assert.equal(at('requests/unknown.scim', 'REQUEST_UNKNOWN_APP'), 'acmee');
    assert.equal(at('requests/origin.scim.http', 'REQUEST_OTHER_ORIGIN'), 'https://evil.example.net');
    assert.equal(at('requests/secret.scim', 'REQUEST_LITERAL_SECRET'), `Bearer ${JWT}`);
    assert.equal(at('requests/secret.scim', 'ATTRIBUTE_TYPE'), '5');
    const filterSyntax = reports.find((x) => x.file.split('\\').join('/') === 'requests/unknown.scim')?.findings.find((x) => x.code === 'FILTER_SYNTAX');
    assert.deepEqual(filterSyntax?.range.start, { line: 1, character: 29 }, 'just after `eq`, where the value is missing');
  });

  test('--format sarif: results at the regions the text format prints, rules described', async () => {
    const args = ['requests', '--registry', 'reg/scim-registry.jsonc'];
    const text = await lint(...args);
    const sarif = await lint(...args, '--format', 'sarif');
    assert.equal(sarif.code, text.code);
    const log = JSON.parse(sarif.out) as SarifLog;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object);
    assert.ok(validate(log), ajv.errorsText(validate.errors));
    const run = log.runs[0]!;
    const fromSarif = run.results.map((res) => {
      const loc = res.locations[0]!.physicalLocation;
      return `${decodeURIComponent(loc.artifactLocation.uri)}:${loc.region!.startLine}:${loc.region!.startColumn} ${res.ruleId}`;
    });
    assert.deepEqual(fromSarif, codesOf(text.out));
    const unknownApp = run.results.find((res) => res.ruleId === 'REQUEST_UNKNOWN_APP')!;
    assert.deepEqual(unknownApp.locations[0]!.physicalLocation.region, { startLine: 1, startColumn: 8, endLine: 1, endColumn: 13 });
    assert.equal(unknownApp.level, 'error');
    const rule = run.tool.driver.rules[unknownApp.ruleIndex]!;
    assert.equal(rule.id, 'REQUEST_UNKNOWN_APP');
    assert.match(rule.shortDescription.text, /names an application that no registry/);
  });

  test('a server\'s discovery documents apply to request bodies too', async () => {
    const discovery = join(import.meta.dirname, '..', '..', 'fixtures', 'discovery');
    copyFileSync(join(discovery, 'acme-schemas.response.scim.json'), join(dir, 'acme-schemas.response.scim.json'));
    const body = readFileSync(join(discovery, 'acme-user.request.scim.json'), 'utf8');
    writeFileSync(join(dir, 'acme.scim'), `POST /Users\nContent-Type: application/scim+json\n\n${body}`);
    try {
      const without = await lint('acme.scim');
      assert.match(without.out, /acme\.scim:\d+:\d+ \w+ SCHEMAS_UNKNOWN_URN /);
      assert.doesNotMatch(without.out, /costCentre/);
      const named = await lint('acme.scim', '--schemas', 'acme-schemas.response.scim.json');
      assert.doesNotMatch(named.out, /SCHEMAS_UNKNOWN_URN/);
      assert.match(named.out, /acme\.scim:7:\d+ error ATTRIBUTE_TYPE "seatLicensed" must be a boolean/);
      assert.match(named.out, /warning UNKNOWN_ATTRIBUTE Unknown attribute "costCentre"/);
      const among = await lint('acme.scim', 'acme-schemas.response.scim.json');
      assert.match(among.out, /acme\.scim:\d+:\d+ warning UNKNOWN_ATTRIBUTE Unknown attribute "costCentre"/);
    } finally {
      rmSync(join(dir, 'acme.scim'));
      rmSync(join(dir, 'acme-schemas.response.scim.json'));
    }
  });
});
