// JSON laid out for reading without parsing it: only whitespace between tokens changes, so what a server sent is
// shown exactly (numbers as written, duplicate keys, escapes), and a body the transcript cut short (probes keep a
// few KB of each) is laid out up to the cut. The grammar is checked as it goes: a body that breaks it is reported
// with the offset, and the caller shows it as received. Output stops at `maxChars`, so a huge or 10,000-level
// deep body cannot grow into a freeze.

export type JsonLayout =
  /** `end`: the text is one complete JSON value; `cut`: a correct beginning of one that stops early. */
  | { kind: 'end' | 'cut'; text: string }
  /** The output reached `maxChars` at input offset `stoppedAt`; the text is the layout so far. */
  | { kind: 'limited'; text: string; stoppedAt: number }
  | { kind: 'invalid'; error: string; offset: number };

type Expect = 'value' | 'key' | 'colon' | 'after';

const WS = new Set([0x20, 0x0a, 0x0d, 0x09]);
const LITERALS = ['true', 'false', 'null'];
/** What a number or a literal could be: a run of a number's characters, or a word. */
const RUN = /[-+0-9.eE]+|[a-z]+/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A number cut anywhere is still the beginning of a number. */
const NUMBER_PREFIX = /^-?(?:0|[1-9]\d*)?(?:\.\d*)?(?:[eE][+-]?\d*)?$/;

/** End of the string starting at `start` (after its closing quote), -1 if cut, or -(offset + 2) of a bad character. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return -(i + 2);
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === undefined) return -1;
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]*$/.test(hex)) return -(i + 2);
        if (hex.length < 4) return -1;
        i += 5;
      } else if ('"\\/bfnrt'.includes(e)) {
        i++;
      } else {
        return -(i + 2);
      }
    }
  }
  return -1;
}

export function layoutJson(text: string, maxChars: number, indent = '  '): JsonLayout {
  const out: string[] = [];
  let size = 0;
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  /** An opened container whose first member is not written yet: `{}` and `[]` stay on one line. */
  let opened = false;
  const emit = (s: string): void => {
    out.push(s);
    size += s.length;
  };
  const newline = (depth: number): void => emit(`\n${indent.repeat(depth)}`);
  const bad = (offset: number, what: string): JsonLayout => ({ kind: 'invalid', error: `${what} at offset ${offset}`, offset });
  /** One token (a long string) can overshoot the limit: the text is cut to it. */
  const finish = (kind: 'end' | 'cut', tail = ''): JsonLayout => {
    const all = out.join('') + tail;
    return all.length > maxChars ? { kind: 'limited', text: all.slice(0, maxChars), stoppedAt: i } : { kind, text: all };
  };
  let i = 0;
  while (i < text.length) {
    if (size > maxChars) return { kind: 'limited', text: out.join('').slice(0, maxChars), stoppedAt: i };
    const c = text.charCodeAt(i);
    if (WS.has(c)) {
      i++;
      continue;
    }
    const ch = text[i] as string;
    const closing = ch === '}' || ch === ']';
    if (opened && !closing) newline(stack.length);
    if (closing) {
      const top = stack[stack.length - 1];
      if ((ch === '}' ? '{' : '[') !== top || !(expect === 'after' || (opened && (expect === (top === '{' ? 'key' : 'value'))))) return bad(i, `unexpected '${ch}'`);
      stack.pop();
      if (!opened) newline(stack.length);
      opened = false;
      emit(ch);
      expect = 'after';
      i++;
      continue;
    }
    opened = false;
    if (expect === 'after') {
      if (ch !== ',' || stack.length === 0) return bad(i, stack.length === 0 ? 'more text after the JSON value' : `expected ',' or a closing bracket but found '${ch}'`);
      emit(',');
      newline(stack.length);
      expect = stack[stack.length - 1] === '{' ? 'key' : 'value';
      i++;
      continue;
    }
    if (expect === 'colon') {
      if (ch !== ':') return bad(i, `expected ':' but found '${ch}'`);
      emit(': ');
      expect = 'value';
      i++;
      continue;
    }
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end === -1) return finish('cut', text.slice(i));
      if (end < 0) return bad(-end - 2, 'a bad character in a string');
      emit(text.slice(i, end));
      expect = expect === 'key' ? 'colon' : 'after';
      i = end;
      continue;
    }
    if (expect === 'key') return bad(i, `expected a property name but found '${ch}'`);
    if (ch === '{' || ch === '[') {
      stack.push(ch);
      emit(ch);
      opened = true;
      expect = ch === '{' ? 'key' : 'value';
      i++;
      continue;
    }
    RUN.lastIndex = i;
    const run = RUN.exec(text)?.[0] ?? '';
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text)?.[0];
    if (run === number || LITERALS.includes(run)) {
      emit(run);
      expect = 'after';
      i += run.length;
      continue;
    }
    // A number or literal the transcript cut: still the beginning of one.
    if (run && i + run.length === text.length && (NUMBER_PREFIX.test(run) || LITERALS.some((l) => l.startsWith(run)))) return finish('cut', run);
    return bad(i, `unexpected '${ch}'`);
  }
  return finish(stack.length === 0 && expect === 'after' ? 'end' : 'cut');
}
