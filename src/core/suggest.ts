// "Did you mean": the one edit-distance implementation behind every suggestion (attribute names, URNs, enum
// values, finding codes, sandbox profiles and quirks). Callers choose how far a typo may be.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transposition), case-insensitive.
 * Stops early and returns `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  if (s === t) return 0;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, (prev2[j - 2] ?? 0) + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length] ?? 0;
}

/** The default tolerance: a third of the name's length, at least one edit. */
export function typoLimit(name: string): number {
  return Math.max(1, Math.floor(name.length / 3));
}

/**
 * The candidate closest to `name` (case-insensitively), or undefined when none is within `limit` edits,
 * i.e. nothing is close enough to be a plausible typo. The first of equally close candidates wins.
 */
export function closest<T extends string | number>(name: string, candidates: Iterable<T>, limit = typoLimit(name)): T | undefined {
  let best: T | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const d = editDistance(name, String(c), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
