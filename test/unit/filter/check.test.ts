import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { checkFilter, checkPatchPath, parseFilter, parsePatchPath, syntaxFindings, type CheckOptions } from '../../../src/core/filter';
import type { Finding } from '../../../src/core/findings';
import { lookup, topLevelNames } from './fixtures';

function check(text: string, opts: CheckOptions = { suggest: (_p, parent) => (parent ? [] : topLevelNames()) }): Finding[] {
  const r = parseFilter(text);
  assert.deepEqual(r.errors, [], text);
  assert.ok(r.ast);
  return checkFilter(r.ast, lookup, opts);
}

function brief(findings: Finding[]): Array<[string, string, number, number]> {
  return findings.map((f) => [f.code, f.severity, f.range.start, f.range.end]);
}

describe('checkFilter', () => {
  test('the RFC examples that fit the model are clean', () => {
    for (const t of [
      'userName eq "bjensen"',
      'name.familyName co "O\'Malley"',
      'urn:ietf:params:scim:schemas:core:2.0:User:userName sw "J"',
      'title pr and userType eq "Employee"',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "x"',
      'active eq true and loginCount gt 3 and score le 2.5 and title eq null',
    ]) {
      assert.deepEqual(check(t), [], t);
    }
  });

  test('unknown attribute with did-you-mean and a fix on the name only', () => {
    const [f, ...rest] = check('userNmae eq "x"');
    assert.equal(rest.length, 0);
    assert.equal(f?.code, 'FILTER_UNKNOWN_ATTRIBUTE');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, "unknown attribute 'userNmae'; did you mean 'userName'?");
    assert.deepEqual(f?.range, { start: 0, end: 8 });
    assert.deepEqual(f?.fixes?.[0]?.edits, [{ range: { start: 0, end: 8 }, newText: 'userName' }]);
  });

  test('unknown sub-attribute, inside brackets, and after a URN', () => {
    const [a] = check('name.famliyName eq "x"');
    assert.equal(a?.message, "unknown sub-attribute 'famliyName' of 'name'; did you mean 'familyName'?");
    assert.deepEqual(a?.range, { start: 5, end: 15 });
    const [b] = check('emails[tpye eq "work"]');
    assert.equal(b?.message, "unknown sub-attribute 'tpye' of 'emails'; did you mean 'type'?");
    assert.deepEqual(b?.range, { start: 7, end: 11 });
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:';
    const [c] = check(`${urn}employeeNumbr pr`);
    assert.deepEqual(c?.range, { start: urn.length, end: urn.length + 'employeeNumbr'.length });
    assert.equal(c?.fixes?.[0]?.edits[0]?.newText, 'employeeNumber');
    const [d] = check('zzzzzz pr', {});
    assert.equal(d?.message, "unknown attribute 'zzzzzz'");
    assert.equal(d?.fixes, undefined);
  });

  test('operator type mismatches are errors at the operator', () => {
    assert.deepEqual(brief(check('active gt false')), [['FILTER_OPERATOR_TYPE_MISMATCH', 'error', 7, 9]]);
    assert.equal(check('active gt false')[0]?.message, "'gt' cannot order boolean attribute 'active' (RFC 7644 §3.4.2.2); use 'eq' or 'ne'");
    assert.deepEqual(brief(check('x509Certificates.value lt "a"')), [['FILTER_OPERATOR_TYPE_MISMATCH', 'error', 23, 25]]);
    assert.deepEqual(brief(check('loginCount co 1')), [['FILTER_OPERATOR_TYPE_MISMATCH', 'error', 11, 13]]);
    assert.equal(check('loginCount co 1')[0]?.message, "'co' needs a string attribute; 'loginCount' is integer");
    const [n] = check('name eq "Jensen"');
    assert.equal(n?.message, "'name' is a complex attribute: compare one of its sub-attributes (e.g. 'name.familyName'), or use 'pr'");
    assert.deepEqual(n?.range, { start: 5, end: 7 });
    assert.deepEqual(check('name pr'), []);
    assert.deepEqual(brief(check('userName[value eq "x"]')), [['FILTER_OPERATOR_TYPE_MISMATCH', 'error', 0, 8]]);
  });

  test('caseExact comparisons are reported as info', () => {
    assert.deepEqual(brief(check('id eq "abc"')), [['FILTER_CASE_EXACT', 'info', 0, 2]]);
    assert.equal(check('externalId sw "A"')[0]?.message, "'externalId' is caseExact: this comparison is case-sensitive");
    assert.deepEqual(check('id pr'), []);
  });

  test('value type mismatches are warnings with fixes where the intent is clear', () => {
    const [b] = check('active eq "True"');
    assert.equal(b?.code, 'FILTER_VALUE_TYPE_MISMATCH');
    assert.equal(b?.message, `'active' is boolean: compare with true or false, not "True"`);
    assert.deepEqual(b?.fixes?.[0]?.edits, [{ range: { start: 10, end: 16 }, newText: 'true' }]);
    const [i] = check('loginCount gt "5"');
    assert.deepEqual(i?.fixes?.[0]?.edits, [{ range: { start: 14, end: 17 }, newText: '5' }]);
    assert.equal(check('loginCount eq 1.5')[0]?.message, "'loginCount' is an integer: 1.5 has a fraction");
    const [s] = check('userName eq 42');
    assert.deepEqual(s?.fixes?.[0]?.edits, [{ range: { start: 12, end: 14 }, newText: '"42"' }]);
    assert.equal(check('meta.created gt "yesterday"')[0]?.message, `'meta.created' is a dateTime: "yesterday" is not one (e.g. "2011-05-13T04:42:34Z")`);
    assert.deepEqual(check('meta.created sw "2011"'), []);
    assert.deepEqual(check('active eq "x"')[0]?.fixes, undefined);
  });

  test('unsupported operators for a target (AWS: eq and and only)', () => {
    const opts = { supportedOperators: ['eq', 'and'] };
    assert.deepEqual(check('userName eq "a" and title eq "b"', opts), []);
    const f = check('userName sw "a" or not (title pr)', opts);
    assert.deepEqual(brief(f), [
      ['FILTER_OPERATOR_UNSUPPORTED', 'warning', 9, 11],
      ['FILTER_OPERATOR_UNSUPPORTED', 'warning', 16, 18],
      ['FILTER_OPERATOR_UNSUPPORTED', 'warning', 19, 22],
      ['FILTER_OPERATOR_UNSUPPORTED', 'warning', 30, 32],
    ]);
    assert.equal(f[0]?.message, "the target does not support 'sw' in filters (supported: eq, and)");
  });
});

