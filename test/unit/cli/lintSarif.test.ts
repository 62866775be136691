// `scim-workbench lint --format sarif`: a SARIF 2.1.0 log valid against the schema, each result at the same line
// and column the text format prints, a rule per code, and the same exit code as the other formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { main } from '../../../src/cli/main';
import type { SarifLog } from '../../../src/core/sarif';
import { captureIO } from '../helpers/cliIO';

const root = join(__dirname, '..', '..', '..');

async function lint(...args: string[]): Promise<{ code: number; out: string }> {
  const io = captureIO(root);
  const code = await main(['lint', ...args], io);
  return { code, out: io.out };
}

test('lint --format sarif: valid SARIF 2.1.0, located where the text format says, same exit code', async () => {
  const files = ['examples/registry-mistakes', 'test/fixtures/payloads/invalid/error-status-number.scim.json'];
  const text = await lint(...files);
  const sarif = await lint(...files, '--format', 'sarif');
  assert.equal(sarif.code, text.code);
  assert.equal(sarif.code, 1);
  const log = JSON.parse(sarif.out) as SarifLog;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-subset.schema.json'), 'utf8')) as object);
  assert.ok(validate(log), ajv.errorsText(validate.errors));
  const run = log.runs[0]!;
  const fromText = text.out.trim().split('\n').map((l) => {
    const m = /^(.+?):(\d+):(\d+) (\w+) (\w+) /.exec(l)!;
    return `${m[1]}:${m[2]}:${m[3]} ${m[5]}`;
  });
  const fromSarif = run.results.map((r) => {
    const loc = r.locations[0]!.physicalLocation;
    return `${decodeURIComponent(loc.artifactLocation.uri)}:${loc.region!.startLine}:${loc.region!.startColumn} ${r.ruleId}`;
  });
  assert.deepEqual(fromSarif, fromText);
  for (const r of run.results) assert.equal(run.tool.driver.rules[r.ruleIndex]?.id, r.ruleId);
  assert.ok(run.tool.driver.rules.find((x) => x.id === 'REGISTRY_LITERAL_SECRET')?.shortDescription.text);
  assert.equal(run.results.find((r) => r.ruleId === 'REGISTRY_DUPLICATE_ID')?.level, 'error');
});

test('lint --format sarif on a clean file: a run with no results, exit 0', async () => {
  const r = await lint('test/fixtures/payloads/valid/rfc7643-8.1-minimal-user.scim.json', '--format', 'sarif');
  assert.equal(r.code, 0);
  assert.deepEqual((JSON.parse(r.out) as SarifLog).runs[0]!.results, []);
});
