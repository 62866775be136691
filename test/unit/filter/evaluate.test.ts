import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { matchesFilter, parseFilter } from '../../../src/core/filter';
import { fullUser, lookup } from './fixtures';

function matches(filter: string, resource: Record<string, unknown> = fullUser, withLookup = true): boolean {
  const r = parseFilter(filter);
  assert.deepEqual(r.errors, [], filter);
  assert.ok(r.ast);
  return matchesFilter(resource, r.ast, withLookup ? lookup : undefined);
}

describe('matchesFilter on the RFC 7643 §8.2 User', () => {
  const truths: Array<[string, boolean]> = [
    ['userName eq "bjensen@example.com"', true],
    ['USERNAME eq "BJensen@Example.com"', true],
    ['userName eq "bjensen"', false],
    ['userName ne "bjensen"', true],
    ['userName sw "BJ"', true],
    ['userName ew "@EXAMPLE.COM"', true],
    ['userName co "jensen@"', true],
    ['name.familyName co "ense"', true],
    ['name.FAMILYNAME eq "jensen"', true],
    ['urn:ietf:params:scim:schemas:core:2.0:User:userName sw "b"', true],
    ['title pr', true],
    ['nickName pr', true],
    ['password pr', false],
    ['name pr', true],
    ['meta.lastModified gt "2011-05-13T04:42:33Z"', true],
    ['meta.lastModified gt "2011-05-13T04:42:34Z"', false],
    ['meta.lastModified ge "2011-05-13T04:42:34Z"', true],
    ['meta.lastModified lt "2011-05-13T05:42:34+01:00"', false],
    ['meta.lastModified lt "2011-05-13T06:42:34+01:00"', true],
    ['meta.lastModified eq "2011-05-13T05:42:34+01:00"', true],
    ['meta.lastModified le "2011-05-13T04:42:34.000Z"', true],
    ['title pr and userType eq "Employee"', true],
    ['title pr or userType eq "Intern"', true],
    ['schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"', true],
    ['userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")', true],
    ['userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")', false],
    ['not (emails co "example.org")', true],
    ['userType eq "Employee" and (emails.type eq "work")', true],
    ['userType eq "Employee" and emails[type eq "work" and value co "@example.com"]', true],
    ['emails[type eq "home" and value co "@example.com"]', false],
    ['emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]', true],
    ['emails[primary eq true and value ew ".com"]', true],
    ['emails[primary eq true and value ew ".org"]', false],
    ['emails eq "babs@jensen.org"', true],
    ['active eq true', true],
    ['active eq false', false],
    ['active ne false', true],
    ['active gt false', false],
    ['active eq "true"', false],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"', true],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"', true],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName sw "john"', true],
    ['urn:example:other:Ext:employeeNumber pr', false],
    ['groups[display eq "employees"]', true],
    ['groups[$ref co "fc348aa8"]', true],
    ['title eq null', false],
    ['title ne null', true],
    ['password eq null', true],
    ['password ne null', false],
    ['password ne "x"', true],
    ['password eq "x"', false],
    ['title gt null', false],
  ];
  for (const [filter, expected] of truths) {
    test(`${filter} -> ${expected}`, () => assert.equal(matches(filter), expected));
  }

  test('caseExact attributes compare case-sensitively (from the lookup)', () => {
    assert.equal(matches('id eq "2819C223-7F76-453A-919D-413861904646"'), false);
    assert.equal(matches('id eq "2819c223-7f76-453a-919d-413861904646"'), true);
    assert.equal(matches('meta.resourceType eq "user"'), false);
    // Without a lookup every string compares case-insensitively.
    assert.equal(matches('id eq "2819C223-7F76-453A-919D-413861904646"', fullUser, false), true);
  });

  test('without a lookup, dateTimes still compare chronologically and complex values by `value`', () => {
    assert.equal(matches('meta.created lt "2010-01-23T05:56:22+00:30"', fullUser, false), true);
    assert.equal(matches('emails co "jensen.org"', fullUser, false), true);
  });
});

describe('matchesFilter edge cases', () => {
  test('numbers compare numerically; strings never equal numbers', () => {
    const r = { loginCount: 10, score: 2.5, code: '10' };
    assert.equal(matches('loginCount gt 9', r), true);
    assert.equal(matches('loginCount le 10', r), true);
    assert.equal(matches('loginCount eq "10"', r), false);
    assert.equal(matches('code eq 10', r), false);
    assert.equal(matches('score lt 3', r), true);
    assert.equal(matches('loginCount co 1', r), false);
  });

  test('present means not null, not empty string, not empty array or object', () => {
    const r = { a: null, b: '', c: [], d: {}, e: [null, ''], f: 0, g: false, h: ['x'] };
    for (const k of ['a', 'b', 'c', 'd', 'e', 'zz']) assert.equal(matches(`${k} pr`, r), false, k);
    for (const k of ['f', 'g', 'h']) assert.equal(matches(`${k} pr`, r), true, k);
  });

  test('simple multi-valued attributes match on any element, and as `value` in brackets', () => {
    const r = { tags: ['red', 'Blue'] };
    assert.equal(matches('tags eq "blue"', r), true);
    assert.equal(matches('tags[value sw "r"]', r), true);
    assert.equal(matches('tags[value eq "green"]', r), false);
  });

  test('prototype keys are not attributes', () => {
    assert.equal(matches('constructor pr', {}), false);
    assert.equal(matches('toString pr', {}), false);
    assert.equal(matches('hasOwnProperty pr', {}), false);
  });

  test('long or-chains evaluate without deep recursion', () => {
    const text = Array.from({ length: 50000 }, (_, i) => `a${i} pr`).join(' or ');
    assert.equal(matches(text, { a49999: 'x' }), true);
    assert.equal(matches(text, { b: 'x' }), false);
  });
});
