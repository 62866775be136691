import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzePayload } from '../../../src/core/scim/payloadRules';
import { PayloadAnalysisSession, type PayloadTextChange } from '../../../src/core/scim/payloadIncremental';
import { locateElements } from '../../../src/core/scim/payloadLocate';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A small page whose resources carry a mix of clean values and problems (quirks, unknown keys, no schemas). */
function page(n: number, variant: number): string {
  const resources = Array.from({ length: n }, (_, i) => {
    const u: Record<string, unknown> = {
      schemas: (i + variant) % 5 === 4 ? undefined : [USER, ENTERPRISE],
      id: `id-${i}`,
      userName: `user${i}@example.com`,
      name: { givenName: `B${i}`, familyName: 'Jensen' },
      emails: [{ value: `u${i}@example.com`, type: (i + variant) % 3 === 0 ? 'Work' : 'work', primary: true }],
      active: (i + variant) % 4 === 1 ? 'False' : true,
      [ENTERPRISE]: { department: 'Ops', manager: { value: 'm-1' } },
    };
    if ((i + variant) % 6 === 2) u.nickName = 'typo';
    if ((i + variant) % 7 === 3) u['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber'] = 5;
    return u;
  });
  const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: n, itemsPerPage: n + (variant % 2), Resources: resources, startIndex: variant % 3 === 0 ? 0 : 1 };
  return variant % 2 === 0 ? JSON.stringify(list, null, 2) : JSON.stringify(list);
}

function apply(text: string, c: PayloadTextChange): string {
  return text.slice(0, c.start) + c.text + text.slice(c.end);
}

/** Random edits: most land inside a resource (the incremental path), some anywhere (the fallback). */
function editOf(text: string): fc.Arbitrary<PayloadTextChange> {
  const pieces = fc.constantFrom('a', 'Z', '1', '"', ':', ',', '{', '}', '[', ']', ' ', '\n', 'true', '"x"', '"k": 1, ', '', 'urn:');
  return fc.record({ at: fc.nat({ max: Math.max(0, text.length - 1) }), len: fc.nat({ max: 4 }), insert: pieces }).map(({ at, len, insert }) => ({
    start: at,
    end: Math.min(text.length, at + len),
    text: insert,
  }));
}

function stringEditOf(text: string): fc.Arbitrary<PayloadTextChange> {
  // Inside a string value: the document stays valid JSON and the edit is local.
  const spots: number[] = [];
  for (const m of text.matchAll(/: ?"([^"\\]+)"/g)) spots.push((m.index ?? 0) + m[0].length - (m[1]?.length ?? 0) - 1);
  return fc.record({ i: fc.nat({ max: spots.length - 1 }), insert: fc.constantFrom('x', 'W', 'alse', 'ork', ''), del: fc.nat({ max: 2 }) }).map(({ i, insert, del }) => {
    const at = spots[i] ?? 0;
    return { start: at, end: at + Math.min(del, 1), text: insert };
  });
}

function check(initial: string, steps: PayloadTextChange[][]): { incremental: number } {
  const session = new PayloadAnalysisSession(initial);
  assert.deepEqual(session.analysis, analyzePayload(initial));
  let text = initial;
  let incremental = 0;
  for (const changes of steps) {
    for (const c of changes) text = apply(text, c);
    const got = session.update(changes, text);
    if (session.lastUpdate === 'incremental') incremental++;
    assert.deepEqual(got, analyzePayload(text), `after ${JSON.stringify(changes)} (${session.lastUpdate})`);
  }
  return { incremental };
}

