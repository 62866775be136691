// Input generators shared by the fuzz suites: random text built from a format's own pieces, and real documents
// (RFC examples, the example workspace) damaged by a few edits, which reach deeper into a parser than noise does.
import fc from 'fast-check';

/** Characters that break parsers: quotes, escapes, brackets, line ends, NUL, BOM, a lone surrogate, astral. */
export const HOSTILE_PIECES = ['"', "'", '\\', '\\u', '\\u12', '{', '}', '[', ']', '(', ')', ',', ':', '.', '\n', '\r\n', '\r', '\t', ' ', '\u0000', '\uFEFF', '\uD800', '\uDC00', '\u{1F600}', 'é', '/*', '*/', '//'];

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; length: number; text: string }
  | { kind: 'duplicate'; at: number; length: number; to: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'repeat'; at: number; text: string; times: number };

function edit(piece: fc.Arbitrary<string>): fc.Arbitrary<Edit> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: piece }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.nat(40) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), length: fc.nat(12), text: piece }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat(200), to: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
    // Runs of the same piece: deep nesting, long operator chains, many separators.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), text: piece, times: fc.integer({ min: 2, max: 300 }) }) },
  );
}

function apply(base: string, e: Edit): string {
  const at = e.at % (base.length + 1);
  switch (e.kind) {
    case 'insert': return base.slice(0, at) + e.text + base.slice(at);
    case 'delete': return base.slice(0, at) + base.slice(at + e.length);
    case 'replace': return base.slice(0, at) + e.text + base.slice(at + e.length);
    case 'duplicate': {
      const slice = base.slice(at, at + e.length);
      const to = e.to % (base.length + 1);
      return base.slice(0, to) + slice + base.slice(to);
    }
    case 'truncate': return base.slice(0, at);
    case 'repeat': return base.slice(0, at) + e.text.repeat(e.times) + base.slice(at);
  }
}

/** One of `bases` after one to four edits made of `pieces` (the format's vocabulary) and hostile characters. */
export function mutated(bases: readonly string[], pieces: readonly string[]): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...pieces) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'binary' }) },
  );
  return fc.tuple(fc.constantFrom(...bases), fc.array(edit(piece), { minLength: 1, maxLength: 4 }))
    .map(([base, edits]) => edits.reduce(apply, base));
}

/** Text made of the format's pieces, hostile characters and noise, in any order. */
export function pieced(pieces: readonly string[], maxPieces = 60): fc.Arbitrary<string> {
  return fc.array(fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...pieces) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6, unit: 'binary' }) },
  ), { maxLength: maxPieces }).map((a) => a.join(''));
}

/** Any string at all, grapheme by grapheme or as raw UTF-16 (lone surrogates included). */
export const noise: fc.Arbitrary<string> = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200, unit: 'binary' }), fc.string({ maxLength: 200, unit: 'grapheme' }));

/** A base wrapped in `depth` openers (and, half the time, their closers): nesting far past any real document. */
export function nested(bases: readonly string[], openers: readonly [string, string][], maxDepth: number): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...bases), fc.constantFrom(...openers), fc.integer({ min: 1, max: maxDepth }), fc.boolean())
    .map(([base, [open, close], depth, closed]) => open.repeat(depth) + base + (closed ? close.repeat(depth) : ''));
}
