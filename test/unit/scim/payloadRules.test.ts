import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import type { Finding } from '../../../src/core/findings';
import { lintDocument } from '../../../src/cli/lintDocument';
import { analyzePayload } from '../../../src/core/scim/payloadRules';
import { applyEdits } from '../../../src/core/scim/payloadFixes';
import { SchemaCatalog } from '../../../src/core/scim/catalog';
import { PAYLOAD_CODES } from '../../../src/core/scim/payloadCodes';

const FIXTURES = join(import.meta.dirname, '../../fixtures/payloads');
const read = (dir: string, file: string): string => readFileSync(join(FIXTURES, dir, file), 'utf8');

function validJson(text: string): boolean {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: false });
  return errors.length === 0;
}

/** The range of the `nth` occurrence of `snippet` (optionally searched after `after`). */
function rangeOf(text: string, snippet: string, nth = 0, after = ''): { start: number; end: number } {
  let from = after ? text.indexOf(after) : 0;
  assert.ok(from >= 0, `anchor ${after}`);
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(snippet, from);
    assert.ok(at >= 0, `snippet ${snippet} (#${i})`);
    from = at + 1;
  }
  return { start: at, end: at + snippet.length };
}

describe('valid RFC examples', () => {
  for (const file of readdirSync(join(FIXTURES, 'valid'))) {
    test(`${file} has no error findings`, () => {
      const { kind, findings } = lintDocument(file, read('valid', file));
      assert.notEqual(kind, 'unknown');
      const errors = findings.filter((f) => f.severity === 'error');
      assert.deepEqual(errors, []);
    });
  }
});

// [file, code, exact text the range covers, nth occurrence of that text, search after]
const EXPECTED: [string, string, string, number?, string?][] = [
  ['user-schemas-missing.scim.json', 'SCHEMAS_MISSING', '{'],
  ['user-schemas-unknown-urn.scim.json', 'SCHEMAS_UNKNOWN_URN', '"urn:ietf:params:scim:schemas:core:2.0:Usr"'],
  ['user-extension-urn-missing.scim.json', 'EXTENSION_URN_MISSING', '"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"'],
  ['user-extension-not-nested.scim.json', 'EXTENSION_NOT_NESTED', '"employeeNumber"'],
  ['user-extension-not-nested.scim.json', 'EXTENSION_NOT_NESTED', '"costCenter"'],
  ['user-extension-not-nested-existing.scim.json', 'EXTENSION_NOT_NESTED', '"department"'],
  ['user-unknown-attribute.scim.json', 'UNKNOWN_ATTRIBUTE', '"displayNme"'],
  ['user-attribute-type.scim.json', 'ATTRIBUTE_TYPE', '1', 0, '"active"'],
  ['user-attribute-type.scim.json', 'ATTRIBUTE_TYPE', '{ "value": "bjensen@example.com" }'],
  ['user-attribute-type.scim.json', 'ATTRIBUTE_TYPE', '701984'],
  ['user-readonly.request.scim.json', 'READONLY_IN_REQUEST', '"groups"'],
  ['user-readonly.request.scim.json', 'READONLY_IN_REQUEST', '"meta"'],
  ['user-required-missing.request.scim.json', 'REQUIRED_MISSING', '"schemas"'],
  ['user-canonical-value.scim.json', 'CANONICAL_VALUE', '"Work"'],
  ['user-multiple-primary.scim.json', 'MULTIPLE_PRIMARY', 'true', 1],
  ['patch-op-invalid.scim.json', 'PATCH_OP_INVALID', '"update"'],
  ['patch-path-invalid.scim.json', 'PATCH_PATH_INVALID', '', 0, '\\"work\\""'],
  ['patch-remove-without-path.scim.json', 'PATCH_REMOVE_WITHOUT_PATH', '"remove"'],
  ['patch-value-not-object.scim.json', 'PATCH_VALUE_NOT_OBJECT', '"Babs"'],
  ['error-status-number.scim.json', 'ERROR_STATUS_NOT_STRING', '404'],
  ['error-scimtype-unknown.scim.json', 'ERROR_SCIMTYPE_UNKNOWN', '"uniquness"'],
  ['error-409-without-scimtype.scim.json', 'ERROR_SCIMTYPE_MISSING', '"409"'],
  ['list-items-per-page-mismatch.scim.json', 'LIST_ITEMS_PER_PAGE_MISMATCH', '100'],
  ['list-total-less-than-items.scim.json', 'LIST_TOTAL_LESS_THAN_ITEMS', '1', 0, '"totalResults"'],
  ['search-filter-syntax.scim.json', 'FILTER_SYNTAX', '', 0, 'and"'],
  ['search-filter-unknown-attribute.scim.json', 'FILTER_UNKNOWN_ATTRIBUTE', 'usrName'],
  ['json-syntax.scim.json', 'SCIM_JSON_SYNTAX', '}'],
];

