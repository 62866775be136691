import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createScanner, parse } from 'jsonc-parser';
import { lintRegistry, parseRegistry, promoteObservation, updateObserved, type Observation } from '../../../src/core/registry/index';
import { applyTextEdits, detectStyle } from '../../../src/core/registry/writeBack';

const example = readFileSync(new URL('../../../examples/workspace/scim-registry.jsonc', import.meta.url), 'utf8');

const observation: Observation = {
  lastRun: '2026-02-01T10:00:00Z',
  verdict: 'warn',
  summary: 'Capped at 50.',
  figures: { maxPageSize: 50, startIndexBase: 1, note: 'ok', flag: true },
  findingCodes: ['PAGE_SIZE_CAPPED'],
};

function comments(text: string): string[] {
  const scanner = createScanner(text, false);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== 17; kind = scanner.scan()) {
    if (kind === 12 || kind === 13) out.push(scanner.getTokenValue());
  }
  return out;
}

function valueAt(text: string, path: (string | number)[]): unknown {
  let v: unknown = parse(text, [], { allowTrailingComma: true });
  for (const seg of path) v = (v as Record<string | number, unknown>)?.[seg];
  return v;
}

/** Asserts that every byte outside [start, oldEnd) of `before` is unchanged in `after`. */
function assertOnlyChanged(before: string, after: string, start: number, oldEnd: number): void {
  assert.equal(after.slice(0, start), before.slice(0, start), 'prefix changed');
  assert.equal(after.slice(after.length - (before.length - oldEnd)), before.slice(oldEnd), 'suffix changed');
}

