// Hostile nesting (issue 15): 10,000 levels of brackets must not overflow the stack of any parser or rule walk; the
// document is reported with a finding at the first bracket past the limit instead of silently getting no checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_JSON_DEPTH, excessiveNestingAt } from '../../../src/core/jsonDepth';
import { completionsAt, hoverAt, lintRegistry, parseRegistry, updateObserved } from '../../../src/core/registry';
import { analyzePayload } from '../../../src/core/scim/payloadRules';
import { fixAllQuirks } from '../../../src/core/scim/fixAllQuirks';
import { payloadCompletions, payloadHover } from '../../../src/core/payloadLanguage';
import { analyzeRequestFile, parseRequestFile } from '../../../src/core/requestFile';
import { lintSandboxConfig } from '../../../src/sandbox';
import { PayloadAnalysisSession } from '../../../src/core/scim/payloadIncremental';
import { lintDocument } from '../../../src/cli/lintDocument';

const DEPTH = 10_000;
const USER = '"urn:ietf:params:scim:schemas:core:2.0:User"';
const deepObject = (closed = true): string => '{"a":'.repeat(DEPTH) + '1' + (closed ? '}'.repeat(DEPTH) : '');
const deepArray = (closed = true): string => '['.repeat(DEPTH) + (closed ? ']'.repeat(DEPTH) : '');

test('the depth scan finds the first bracket past the limit, outside strings and comments', () => {
  const at = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
  assert.equal(excessiveNestingAt(at(MAX_JSON_DEPTH)), -1);
  assert.equal(excessiveNestingAt(at(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH);
  assert.equal(excessiveNestingAt(`{"k": "${'['.repeat(DEPTH)}", "e": "\\"[[["}`), -1, 'brackets in strings do not count');
  assert.equal(excessiveNestingAt(`// ${'{'.repeat(DEPTH)}\n/* ${'['.repeat(DEPTH)} */ {}`), -1, 'brackets in comments do not count');
  assert.equal(excessiveNestingAt(`[${'{'.repeat(3)}`, 3), 3);
  assert.equal(excessiveNestingAt('[[[[', 3, 3), -1, 'only the text before `end` counts');
});

test('a registry nested 10,000 deep gets REGISTRY_JSON_TOO_DEEP at the bracket, from lint, parse and write-back', () => {
  for (const text of [deepArray(), deepObject(), `{"applications": [{"id": "a", "x-deep": ${deepObject(false)}`]) {
    const expected = excessiveNestingAt(text);
    const lint = lintRegistry(text);
    assert.deepEqual(lint.map((f) => [f.code, f.severity, f.range.start]), [['REGISTRY_JSON_TOO_DEEP', 'error', expected]]);
    assert.match(lint[0]?.message ?? '', /more than 500 levels deep .* skipped/);
    const parsed = parseRegistry(text);
    assert.deepEqual(parsed.applications, []);
    assert.deepEqual(parsed.findings.map((f) => f.code), ['REGISTRY_JSON_TOO_DEEP']);
    const wb = updateObserved(text, 'a', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
    assert.equal(wb.ok, false);
    assert.match(wb.ok ? '' : wb.error, /nests more than 500 levels deep at line 1/);
    for (const offset of [0, Math.floor(text.length / 2), text.length]) {
      assert.deepEqual(completionsAt(text, offset), []);
      assert.equal(hoverAt(text, offset), undefined);
    }
  }
});

test('valid JSON nested 10,000 deep is analysed as usual (JSON.parse reads it; no rule walks that deep)', () => {
  const text = `{"schemas":[${USER}],"userName":"x","x-deep":${deepObject()}}`;
  assert.deepEqual(analyzePayload(text).findings.map((f) => f.code), ['UNKNOWN_ATTRIBUTE']);
  assert.ok(Array.isArray(payloadCompletions(text, text.length - DEPTH - 2)));
  assert.equal(payloadHover(text, Math.floor(text.length / 2)), undefined);
});

test('broken JSON nested 10,000 deep: SCIM_JSON_TOO_DEEP for payloads, request bodies and fix-all, no overflow', () => {
  const text = `{"schemas":[${USER}],"name":${deepObject(false)}`;
  const findings = analyzePayload(text).findings;
  assert.deepEqual(findings.map((f) => [f.code, f.severity, f.range.start]), [['SCIM_JSON_TOO_DEEP', 'warning', excessiveNestingAt(text)]]);
  assert.match(findings[0]?.message ?? '', /not valid and nests more than 500 levels deep/);
  assert.equal(fixAllQuirks(text).edit, undefined);
  const request = `POST /Users\nContent-Type: application/scim+json\n\n${text}\n`;
  assert.deepEqual(analyzeRequestFile(parseRequestFile(request), { apps: [] }).map((f) => f.code), ['SCIM_JSON_TOO_DEEP']);
  for (const offset of [20, Math.floor(text.length / 2), text.length]) {
    assert.ok(Array.isArray(payloadCompletions(text, offset)));
    payloadHover(text, offset);
  }
});

test('a sandbox config nested 10,000 deep is a syntax finding at the bracket', () => {
  const text = `{"apps": ${deepArray()}}`;
  const findings = lintSandboxConfig(text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]?.range.start, excessiveNestingAt(text));
  assert.match(findings[0]?.message ?? '', /nested more than 500 levels deep/);
});

test('the editor session and the CLI lint see the same findings on 10,000 levels, valid or broken', () => {
  const PATCH = '"urn:ietf:params:scim:api:messages:2.0:PatchOp"';
  const LIST = '"urn:ietf:params:scim:api:messages:2.0:ListResponse"';
  const cases: [string, string[]][] = [
    [`{"schemas":[${USER}],"userName":"x","emails":${deepArray()}}`, ['ATTRIBUTE_TYPE']],
    [`{"schemas":[${PATCH}],"Operations":[{"op":"Replace","value":${'{"a":'.repeat(DEPTH)}"False"${'}'.repeat(DEPTH)}}]}`, ['QUIRK_CAPITALISED_OP', 'UNKNOWN_ATTRIBUTE']],
    [`{"schemas":[${LIST}],"Resources":[{"schemas":[${USER}],"userName":"x","name":${deepArray()}}]}`, ['REQUIRED_MISSING', 'REQUIRED_MISSING', 'ATTRIBUTE_TYPE']],
    [deepArray(), ['ATTRIBUTE_TYPE']],
    [`{"schemas":[${USER}],"name":${deepObject(false)}`, ['SCIM_JSON_TOO_DEEP']],
  ];
  for (const [text, codes] of cases) {
    assert.deepEqual(new PayloadAnalysisSession(text).analysis.findings.map((f) => f.code), codes, text.slice(0, 60));
    assert.deepEqual(lintDocument('x.scim.json', text).findings.map((f) => f.code), codes, text.slice(0, 60));
    assert.ok(payloadHover(text, 14) === undefined || typeof payloadHover(text, 14)?.markdown === 'string');
  }
  assert.deepEqual(lintDocument('scim-registry.jsonc', deepObject()).findings.map((f) => f.code), ['REGISTRY_JSON_TOO_DEEP']);
});
