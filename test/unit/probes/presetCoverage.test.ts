// Issue 12: every finding code a probe can report appears in at least one preset's expected set (presetTables.ts),
// or is exempt with a reason and a test that provokes it another way. Pure: reads the tables and the sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROBE_CODES, SHARED_PROBE_CODES } from '../../../src/core/probes';
import { describePreset, presetNames, REGISTRY_DEPENDENT_CODES } from '../../../src/sandbox';
import { COVERAGE_EXEMPTIONS, WIRE_EXPECTED, WRITING_ROWS, codesExpectedByPresets } from './presetTables';

const ROOT = join(__dirname, '..', '..', '..');
const ALL_CODES = [...Object.keys(PROBE_CODES), ...Object.keys(SHARED_PROBE_CODES)];
const probeSources = readdirSync(join(ROOT, 'src', 'core', 'probes'))
  .filter((f) => f.endsWith('.ts') && f !== 'codes.ts')
  .map((f) => readFileSync(join(ROOT, 'src', 'core', 'probes', f), 'utf8'))
  .join('\n');

test('every code in PROBE_CODES and SHARED_PROBE_CODES is one a probe can report (named outside codes.ts)', () => {
  assert.deepEqual(ALL_CODES.filter((c) => !probeSources.includes(`'${c}'`)), []);
});

test('every code a probe can report is in some preset\'s expected set, or exempt', () => {
  const expected = codesExpectedByPresets();
  assert.deepEqual(ALL_CODES.filter((c) => !expected.has(c) && !(c in COVERAGE_EXEMPTIONS)), []);
});

test('each exemption is real: a known code, in no preset\'s set, with a reason and a test that provokes it', () => {
  const expected = codesExpectedByPresets();
  const documented = new Set(presetNames.flatMap((p) => describePreset(p)!.findings as readonly string[]));
  for (const [code, { reason, provokedIn }] of Object.entries(COVERAGE_EXEMPTIONS)) {
    assert.ok(ALL_CODES.includes(code), `${code} is not a probe code`);
    assert.ok(reason.trim().length > 0, `${code}: empty reason`);
    assert.ok(!expected.has(code), `${code} is exempt but a preset's expected set names it: drop the exemption`);
    assert.ok(!documented.has(code), `${code} is exempt but a preset documents it`);
    const file = join(ROOT, 'test', 'unit', provokedIn);
    assert.ok(existsSync(file), `${code}: ${provokedIn} does not exist`);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`\\b${code}\\b`), `${code}: ${provokedIn} never names it`);
  }
});

test('the tables cover exactly the presets, and name only known codes', () => {
  assert.deepEqual(Object.keys(WIRE_EXPECTED).sort(), [...presetNames].sort());
  assert.deepEqual(WRITING_ROWS.map((r) => r.preset).sort(), [...presetNames].sort());
  assert.deepEqual([...codesExpectedByPresets()].filter((c) => !ALL_CODES.includes(c)), []);
});

test('what the presets document is what the tables expect (registry-dependent codes aside)', () => {
  for (const name of presetNames) {
    const wire = WIRE_EXPECTED[name]!;
    const row = WRITING_ROWS.find((r) => r.preset === name)!;
    const tables = new Set([...wire.codes, ...(wire.traffic ?? []), ...row.expect].filter((c) => !(c in REGISTRY_DEPENDENT_CODES)));
    assert.deepEqual([...describePreset(name)!.findings].sort(), [...tables].sort(), name);
  }
});
