// How deep a JSON (or JSONC) text nests, without parsing it. jsonc-parser and the rules built on its trees recurse
// once per level, so a hostile or broken document (10,000 levels of `[`) would exhaust the stack; callers check
// here first and report the spot instead of analysing. A linear scan that skips strings and comments.

/** Deeper than any real SCIM payload or registry by orders of magnitude, and well within the stack of a tree walk. */
export const MAX_JSON_DEPTH = 500;

/** Where `text` (up to `end`) first opens a level deeper than `max`: the offset of that bracket, or -1. */
export function excessiveNestingAt(text: string, max = MAX_JSON_DEPTH, end = text.length): number {
  let depth = 0;
  const n = Math.min(end, text.length);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) return i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (depth > 0) depth--;
    } else if (c === 0x22 /* " */) {
      // To the closing quote (an escaped one does not count); an unterminated string ends the line.
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22 || s === 0x0a) break;
      }
    } else if (c === 0x2f /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x2f) {
        const eol = text.indexOf('\n', i + 2);
        i = eol < 0 ? n : eol;
      } else if (next === 0x2a /* * */) {
        const close = text.indexOf('*/', i + 2);
        i = close < 0 ? n : close + 1;
      }
    }
  }
  return -1;
}
