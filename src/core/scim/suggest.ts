// "Did you mean" for attribute names, URNs and enum values (see src/core/suggest.ts).
import { closest, editDistance } from '../suggest';

export { editDistance };

/** The candidate closest to `name`, or undefined when nothing is close enough to be a plausible typo. */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  return closest(name, candidates);
}