describe('PayloadAnalysisSession (incremental re-analysis)', () => {
  test('an edit inside one resource re-checks it alone and gives the full pass result', () => {
    const text = page(30, 0);
    const at = text.indexOf('"active": true', text.indexOf('user17@')) + '"active": '.length;
    const session = new PayloadAnalysisSession(text);
    const change = { start: at, end: at + 4, text: '"True"' };
    const next = apply(text, change);
    const got = session.update([change], next);
    assert.equal(session.lastUpdate, 'incremental');
    assert.deepEqual(got, analyzePayload(next));
    assert.ok(got.findings.some((f) => f.code === 'QUIRK_STRING_BOOLEAN' && f.range.start === at));
  });

  test('findings after the edit move by its length; a source of slices is enough', () => {
    const text = page(20, 1);
    const at = text.indexOf('user3@');
    const session = new PayloadAnalysisSession(text);
    const change = { start: at, end: at, text: 'longer-name-' };
    const next = apply(text, change);
    let sliced = 0;
    const got = session.update([change], { slice: (s: number, e: number) => { sliced += e - s; return next.slice(s, e); }, all: () => assert.fail('no full text needed') });
    assert.deepEqual(got, analyzePayload(next));
    assert.ok(sliced < next.length / 5, 'only the edited resource was read');
  });

  test('edits it cannot localise fall back to the full pass', () => {
    const text = page(10, 0);
    const session = new PayloadAnalysisSession(text);
    const between = text.indexOf('},', text.indexOf('user4@')) + 1; // the comma between two resources
    for (const change of [{ start: between, end: between + 1, text: '' }, { start: 0, end: 0, text: ' ' }, { start: text.indexOf('"totalResults"'), end: text.indexOf('"totalResults"'), text: '"x": 1, ' }]) {
      const s = new PayloadAnalysisSession(text);
      const next = apply(text, change);
      assert.deepEqual(s.update([change], next), analyzePayload(next));
      assert.equal(s.lastUpdate, 'full');
    }
    assert.equal(session.lastUpdate, 'full');
  });

  test('documents that are not a ListResponse always get the full pass', () => {
    const user = JSON.stringify({ schemas: [USER], userName: 'a', active: 'True' }, null, 2);
    const s = new PayloadAnalysisSession(user);
    const at = user.indexOf('"a"') + 1;
    const next = apply(user, { start: at, end: at, text: 'b' });
    assert.deepEqual(s.update([{ start: at, end: at, text: 'b' }], next), analyzePayload(next));
    assert.equal(s.lastUpdate, 'full');
  });

  test('locateElements finds each resource as JSON.parse sees it (last duplicate key, comments)', () => {
    const text = '{"Resources": [1], /* c */ "Resources": [ {"a": 1} , // x\n {"b": [2, "]"]}\n]}';
    const b = locateElements(text, ['Resources']);
    assert.ok(b);
    assert.deepEqual(b.starts.map((s, i) => text.slice(s, b.ends[i])), ['{"a": 1}', '{"b": [2, "]"]}']);
    assert.equal(locateElements('{"Resources": 3}', ['Resources']), undefined);
  });

  test('property: after random edits the incremental result equals a full analysis', () => {
    let incremental = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.nat({ max: 5 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        (n, variant, seed) => {
          const text = page(n, variant);
          // Chains of edits: each step's edits are generated against the text as it is by then.
          const steps: PayloadTextChange[][] = [];
          let current = text;
          const rng = fc.sample(fc.boolean(), { seed, numRuns: 8 });
          for (let i = 0; i < 8; i++) {
            const arb = rng[i] ? stringEditOf(current) : editOf(current);
            const [change] = fc.sample(arb, { seed: seed + i, numRuns: 1 });
            if (!change) continue;
            steps.push([change]);
            current = apply(current, change);
          }
          incremental += check(text, steps).incremental;
        },
      ),
      { numRuns: 150 },
    );
    assert.ok(incremental > 100, `the incremental path was taken (${incremental} times)`);
  });

  test('property: several changes in one event (applied in order) equal a full analysis', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.nat({ max: 5 }), fc.integer({ min: 1, max: 1_000_000 }), (n, variant, seed) => {
        const text = page(n, variant);
        const changes: PayloadTextChange[] = [];
        let current = text;
        for (let i = 0; i < 3; i++) {
          const [c] = fc.sample(stringEditOf(current), { seed: seed + i, numRuns: 1 });
          if (!c) continue;
          changes.push(c);
          current = apply(current, c);
        }
        check(text, [changes]);
      }),
      { numRuns: 100 },
    );
  });
});
