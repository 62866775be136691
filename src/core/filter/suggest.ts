// "Did you mean" for attribute names in filters (see src/core/suggest.ts): at most three edits.
import { closest, typoLimit } from '../suggest';

/** The candidate closest to `name`, if it is close enough to be a plausible typo. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  return closest(name, candidates, Math.min(3, typoLimit(name)));
}
