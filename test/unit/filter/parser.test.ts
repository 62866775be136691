import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseFilter, parsePatchPath, printFilter, printPatchPath, type FilterNode, type ParseError } from '../../../src/core/filter';
import { RFC_FILTERS, RFC_PATCH_PATHS } from './rfcExamples';

function ast(text: string): FilterNode {
  const r = parseFilter(text);
  assert.deepEqual(r.errors, [], `errors for ${text}`);
  assert.ok(r.ast);
  return r.ast;
}

function firstError(text: string, patch = false): ParseError {
  const r = patch ? parsePatchPath(text) : parseFilter(text);
  assert.equal(r.ast, undefined, `expected no AST for ${text}`);
  const e = r.errors[0];
  assert.ok(e, `expected an error for ${text}`);
  return e;
}

describe('RFC 7644 examples', () => {
  for (const { text, canonical } of RFC_FILTERS) {
    test(`filter ${text}`, () => {
      assert.equal(printFilter(ast(text)), canonical ?? text);
    });
  }
  for (const { text, canonical } of RFC_PATCH_PATHS) {
    test(`PATCH path ${text}`, () => {
      const r = parsePatchPath(text);
      assert.deepEqual(r.errors, []);
      assert.ok(r.ast);
      assert.equal(printPatchPath(r.ast), canonical ?? text);
    });
  }
});

