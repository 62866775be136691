import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completionsAt, hoverAt, knownFindingCodes } from '../../../src/core/registry/index';
import { allFields } from '../../../src/core/registry/fieldSpec';
import { registrySpec } from '../../../src/core/registry/fieldDocs';

/** `|` marks the cursor. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  return { text: marked.replace('|', ''), offset };
}

function complete(marked: string): ReturnType<typeof completionsAt> {
  const { text, offset } = at(marked);
  return completionsAt(text, offset);
}

function hover(marked: string): { covered: string; markdown: string } | undefined {
  const { text, offset } = at(marked);
  const h = hoverAt(text, offset);
  return h && { covered: text.slice(h.range.start, h.range.end), markdown: h.markdown };
}

describe('completionsAt', () => {
  test('application properties, required first, existing ones left out, with snippets and docs', () => {
    const items = complete('{ "applications": [ { "id": "a", | } ] }');
    const labels = items.map((i) => i.label);
    assert.equal(labels[0], 'baseUrl');
    assert.ok(!labels.includes('id'));
    for (const name of ['deactivation', 'auth', 'observed', 'knownIssues', 'probe']) assert.ok(labels.includes(name), name);
    const deactivation = items.find((i) => i.label === 'deactivation')!;
    assert.equal(deactivation.kind, 'property');
    assert.equal(deactivation.insertText, '"deactivation": { "contract": "${1|immediate,delayed,locked-only,deleted|}"$0 }');
    assert.ok(deactivation.isSnippet);
    assert.match(deactivation.documentation, /offboarding/);
    assert.deepEqual(deactivation.range, { start: at('{ "applications": [ { "id": "a", | } ] }').offset, end: at('{ "applications": [ { "id": "a", | } ] }').offset });
  });

  test('a partly typed key is replaced; no value is added when a colon follows', () => {
    const { text, offset } = at('{ "applications": [ { "dea|": {} } ] }');
    const item = completionsAt(text, offset).find((i) => i.label === 'deactivation')!;
    assert.equal(text.slice(item.range.start, item.range.end), '"dea"');
    assert.equal(item.insertText, '"deactivation"');
    const bare = at('{ "applications": [ { dea| } ] }');
    const b = completionsAt(bare.text, bare.offset).find((i) => i.label === 'deactivation')!;
    assert.equal(bare.text.slice(b.range.start, b.range.end), 'dea');
  });

  test('auth properties follow auth.type', () => {
    const labels = (marked: string): string[] => complete(marked).map((i) => i.label).sort();
    assert.deepEqual(labels('{ "applications": [ { "auth": { "type": "apiKey", | } } ] }'), ['header', 'rotation', 'secret']);
    assert.deepEqual(labels('{ "applications": [ { "auth": { "type": "none", | } } ] }'), []);
    assert.ok(labels('{ "applications": [ { "auth": { | } } ] }').includes('tokenUrl'));
  });

  test('enum values for contract, strategy, auth.type, idpProfile, status, retryAfter, verdict', () => {
    const values = (marked: string): string[] => complete(marked).map((i) => i.label);
    assert.deepEqual(values('{ "applications": [ { "deactivation": { "contract": | } } ] }'), ['immediate', 'delayed', 'locked-only', 'deleted']);
    assert.deepEqual(values('{ "applications": [ { "groupMapping": { "strategy": "|" } } ] }'), ['direct', 'composite', 'attribute']);
    assert.deepEqual(values('{ "applications": [ { "auth": { "type": | } } ] }'), ['bearer', 'apiKey', 'basic', 'oauth2ClientCredentials', 'none']);
    assert.deepEqual(values('{ "applications": [ { "probe": { "idpProfile": | } } ] }'), ['rfc', 'entra', 'okta']);
    assert.deepEqual(values('{ "applications": [ { "filters": [ { "status": | } ] } ] }'), ['works', 'fails', 'untested']);
    assert.deepEqual(values('{ "applications": [ { "rateLimit": { "retryAfter": | } } ] }'), ['honored', 'absent', 'unreliable', 'untested']);
    assert.deepEqual(values('{ "applications": [ { "observed": { "x": { "verdict": | } } } ] }'), ['pass', 'warn', 'fail', 'error']);
    assert.deepEqual(values('{ "applications": [ { "probe": { "allowWrites": | } } ] }'), ['true', 'false']);
    const { text, offset } = at('{ "applications": [ { "deactivation": { "contract": "del|" } } ] }');
    const item = completionsAt(text, offset)[1]!;
    assert.equal(item.insertText, '"delayed"');
    assert.equal(text.slice(item.range.start, item.range.end), '"del"');
    assert.match(item.documentation, /Evidence/);
  });

  test('finding codes in knownIssues.codes (minus those already listed), URNs, scimTypes', () => {
    const codes = complete('{ "applications": [ { "knownIssues": [ { "codes": ["PAGE_SIZE_CAPPED", |] } ] } ] }').map((i) => i.label);
    assert.equal(codes.length, knownFindingCodes.length - 1);
    assert.ok(!codes.includes('PAGE_SIZE_CAPPED'));
    assert.ok(codes.includes('DEACTIVATION_DELETES'));
    assert.deepEqual(complete('{ "applications": [ { "schemaExtensions": [ | ] } ] }').map((i) => i.label), ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    assert.ok(complete('{ "applications": [ { "errors": [ { "scimType": "|" } ] } ] }').some((i) => i.label === 'uniqueness'));
  });

  test('a new application skeleton, and nothing outside the format', () => {
    const [skeleton] = complete('{ "applications": [ | ] }');
    assert.equal(skeleton?.insertText, '{ "id": "$1", "baseUrl": "$2"$0 }');
    assert.deepEqual(complete('{ "applications": [ { "x-custom": { | } } ] }'), []);
  });

  test('every documented field is offered, with documentation, inside its parent', () => {
    for (const [key, spec] of allFields(registrySpec)) {
      const segments = key.split('.');
      const name = segments.pop()!;
      if (name === '*') continue;
      // Build the parent containers around a cursor: "applications[]" is an array of objects, "*" a map key.
      let inner = segments[segments.length - 1] === 'auth' && spec.appliesTo ? `"type": "${spec.appliesTo[0]}", |` : '|';
      for (const seg of [...segments].reverse()) {
        const [prop, array] = seg.endsWith('[]') ? [seg.slice(0, -2), true] : [seg, false];
        const body = array ? `[ { ${inner} } ]` : `{ ${inner} }`;
        inner = `"${prop === '*' ? 'someProbe' : prop}": ${body}`;
      }
      const item = complete(`{ ${inner} }`).find((i) => i.label === name.replace('[]', ''));
      assert.ok(item, key);
      assert.ok(item.documentation.length > 20, key);
    }
  });
});

describe('hoverAt', () => {
  test('field keys explain what the field means', () => {
    const h = hover('{ "applications": [ { "deactivation": { "con|tract": "delayed" } } ] }')!;
    assert.equal(h.covered, '"contract"');
    assert.match(h.markdown, /^\*\*deactivation\.contract\*\*/);
    assert.match(h.markdown, /`locked-only`/);
    assert.match(hover('{ "applications": [ { "auth": { "hea|der": "x" } } ] }')!.markdown, /Used with auth type: `apiKey`/);
    assert.match(hover('{ "appl|ications": [] }')!.markdown, /applications/);
  });

  test('enum values explain their consequence, e.g. offboarding evidence', () => {
    const h = hover('{ "applications": [ { "deactivation": { "contract": "del|eted" } } ] }')!;
    assert.equal(h.covered, '"deleted"');
    assert.match(h.markdown, /\*\*Evidence:\*\*.*404/);
    assert.match(hover('{ "applications": [ { "pagination": { "startIndexBase": |0 } } ] }')!.markdown, /0-based/);
    assert.match(hover('{ "applications": [ { "observed": { "pagination": { "verdict": "pa|ss" } } } ] }')!.markdown, /Behaved as declared/);
  });

  test('finding codes, scimTypes and URNs', () => {
    assert.match(hover('{ "applications": [ { "knownIssues": [ { "codes": ["PAGE_|SIZE_CAPPED"] } ] } ] }')!.markdown, /silent page-size cap/);
    assert.match(hover('{ "applications": [ { "knownIssues": [ { "codes": ["NO|PE"] } ] } ] }')!.markdown, /not a known finding code/);
    assert.match(hover('{ "applications": [ { "errors": [ { "scimType": "uniq|ueness" } ] } ] }')!.markdown, /already in use/);
  });

  test('nothing for unknown fields, whitespace or broken text', () => {
    assert.equal(hover('{ "applications": [ { "bogus|": 1 } ] }'), undefined);
    assert.equal(hover('{ "applications": [ {   |   } ] }'), undefined);
    assert.doesNotThrow(() => hoverAt('{ "applications": [ { "id": ', 20));
    assert.doesNotThrow(() => completionsAt('', 0));
  });
});

test('defaults and examples are offered for free-text fields; the value being edited stays offered', () => {
  const header = complete('{ "applications": [ { "auth": { "type": "apiKey", "header": | } } ] }');
  assert.deepEqual(header.map((i) => [i.label, i.detail]), [['X-Api-Key', 'example']]);
  const prefix = complete('{ "applications": [ { "probe": { "testUserPrefix": "|" } } ] }');
  assert.deepEqual(prefix.map((i) => i.label), ['scimwb-probe-']);
  const codes = complete('{ "applications": [ { "knownIssues": [ { "codes": ["RATE_LIMITED|"] } ] } ] }').map((i) => i.label);
  assert.ok(codes.includes('RATE_LIMITED'));
});