describe('updateObserved', () => {
  test('replaces an existing observed.<probe> block; bytes outside it stay identical', () => {
    const old = parseRegistry(example).rangeOf(['applications', 0, 'observed', 'pagination'])!;
    const result = updateObserved(example, 'strict', 'pagination', observation);
    assert.ok(result.ok, !result.ok ? result.error : '');
    assertOnlyChanged(example, result.text, old.start, old.end);
    assert.deepEqual(valueAt(result.text, ['applications', 0, 'observed', 'pagination']), observation);
    assert.deepEqual(comments(result.text), comments(example));
    assert.equal(result.text, applyTextEdits(example, result.edits));
    assert.deepEqual(lintRegistry(result.text), []);
    // Formatted like the file: two-space indentation continuing the block's own indentation.
    assert.match(result.text, /\n {8}"pagination": \{\n {10}"lastRun": "2026-02-01T10:00:00Z",\n {10}"verdict": "warn",/);
  });

  test('adds a probe next to existing ones and adds a missing observed block, by pure insertion', () => {
    for (const [id, index] of [['strict', 0], ['aws-like', 2], ['acme-crm', 8]] as const) {
      const result = updateObserved(example, id, 'filters', observation);
      assert.ok(result.ok, !result.ok ? result.error : '');
      for (const e of result.edits) assert.equal(e.range.start, e.range.end, 'insertions only');
      // Removing the inserted text gives back the original byte-for-byte.
      let back = result.text;
      const sorted = [...result.edits].sort((a, b) => a.range.start - b.range.start);
      for (const e of sorted) {
        const at = e.range.start; // earlier insertions are already removed
        assert.equal(back.slice(at, at + e.newText.length), e.newText);
        back = back.slice(0, at) + back.slice(at + e.newText.length);
      }
      assert.equal(back, example);
      const app = parseRegistry(example).applications[index]!;
      for (const e of result.edits) assert.ok(e.range.start > app.range.start && e.range.start < app.range.end, 'edits stay inside the application');
      assert.deepEqual(valueAt(result.text, ['applications', index, 'observed', 'filters']), observation);
      assert.deepEqual(lintRegistry(result.text), []);
    }
  });

  test('a trailing comment stays with the property it follows', () => {
    const text = '{\n  "applications": [\n    {\n      "id": "a",\n      "baseUrl": "http://localhost/scim" // the sandbox\n    }\n  ]\n}\n';
    const result = updateObserved(text, 'a', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
    assert.ok(result.ok);
    assert.ok(result.text.includes('"baseUrl": "http://localhost/scim", // the sandbox\n      "observed": {\n        "p": {'), result.text);
  });

  test('keeps CRLF line endings and tab indentation', () => {
    const text = '{\r\n\t"applications": [\r\n\t\t{\r\n\t\t\t"id": "a",\r\n\t\t\t"baseUrl": "http://localhost/scim",\r\n\t\t\t"observed": {}\r\n\t\t}\r\n\t]\r\n}\r\n';
    assert.deepEqual(detectStyle(text), { indent: '\t', eol: '\r\n' });
    const result = updateObserved(text, 'a', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass', figures: { n: 1 } });
    assert.ok(result.ok);
    assert.ok(!/[^\r]\n/.test(result.text), 'no bare LF');
    assert.ok(result.text.includes('"observed": {\r\n\t\t\t\t"p": {\r\n\t\t\t\t\t"lastRun"'), JSON.stringify(result.text));
  });

  test('single-line application objects get a single-line insertion', () => {
    const text = '{ "applications": [ { "id": "a", "baseUrl": "http://localhost/scim" }, { "id": "b", "baseUrl": "x" } ] }';
    const result = updateObserved(text, 'a', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
    assert.ok(result.ok);
    assert.equal(result.text, '{ "applications": [ { "id": "a", "baseUrl": "http://localhost/scim", "observed": {"p":{"lastRun":"2026-01-01T00:00:00Z","verdict":"pass"}} }, { "id": "b", "baseUrl": "x" } ] }');
  });

  test('a second update replaces the first: same result as a single update', () => {
    const first = updateObserved(example, 'aws-like', 'pagination', { ...observation, verdict: 'fail' });
    assert.ok(first.ok);
    const second = updateObserved(first.text, 'aws-like', 'pagination', observation);
    const once = updateObserved(example, 'aws-like', 'pagination', observation);
    assert.ok(second.ok && once.ok);
    assert.equal(second.text, once.text);
  });

  test('errors are clear messages and leave the text unchanged', () => {
    const cases: [string, string, RegExp][] = [
      [example, 'nope', /No application with id "nope".*ids: strict, entra-compatible/],
      ['{ "applications": [ { "id": "a" }, { "id": "a" } ] }', 'a', /Several applications have the id "a"/],
      ['{ "applications": [ { "id": "a", "baseUrl": "x" "observed": {} } ] }', 'a', /syntax error at line 1, column 49/],
      ['{ "applications": [ { "id": "a", "observed": [] } ] }', 'a', /observed is an array, not an object/],
    ];
    for (const [text, id, message] of cases) {
      const result = updateObserved(text, id, 'p', observation);
      assert.equal(result.ok, false);
      assert.equal(result.text, text);
      assert.deepEqual(result.edits, []);
      assert.match(!result.ok ? result.error : '', message);
    }
    const invalid = updateObserved(example, 'strict', 'p', { lastRun: 'x', verdict: 'great' } as unknown as Observation);
    assert.equal(invalid.ok, false);
    assert.equal(updateObserved(example, 'strict', '', observation).ok, false);
  });

  test('a syntax error in another application does not block writing to a healthy one', () => {
    const text = '{ "applications": [\n { "id": "a", "baseUrl": "x" },\n { "id": "b" "baseUrl": "y" }\n] }';
    const result = updateObserved(text, 'a', 'p', { lastRun: '2026-01-01T00:00:00Z', verdict: 'pass' });
    assert.ok(result.ok, !result.ok ? result.error : '');
    assert.ok(result.text.endsWith('{ "id": "b" "baseUrl": "y" }\n] }'));
  });
});

describe('promoteObservation', () => {
  test('replaces a declared value only; the comment after it survives', () => {
    const text = '{\n  "applications": [\n    {\n      "id": "a",\n      "baseUrl": "x",\n      "pagination": { "maxPageSize": 100 /* guessed */, "startIndexBase": 1 }\n    }\n  ]\n}\n';
    const result = promoteObservation(text, 'a', ['pagination', 'maxPageSize'], 50);
    assert.ok(result.ok);
    assert.equal(result.text, text.replace('"maxPageSize": 100', '"maxPageSize": 50'));
  });

  test('creates missing parents, and reaches into arrays', () => {
    const created = promoteObservation(example, 'github-like', ['pagination', 'maxPageSize'], 100);
    assert.ok(created.ok, !created.ok ? created.error : '');
    assert.deepEqual(valueAt(created.text, ['applications', 4, 'pagination']), { maxPageSize: 100 });
    assert.deepEqual(comments(created.text), comments(example));
    const status = promoteObservation(example, 'aws-like', ['filters', 1, 'status'], 'works');
    assert.ok(status.ok);
    assert.equal(valueAt(status.text, ['applications', 2, 'filters', 1, 'status']), 'works');
    assert.equal(status.text.length, example.length);
  });

  test('refuses what it must not do', () => {
    assert.match(errorOf(promoteObservation(example, 'strict', ['id'], 'x')), /cannot be set/);
    assert.match(errorOf(promoteObservation(example, 'strict', [], 1)), /empty/);
    assert.match(errorOf(promoteObservation(example, 'strict', ['filters', 9, 'status'], 'works')), /no item 9/);
    assert.match(errorOf(promoteObservation(example, 'strict', ['pagination', 'maxPageSize'], undefined)), /not JSON/);
    assert.match(errorOf(promoteObservation(example, 'strict', ['pagination', 'maxPageSize'], Number.NaN)), /not JSON/);
  });
});

function errorOf(r: ReturnType<typeof promoteObservation>): string {
  return r.ok ? '' : r.error;
}