describe('structure and ranges', () => {
  test('comparison carries path, operator and value ranges', () => {
    assert.deepEqual(ast('userName eq "bjensen"'), {
      kind: 'compare',
      path: { kind: 'attrPath', name: 'userName', range: { start: 0, end: 8 } },
      op: 'eq',
      opRange: { start: 9, end: 11 },
      value: { kind: 'literal', value: 'bjensen', raw: '"bjensen"', range: { start: 12, end: 21 } },
      range: { start: 0, end: 21 },
    });
  });

  test('precedence: not > and > or, left-associative', () => {
    const n = ast('a pr or b pr and c pr or d pr');
    assert.equal(printFilter(n), 'a pr or b pr and c pr or d pr');
    assert.equal(n.kind, 'logical');
    if (n.kind !== 'logical') return;
    assert.equal(n.op, 'or');
    assert.equal(n.right.kind === 'present' && n.right.path.name, 'd');
    assert.ok(n.left.kind === 'logical' && n.left.op === 'or' && n.left.right.kind === 'logical' && n.left.right.op === 'and');
  });

  test('operators and keywords are case-insensitive, printed in lower case', () => {
    assert.equal(printFilter(ast('userName EQ "x" AND Title PR Or NOT (active Eq TRUE)')), 'userName eq "x" and Title pr or not (active eq true)');
  });

  test('parentheses: kept as group nodes, printed only where needed', () => {
    const n = ast('((a pr))');
    assert.equal(n.kind, 'group');
    assert.deepEqual(n.range, { start: 0, end: 8 });
    assert.equal(printFilter(n), 'a pr');
    assert.equal(printFilter(ast('(a pr or b pr) and c pr')), '(a pr or b pr) and c pr');
    assert.equal(printFilter(ast('a pr and (b pr and c pr)')), 'a pr and (b pr and c pr)');
    assert.equal(printFilter(ast('(a pr and b pr) and c pr')), 'a pr and b pr and c pr');
    assert.equal(printFilter(ast('not ((a pr))')), 'not (a pr)');
  });

  test('URN-prefixed paths split at the last colon, then at the dot', () => {
    const n = ast('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915"');
    assert.ok(n.kind === 'compare');
    assert.equal(n.path.uri, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
    assert.equal(n.path.name, 'manager');
    assert.equal(n.path.subAttr, 'value');
    const e = ast('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"');
    assert.ok(e.kind === 'compare' && e.path.name === 'employeeNumber' && e.path.subAttr === undefined);
  });

  test('literals: JSON escapes, numbers, true/false/null in any case', () => {
    const lit = (t: string): unknown => {
      const n = ast(`a eq ${t}`);
      return n.kind === 'compare' ? n.value.value : undefined;
    };
    assert.equal(lit('"a\\"b\\\\c\\u00e9\\n"'), 'a"b\\c\u00e9\n');
    assert.equal(lit('-12.5e2'), -1250);
    assert.equal(lit('0'), 0);
    assert.equal(lit('False'), false);
    assert.equal(lit('TRUE'), true);
    assert.equal(lit('null'), null);
    assert.equal(printFilter(ast('a eq "tab\\there\\/"')), 'a eq "tab\\there/"');
    assert.equal(firstError('a eq "tab\there"').message, 'control character \\u0009 at 9 must be escaped in a string literal');
    assert.equal(printFilter(ast('a eq 1.50')), 'a eq 1.50');
  });

  test('value path as a filter term, $ref, whitespace of any kind', () => {
    const n = ast('members[$ref eq "https://x/Groups/1"]\n\tand\r\nemails[value ew "@x"]');
    assert.ok(n.kind === 'logical' && n.left.kind === 'valuePath');
    assert.equal(printFilter(n), 'members[$ref eq "https://x/Groups/1"] and emails[value ew "@x"]');
  });

  test('an attribute may be called "not" when an operator follows', () => {
    const n = ast('not eq "x"');
    assert.ok(n.kind === 'compare' && n.path.name === 'not');
  });

  test('PATCH path with a sub-attribute records its range', () => {
    const r = parsePatchPath('addresses[type eq "work"].streetAddress');
    assert.ok(r.ast);
    assert.equal(r.ast.subAttr, 'streetAddress');
    assert.deepEqual(r.ast.subAttrRange, { start: 26, end: 39 });
    assert.deepEqual(r.ast.range, { start: 0, end: 39 });
    assert.ok(r.ast.filter?.kind === 'compare');
  });
});

describe('errors: message, range, expected', () => {
  const cases: Array<[string, string, number, number]> = [
    ['userName ', "expected a comparison operator after 'userName' at 9", 9, 9],
    ['userName "x"', `expected a comparison operator after 'userName' at 9, found '"x"'`, 9, 12],
    ['userName xx "x"', "expected a comparison operator after 'userName' at 9, found 'xx'", 9, 11],
    ['userName eq', "expected a value (a string in double quotes, a number, true, false or null) after 'eq' at 11", 11, 11],
    ['userName eq bjensen', `expected a value (a string in double quotes, a number, true, false or null) after 'eq' at 12, found 'bjensen' (strings need double quotes: "bjensen")`, 12, 19],
    ["userName eq 'bjensen'", `string literal at 12 needs double quotes: "bjensen"`, 12, 21],
    ['userName eq "bjensen', `unterminated string literal at 12: expected a closing '"'`, 12, 20],
    ['userName eq "a\\qb"', "invalid escape '\\q' in string literal at 14", 14, 16],
    ['userName eq "a\\u12"', "invalid escape at 14: '\\u' needs four hex digits", 14, 16],
    ['a eq 01', "invalid number '01' at 5", 5, 7],
    ['a eq 1.', "invalid number '1.' at 5", 5, 7],
    ['', "expected an attribute path, '(' or 'not' at 0", 0, 0],
    ['   ', "expected an attribute path, '(' or 'not' at 3", 3, 3],
    ['userName eq "x" and', "expected an attribute path, '(' or 'not' after 'and' at 19", 19, 19],
    ['userName eq "x" or ("', `unterminated string literal at 20: expected a closing '"'; expected an attribute path, '(' or 'not' after '('`, 20, 21],
    ['(userName eq "x"', `expected ')' after '"x"' at 16 (the '(' at 0 is not closed)`, 16, 16],
    ['userName eq "x")', "unexpected ')' at 15: there is no matching '('", 15, 16],
    ['emails[type eq "work"', `expected ']' after '"work"' at 21 (the '[' at 6 is not closed)`, 21, 21],
    ['emails[type eq "work" value co "x"]', `expected 'and', 'or' or ']' after '"work"' at 22, found 'value'`, 22, 27],
    ['emails[]', "expected an attribute path, '(' or 'not' after '[' at 7, found ']'", 7, 8],
    ['userName eq "x" b pr', `expected 'and', 'or' or end of input after '"x"' at 16, found 'b'`, 16, 17],
    ['title pr "x"', `'pr' takes no value at 9: remove '"x"' or use a comparison operator such as 'eq'`, 9, 12],
    ['title pr true', `'pr' takes no value at 9: remove 'true' or use a comparison operator such as 'eq'`, 9, 13],
    ['not userName eq "x"', "expected '(' after 'not' at 4, found 'userName'", 4, 12],
    ['a[b[c pr]]', "value filters cannot be nested: 'b[' at 2 is inside another '[...]'", 2, 4],
    ['emails[type eq "work"].value eq "x"', "a sub-attribute after ']' at 22 is only allowed in PATCH paths; in a filter write 'emails[...]' alone or use 'emails.value'", 22, 28],
    ['name.familyName.x pr', "an attribute path has at most one sub-attribute ('name.subAttr'), found 'name.familyName.x' at 0", 5, 17],
    ['name. pr', "expected a sub-attribute name after '.' at 5", 5, 5],
    ['urn:ietf:params:scim:schemas:core:2.0:User: pr', 'expected an attribute name after the schema URN at 43', 43, 43],
    ['foo:bar pr', "invalid schema URN 'foo' at 0: a prefixed path looks like 'urn:ietf:params:scim:schemas:core:2.0:User:userName'", 0, 3],
    ['-x pr', "invalid attribute name '-x' at 0: a name starts with a letter and has only letters, digits, '_' and '-'", 0, 2],
    ['a # b', "unexpected character '#' at 2; expected a comparison operator after 'a'", 2, 3],
    ['a eq "x" and 😀', "unexpected character '😀' at 13; expected an attribute path, '(' or 'not' after 'and'", 13, 15],
    ['a pr or or b pr', "expected an attribute path, '(' or 'not' after 'or' at 8, found 'or'", 8, 10],
    ['userName eq"x"', "expected a space after 'eq' at 11", 11, 11],
    ['(a pr)and (b pr)', "expected a space before 'and' at 6", 6, 6],
    ['a eq "x" or(b pr)', "expected a space after 'or' at 11", 11, 11],
    ['emails [type eq "work"]', "unexpected space before '[' at 6: write it directly after 'emails'", 6, 7],
  ];
  for (const [text, message, start, end] of cases) {
    test(JSON.stringify(text), () => {
      const e = firstError(text);
      assert.equal(e.message, message);
      assert.deepEqual(e.range, { start, end });
    });
  }

  test('expected lists name the alternatives', () => {
    assert.deepEqual(firstError('userName ').expected, ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'pr']);
    assert.deepEqual(firstError('(a pr').expected, ["')'"]);
  });

  test('recovers after an error and reports later ones too', () => {
    const r = parseFilter('userName xx "a" and title eq and (emails pr');
    assert.deepEqual(
      r.errors.map((e) => e.range.start),
      [9, 29, 43],
    );
    assert.match(r.errors[1]?.message ?? '', /^expected a value .* after 'eq' at 29, found 'and'/);
    assert.match(r.errors[2]?.message ?? '', /^expected '\)' after 'pr' at 43/);
  });

  test('hostile nesting is reported, not a stack overflow', () => {
    const deep = '('.repeat(5000) + 'a pr' + ')'.repeat(5000);
    const e = firstError(deep);
    assert.equal(e.message, 'filter nests deeper than 100 levels at 100');
    assert.equal(parseFilter('not ('.repeat(3000)).errors.length, 1);
    assert.equal(parseFilter('a['.repeat(3000)).errors.length > 0, true);
  });

  test('100 levels of nesting still parse', () => {
    const text = '('.repeat(100) + 'a pr' + ')'.repeat(100);
    assert.equal(printFilter(ast(text)), 'a pr');
  });

  test('long and/or chains parse and print without deep recursion', () => {
    const text = Array.from({ length: 50000 }, (_, i) => `a${i} pr`).join(' and ');
    assert.equal(printFilter(ast(text)), text);
  });
});

