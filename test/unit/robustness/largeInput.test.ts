// Hostile size (issue 15): a 50 MB payload and a registry of 10,000 applications get a result (findings where
// something is wrong, located inside the text), in the core functions the editor calls and in the CLI lint; never
// a crash. Each test has a deadline far above its normal time so a hang fails instead of stalling the suite.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzePayload } from '../../../src/core/scim/payloadRules';
import { completionsAt, hoverAt, lintRegistry, parseRegistry } from '../../../src/core/registry';
import { lintDocument } from '../../../src/cli/lintDocument';
import { main } from '../../../src/cli/main';
import { captureIO } from '../helpers/cliIO';

const DEADLINE = { timeout: 180_000 };
const MB = 1024 * 1024;
const USER = '"urn:ietf:params:scim:schemas:core:2.0:User"';
const user = (i: number): string =>
  `{"schemas":[${USER}],"id":"${i}","userName":"user${i}@example.com","name":{"givenName":"G${i}","familyName":"F"},"emails":[{"value":"user${i}@example.com","type":"work","primary":true}],"active":true}`;

/** A ListResponse of at least `bytes` characters; user `badAt` has a numeric `active` so a rule must fire there. */
function bigListResponse(bytes: number, badAt: number): { text: string; count: number } {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < bytes; i++) {
    const u = i === badAt ? user(i).replace('"active":true', '"active":1') : user(i);
    parts.push(u);
    length += u.length + 1;
  }
  const text = `{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":${parts.length},"Resources":[${parts.join(',')}]}`;
  return { text, count: parts.length };
}

function inside(text: string, ranges: { start: number; end: number }[]): void {
  for (const r of ranges) assert.ok(r.start >= 0 && r.start <= r.end && r.end <= text.length, `range ${r.start}-${r.end} inside ${text.length}`);
}

test('a 50 MB ListResponse is analysed: the one bad attribute near its end is found and located', DEADLINE, () => {
  const { text, count } = bigListResponse(50 * MB, 200_000);
  assert.ok(text.length >= 50 * MB && count > 200_000);
  const { findings } = analyzePayload(text);
  assert.deepEqual(findings.map((f) => f.code), ['ATTRIBUTE_TYPE']);
  inside(text, findings.map((f) => f.range));
  assert.equal(text.slice(findings[0]?.range.start, findings[0]?.range.end), '1');
});

test('a 50 MB payload cut short is a syntax finding inside the text; a 50 MB string value is read as usual', DEADLINE, () => {
  const { text } = bigListResponse(50 * MB, -1);
  const cut = text.slice(0, text.length - 7);
  const broken = analyzePayload(cut).findings;
  assert.ok(broken.length > 0 && broken.every((f) => f.code === 'SCIM_JSON_SYNTAX'), broken.map((f) => f.code).join());
  inside(cut, broken.map((f) => f.range));
  const huge = `{"schemas":[${USER}],"userName":"${'x'.repeat(50 * MB)}"}`;
  assert.deepEqual(analyzePayload(huge).findings, []);
});

test('a registry of 10,000 applications is parsed, linted (a duplicate id at the end is found), completed and hovered', DEADLINE, () => {
  const apps = Array.from({ length: 10_000 }, (_, k) =>
    `{"id":"app${k === 9_999 ? 0 : k}","baseUrl":"https://app${k}.example.com/scim/v2","auth":{"type":"bearer","secret":"tok${k}"}}`);
  const text = `{"applications":[\n${apps.join(',\n')}\n]}`;
  assert.equal(parseRegistry(text).applications.length, 10_000);
  const findings = lintRegistry(text);
  assert.deepEqual([...new Set(findings.map((f) => f.code))], ['REGISTRY_DUPLICATE_ID']);
  inside(text, findings.map((f) => f.range));
  assert.ok(findings.some((f) => f.range.start > text.length - 200), 'the duplicate in the last application is located there');
  const inLastAuth = text.lastIndexOf('"bearer"') + 1;
  assert.ok(Array.isArray(completionsAt(text, inLastAuth)));
  assert.ok(hoverAt(text, text.lastIndexOf('"secret"') + 2), 'hover on the last application answers');
  assert.deepEqual(lintDocument('scim-registry.jsonc', text).findings.map((f) => f.code), findings.map((f) => f.code));
});

test('the CLI lints a 50 MB payload file and a 10,000-application registry file', DEADLINE, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-large-'));
  try {
    writeFileSync(join(dir, 'big.scim.json'), bigListResponse(50 * MB, 5).text);
    const apps = Array.from({ length: 10_000 }, (_, k) => ({ id: `app${k}`, baseUrl: `https://app${k}.example.com/scim/v2`, auth: { type: 'none' } }));
    writeFileSync(join(dir, 'scim-registry.jsonc'), JSON.stringify({ applications: apps }, null, 2));
    const io = captureIO(dir);
    assert.equal(await main(['lint', '--format', 'json', 'big.scim.json', 'scim-registry.jsonc'], io), 1, io.err);
    const reports = JSON.parse(io.out) as { file: string; findings: { code: string }[] }[];
    assert.deepEqual(reports.map((r) => [r.file, r.findings.map((f) => f.code)]), [['big.scim.json', ['ATTRIBUTE_TYPE']], ['scim-registry.jsonc', []]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
