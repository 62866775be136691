import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findingCodeInfo, lintRegistry, parseRegistry } from '../../../src/core/registry/index';
import { LineIndex } from '../../../src/core/text';

const read = (p: string): string => readFileSync(new URL(`../../../examples/${p}`, import.meta.url), 'utf8');

test('the workspace example lints clean and lists the sandbox applications', () => {
  const text = read('workspace/scim-registry.jsonc');
  assert.deepEqual(lintRegistry(text), []);
  const parsed = parseRegistry(text, 'scim-registry.jsonc');
  assert.deepEqual(
    parsed.applications.map((a) => a.app.id),
    ['strict', 'entra-compatible', 'aws-like', 'slack-like', 'github-like', 'drifting', 'basic-auth', 'api-key', 'acme-crm'],
  );
  for (const { app } of parsed.applications.slice(0, 8)) {
    assert.equal(app.baseUrl, `http://127.0.0.1:4780/apps/${app.id}/scim/v2`);
    assert.equal(app.auth?.secret, 'sandbox-token');
  }
});

test('the mistakes example: each commented code appears on the line after its comment, and nothing else', () => {
  const text = read('registry-mistakes/scim-registry.jsonc');
  const lines = text.split('\n');
  const expected: { code: string; line: number }[] = [];
  lines.forEach((line, i) => {
    const m = /^\s*\/\/ (REGISTRY_[A-Z_]+)/.exec(line);
    if (!m) return;
    let next = i + 1;
    while (/^\s*\/\//.test(lines[next] ?? '')) next++;
    expected.push({ code: m[1]!, line: next });
  });
  // One mistake per rule; a syntax error (or a nesting too deep to read) would hide the rest, so REGISTRY_JSON_SYNTAX
  // is tested in rules.test.ts and REGISTRY_JSON_TOO_DEEP in robustness/deepNesting.test.ts.
  const unreadable = new Set(['REGISTRY_JSON_SYNTAX', 'REGISTRY_JSON_TOO_DEEP']);
  const rules = findingCodeInfo.filter((i) => i.source === 'registry' && !unreadable.has(i.code)).map((i) => i.code);
  assert.deepEqual(expected.map((e) => e.code).sort(), [...rules].sort());
  const index = new LineIndex(text);
  const actual = lintRegistry(text).map((f) => ({ code: f.code, line: index.positionAt(f.range.start).line }));
  assert.deepEqual(actual, expected);
});

test('the mistakes example: exact ranges for the range-sensitive rules', () => {
  const text = read('registry-mistakes/scim-registry.jsonc');
  const findings = lintRegistry(text);
  const covered = (code: string): string => {
    const f = findings.find((x) => x.code === code);
    assert.ok(f, code);
    return text.slice(f.range.start, f.range.end);
  };
  assert.equal(covered('REGISTRY_BASEURL_RESOURCE_SUFFIX'), '/Users');
  assert.equal(covered('REGISTRY_BASEURL_SCHEME'), 'ftp');
  assert.equal(covered('REGISTRY_BASEURL_TRAILING_SLASH'), '/');
  assert.equal(covered('REGISTRY_FILTER_SYNTAX'), '\\"VP');
  assert.equal(covered('REGISTRY_UNKNOWN_FINDING_CODE'), '"PAGE_SIZE_CAPED"');
  assert.equal(covered('REGISTRY_SCHEMA'), '"Immediate"');
  assert.equal(covered('REGISTRY_WRITES_ON_PRODUCTION'), 'true');
  assert.equal(covered('REGISTRY_LITERAL_SECRET'), '"Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"');
});