describe('broken variants: expected code at the exact range', () => {
  for (const [file, code, snippet, nth, after] of EXPECTED) {
    test(`${file}: ${code} at ${JSON.stringify(snippet || after)}`, () => {
      const text = read('invalid', file);
      const { findings } = lintDocument(file, text);
      let expected = rangeOf(text, snippet, nth ?? 0, after);
      // Empty snippets mean "the zero-width position right after `after`" (errors at the end of a filter/path).
      if (snippet === '' && after) {
        const at = text.indexOf(after) + after.length - 1;
        expected = { start: at, end: at };
      }
      const hit = findings.find((f) => f.code === code && f.range.start === expected.start && f.range.end === expected.end);
      assert.ok(hit, `expected ${code} at ${JSON.stringify(expected)}; got ${JSON.stringify(findings.map((f) => [f.code, f.range, text.slice(f.range.start, f.range.end)]))}`);
      assert.ok(hit.message.length > 10);
    });
  }

  test('every invalid fixture is covered by the table', () => {
    const covered = new Set(EXPECTED.map(([f]) => f));
    for (const f of readdirSync(join(FIXTURES, 'invalid'))) assert.ok(covered.has(f), f);
  });
});

function fixesOf(findings: Finding[]): [Finding, number][] {
  return findings.flatMap((f) => (f.fixes ?? []).map((_, i) => [f, i] as [Finding, number]));
}

function countAt(findings: Finding[], code: string): number {
  return findings.filter((f) => f.code === code).length;
}