test('value filters reported for targets without them', () => {
  const f = check('userName eq "a" and emails[type eq "work"]', { valueFilters: false });
  assert.deepEqual(brief(f), [['FILTER_OPERATOR_UNSUPPORTED', 'warning', 26, 42]]);
  assert.equal(f[0]?.message, "the target does not support value filters ('emails[...]')");
  const r = parsePatchPath('emails[type eq "work"].value');
  assert.ok(r.ast);
  assert.deepEqual(brief(checkPatchPath(r.ast, lookup, { valueFilters: false })), [['FILTER_OPERATOR_UNSUPPORTED', 'warning', 6, 22]]);
});

describe('checkPatchPath', () => {
  function checkPath(text: string): Finding[] {
    const r = parsePatchPath(text);
    assert.deepEqual(r.errors, [], text);
    assert.ok(r.ast);
    return checkPatchPath(r.ast, lookup);
  }

  test('known paths are clean', () => {
    for (const t of ['emails[type eq "work"].value', 'name.familyName', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'emails']) {
      assert.deepEqual(checkPath(t), [], t);
    }
  });

  test('unknown sub-attribute after the brackets', () => {
    const [f] = checkPath('emails[type eq "work"].valeu');
    assert.equal(f?.message, "unknown sub-attribute 'valeu' of 'emails'; did you mean 'value'?");
    assert.deepEqual(f?.range, { start: 23, end: 28 });
  });

  test('unknown attribute and filter problems', () => {
    assert.deepEqual(brief(checkPath('emials[type eq "work"]')), [['FILTER_UNKNOWN_ATTRIBUTE', 'warning', 0, 6]]);
    assert.deepEqual(brief(checkPath('emails[primary gt true]')), [['FILTER_OPERATOR_TYPE_MISMATCH', 'error', 15, 17]]);
  });
});

test('syntaxFindings turns parse errors into FILTER_SYNTAX errors, shifted by a base offset', () => {
  const r = parseFilter('userName ');
  assert.deepEqual(syntaxFindings(r.errors, 10), [
    { code: 'FILTER_SYNTAX', severity: 'error', message: "expected a comparison operator after 'userName' at 9", range: { start: 19, end: 19 } },
  ]);
});