describe('PATCH path errors', () => {
  const cases: Array<[string, string, number, number]> = [
    ['', 'expected an attribute path at 0', 0, 0],
    ['"members"', `expected an attribute path at 0, found '"members"'`, 0, 9],
    ['members[', "expected an attribute path, '(' or 'not' after '[' at 8", 8, 8],
    ['members[value eq "1"', `expected ']' after '"1"' at 20 (the '[' at 7 is not closed)`, 20, 20],
    ['members[value eq "1"].', "expected a sub-attribute name after '.' at 22", 22, 22],
    ['members[value eq "1"] x', `expected '.' and a sub-attribute, or the end of the path after ']' at 22, found 'x'`, 22, 23],
    ['members value', "expected '[' or the end of the path after 'members' at 8, found 'value'", 8, 13],
    ['members[value eq "1"] .display', "unexpected space before '.display' at 21: write it directly after ']'", 21, 22],
    ['members[value eq "1"].display.x', "invalid sub-attribute name 'display.x' at 22: a name starts with a letter and has only letters, digits, '_' and '-'", 22, 31],
  ];
  for (const [text, message, start, end] of cases) {
    test(JSON.stringify(text), () => {
      const e = firstError(text, true);
      assert.equal(e.message, message);
      assert.deepEqual(e.range, { start, end });
    });
  }
});