describe('fixes', () => {
  const cases: [string, string][] = [
    ...readdirSync(join(FIXTURES, 'invalid')).map((f) => ['invalid', f] as [string, string]),
    ...readdirSync(join(FIXTURES, 'quirks')).map((f) => ['quirks', f] as [string, string]),
  ];
  for (const [dir, file] of cases) {
    test(`${dir}/${file}: each fix yields valid JSON without that finding`, () => {
      const text = read(dir, file);
      const before = lintDocument(file, text).findings;
      for (const [finding, i] of fixesOf(before)) {
        const fix = finding.fixes?.[i];
        assert.ok(fix);
        const after = applyEdits(text, fix.edits);
        assert.ok(validJson(after), `${finding.code} / ${fix.title} produced invalid JSON:\n${after}`);
        const again = lintDocument(file, after).findings;
        assert.ok(countAt(again, finding.code) < countAt(before, finding.code), `${finding.code} / ${fix.title} did not remove the finding:\n${after}`);
      }
    });
  }

  test('schemas insertion keeps the indentation of the object', () => {
    const text = read('invalid', 'user-schemas-missing.scim.json');
    const f = lintDocument('x.scim.json', text).findings.find((x) => x.code === 'SCHEMAS_MISSING');
    const fixed = applyEdits(text, f?.fixes?.[0]?.edits ?? []);
    assert.ok(fixed.startsWith('{\n  "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],\n  "userName": "bjensen",'), fixed);
  });

  test('EXTENSION_NOT_NESTED moves the attribute and lists the URN', () => {
    const text = read('invalid', 'user-extension-not-nested.scim.json');
    const f = lintDocument('x.scim.json', text).findings.find((x) => x.code === 'EXTENSION_NOT_NESTED');
    const fixed = JSON.parse(applyEdits(text, f?.fixes?.[0]?.edits ?? []));
    assert.deepEqual(fixed.schemas, ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    assert.deepEqual(fixed['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'], { employeeNumber: '701984' });
    const existing = read('invalid', 'user-extension-not-nested-existing.scim.json');
    const g = lintDocument('x.scim.json', existing).findings.find((x) => x.code === 'EXTENSION_NOT_NESTED');
    const moved = JSON.parse(applyEdits(existing, g?.fixes?.[0]?.edits ?? []));
    assert.deepEqual(moved['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'], { employeeNumber: '701984', department: 'Tour Operations' });
    assert.equal(moved.department, undefined);
  });
});

describe('Microsoft Entra PATCH quirks', () => {
  const text = read('quirks', 'entra-patch-user.scim.json');
  const { kind, findings } = analyzePayload(text);

  test('capitalised ops, string booleans and dotted keys are warnings with fixes', () => {
    assert.equal(kind, 'patchOp');
    assert.equal(countAt(findings, 'QUIRK_CAPITALISED_OP'), 5);
    assert.equal(countAt(findings, 'ATTRIBUTE_TYPE'), 1, 'the manager id as a bare string');
    assert.equal(countAt(findings, 'QUIRK_STRING_BOOLEAN'), 2);
    assert.equal(countAt(findings, 'QUIRK_DOTTED_KEY'), 2);
    for (const f of findings) {
      assert.equal(f.severity, 'warning', f.code);
      assert.ok(f.fixes?.length, `${f.code} has a fix`);
    }
    const op = findings.find((f) => f.code === 'QUIRK_CAPITALISED_OP');
    assert.deepEqual(op?.fixes?.[0]?.edits, [{ range: rangeOf(text, '"Replace"'), newText: '"replace"' }]);
    const bool = findings.find((f) => f.code === 'QUIRK_STRING_BOOLEAN');
    assert.deepEqual(bool?.fixes?.[0]?.edits, [{ range: rangeOf(text, '"False"'), newText: 'false' }]);
  });

  test('the filtered path is fine by default and a warning for targets without filtered paths', () => {
    assert.equal(countAt(findings, 'QUIRK_FILTERED_PATH_UNSUPPORTED'), 0);
    const github = analyzePayload(text, { target: { supportsFilteredPatchPaths: false } }).findings;
    const f = github.find((x) => x.code === 'QUIRK_FILTERED_PATH_UNSUPPORTED');
    assert.deepEqual(f?.range, rangeOf(text, '"emails[type eq \\"work\\"].value"'));
  });

  test('applying every preferred fix at once gives an RFC-clean body', () => {
    let current = text;
    for (let round = 0; round < 5; round++) {
      const f = analyzePayload(current).findings.find((x) => x.fixes?.some((fx) => fx.preferred));
      if (!f) break;
      current = applyEdits(current, f.fixes?.find((fx) => fx.preferred)?.edits ?? []);
    }
    for (let round = 0; round < 20; round++) {
      const f = analyzePayload(current).findings.find((x) => x.fixes?.some((fx) => fx.preferred));
      if (!f) break;
      current = applyEdits(current, f.fixes?.find((fx) => fx.preferred)?.edits ?? []);
    }
    const body = JSON.parse(current);
    assert.deepEqual(body.Operations.map((o: { op: string }) => o.op), ['replace', 'replace', 'add', 'replace', 'add']);
    assert.deepEqual(body.Operations[4].value, { value: '26118915-6090-4610-87e4-49d8ca9f808d' });
    assert.equal(body.Operations[0].value, false);
    assert.equal(body.Operations[2].value.name.givenName, 'Barbara');
    assert.equal(body.Operations[2].value.active, true);
  });
});

describe('analyzePayload details', () => {
  test('kinds from schemas and from content', () => {
    const k = (o: unknown): string => analyzePayload(JSON.stringify(o)).kind;
    assert.equal(k({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'], userName: 'a' }), 'enterpriseUser');
    assert.equal(k({ Operations: [{ op: 'add', value: {} }] }), 'patchOp');
    assert.equal(k({ Operations: [{ method: 'POST', path: '/Users' }] }), 'bulkRequest');
    assert.equal(k({ totalResults: 0 }), 'listResponse');
    assert.equal(k({ status: '400', detail: 'x' }), 'error');
    assert.equal(k({ displayName: 'G', members: [] }), 'group');
    assert.equal(k({ schemas: ['urn:example:Thing'] }), 'unknown');
  });

  test('a custom resource type from the server is checked against its schema', () => {
    const catalog = SchemaCatalog.standard().withServerDocuments({
      schemas: { id: 'urn:example:schemas:Device', name: 'Device', attributes: [{ name: 'serial', type: 'string', required: true }] },
      resourceTypes: { name: 'Device', endpoint: '/Devices', schema: 'urn:example:schemas:Device' },
    });
    const r = analyzePayload('{"schemas":["urn:example:schemas:Device"],"serail":"x"}', { catalog, direction: 'request' });
    assert.equal(r.kind, 'resource');
    assert.deepEqual(r.findings.map((f) => f.code).sort(), ['REQUIRED_MISSING', 'UNKNOWN_ATTRIBUTE']);
  });

  test('direction: readOnly attributes only matter in requests; the heuristic reads id/meta as a response', () => {
    const text = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"1","userName":"a","groups":[]}';
    assert.equal(countAt(analyzePayload(text).findings, 'READONLY_IN_REQUEST'), 0);
    assert.equal(countAt(analyzePayload(text, { direction: 'request' }).findings, 'READONLY_IN_REQUEST'), 2);
    const post = '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a","groups":[]}';
    assert.equal(countAt(analyzePayload(post).findings, 'READONLY_IN_REQUEST'), 1);
  });

  test('filter findings inside escaped strings land on the right characters', () => {
    const text = '{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"name.givenName eq \\"\\u0042arbara\\" and usrName pr"}';
    const f = analyzePayload(text).findings.find((x) => x.code === 'FILTER_UNKNOWN_ATTRIBUTE');
    assert.equal(f && text.slice(f.range.start, f.range.end), 'usrName');
  });

  test('non-object documents and garbage never throw', () => {
    for (const t of ['', '[]', '42', 'null', '{', '{"schemas": 5}', '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[1,null,{"op":7,"path":[]}]}', '{"Resources":{"a":1},"totalResults":"2"}']) {
      const r = analyzePayload(t);
      assert.ok(r.findings.length > 0, t);
      for (const f of r.findings) assert.ok(f.range.start >= 0 && f.range.end <= t.length && f.range.start <= f.range.end, t);
    }
  });

  test('every reported code is documented', () => {
    const documented = new Set(Object.keys(PAYLOAD_CODES));
    const all = [...readdirSync(join(FIXTURES, 'invalid')).map((f) => ['invalid', f]), ...readdirSync(join(FIXTURES, 'quirks')).map((f) => ['quirks', f])];
    for (const [dir, file] of all) {
      for (const f of lintDocument(file!, read(dir!, file!)).findings) assert.ok(documented.has(f.code) || f.code.startsWith('FILTER_'), f.code);
    }
  });

  test('a 5 MB ListResponse with a finding near the end gets an exact range', () => {
    const resources = Array.from({ length: 6000 }, (_, i) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: String(i), userName: `user${i}`, name: { givenName: 'B', familyName: 'J' }, emails: [{ value: `u${i}@example.com`, type: 'work', primary: true }], meta: { resourceType: 'User', location: `https://example.com/Users/${i}` } }));
    resources[5999] = { ...resources[5999]!, active: 'False' } as (typeof resources)[number];
    const text = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 6000, itemsPerPage: 6000, startIndex: 1, Resources: resources }, null, 2);
    const { findings } = analyzePayload(text);
    assert.equal(findings.length, 1);
    assert.equal(text.slice(findings[0]!.range.start, findings[0]!.range.end), '"False"');
    assert.equal(findings[0]!.range.start, text.lastIndexOf('"False"'));
  });
});
