// The sandbox's contract with its users and with the probes: the README tables are the code's, every switch is
// documented, in the config schema and exercised by a test, and the presets' expected findings cover every probe
// code a server can provoke.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  PROBE_FINDING_CODES, QUIRK_NAMES, QUIRK_PROVOKES, REGISTRY_DEPENDENT_CODES, describePreset, presetNames,
  presetTableMarkdown, quirkTableMarkdown, sandboxConfigSchema,
} from '../../../src/sandbox';
import { COVERAGE_EXEMPTIONS } from '../probes/presetTables';

const ROOT = join(__dirname, '..', '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const codes = new Set<string>(PROBE_FINDING_CODES);
const named = (text: string): string[] => [...text.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1] as string);

test('README shows the preset and switch tables exactly as the code generates them', () => {
  const presets = presetTableMarkdown();
  const switches = quirkTableMarkdown();
  assert.ok(readme.includes(presets), `README's preset table is stale; it should read:\n${presets}`);
  assert.ok(readme.includes(switches), `README's switch table is stale; it should read:\n${switches}`);
});

test('every switch is in the config schema and names only real probe codes in its Provokes text', () => {
  const schema = sandboxConfigSchema() as { properties: { apps: { items: { properties: { quirks: { properties: Record<string, unknown> } } } } } };
  assert.deepEqual(Object.keys(schema.properties.apps.items.properties.quirks.properties), [...QUIRK_NAMES]);
  for (const name of QUIRK_NAMES) {
    for (const code of named(QUIRK_PROVOKES[name])) assert.ok(codes.has(code), `${name} names unknown code ${code}`);
  }
});

test('every switch is exercised by a sandbox test', () => {
  const dir = join(ROOT, 'test', 'unit', 'sandbox');
  const text = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts') && f !== 'docs.test.ts')
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  const untested = QUIRK_NAMES.filter((n) => !new RegExp(`\\b${n}:`).test(text));
  assert.deepEqual(untested, []);
});

test('presets name only real codes; strict and cursor produce nothing above info; together they cover every code but the registry-dependent and exempt ones', () => {
  const covered = new Set<string>();
  for (const name of presetNames) {
    const d = describePreset(name);
    assert.ok(d);
    for (const code of d.findings) {
      assert.ok(codes.has(code), `${name}: unknown code ${code}`);
      covered.add(code);
    }
    assert.equal(new Set(d.findings).size, d.findings.length, `${name} lists a code twice`);
    assert.ok(d.findings.includes('DEACTIVATION_CONTRACT'), `${name}: every writing probe run classifies deactivation`);
  }
  for (const quiet of ['strict', 'cursor', 'entra-compatible']) assert.deepEqual(describePreset(quiet)?.findings, ['DEACTIVATION_CONTRACT'], quiet);
  const registryOnly = Object.keys(REGISTRY_DEPENDENT_CODES);
  // The probes' coverage test (test/unit/probes/presetCoverage.test.ts) says why each exempt code has no preset.
  const exempt = Object.keys(COVERAGE_EXEMPTIONS);
  assert.deepEqual(PROBE_FINDING_CODES.filter((c) => !covered.has(c) && !registryOnly.includes(c) && !exempt.includes(c)), []);
  assert.deepEqual([...registryOnly, ...exempt].filter((c) => covered.has(c)), [], 'registry-dependent and exempt codes are not promised by a preset');
  const presetsSection = readme.slice(readme.indexOf('### Presets'), readme.indexOf('### Quirk switches'));
  for (const code of [...registryOnly, ...exempt]) assert.ok(codes.has(code) && presetsSection.includes(`\`${code}\``), code);
});

test('every code a preset promises is provoked by one of the switches the preset turns on', () => {
  for (const name of presetNames) {
    const d = describePreset(name);
    assert.ok(d);
    const defaults = describePreset('strict')?.quirks as unknown as Record<string, unknown>;
    const on = QUIRK_NAMES.filter((n) => JSON.stringify((d.quirks as unknown as Record<string, unknown>)[n]) !== JSON.stringify(defaults[n]));
    // Codes an IdP profile provokes against RFC defaults (strict rejects Entra's "False") need no switch.
    const byProfile: Record<string, string[]> = { entra: ['PATCH_STRING_BOOLEAN_REJECTED'], okta: [], rfc: [] };
    const reachable = new Set([...on.flatMap((n) => named(QUIRK_PROVOKES[n])), 'DEACTIVATION_CONTRACT', ...(byProfile[d.idpProfile] ?? [])]);
    for (const code of d.findings) assert.ok(reachable.has(code), `${name}: ${code} is provoked by none of ${on.join(', ')}`);
  }
});

test('the scimWorkbench.sandbox.profiles setting offers every preset', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { items?: { enum?: string[] } }> }[] };
  };
  const setting = pkg.contributes.configuration.map((c) => c.properties['scimWorkbench.sandbox.profiles']).find(Boolean);
  assert.deepEqual(setting?.items?.enum, [...presetNames]);
});
