// What the registry already knows about an error: the application's `errors` entries (by status, then scimType,
// then the optional `match` text or /regex/flags on the detail or text body) and its `knownIssues` whose codes
// name one of the explanation's deviations or its category.
import type { Application } from '../registry/model';
import { INSPECT_CODE_ALIASES } from './codes';
import type { Category } from './types';

export interface RegistryMatch {
  kind: 'error' | 'knownIssue';
  /** Index in the application's `errors` or `knownIssues`. */
  index: number;
  meaning: string | null;
  workaround: string | null;
}

/** Finding codes that stand for a category (a known issue listing them matches every error of that category). */
const CATEGORY_CODES: Partial<Record<Category, readonly string[]>> = {
  rateLimited: ['RATE_LIMITED'],
};

/** `/regex/flags` or a case-insensitive substring; undefined for an invalid regex (the registry lint reports it). */
export function matcherOf(match: string): ((text: string) => boolean) | undefined {
  const m = /^\/(.+)\/([a-z]*)$/s.exec(match);
  if (m) {
    try {
      const re = new RegExp(m[1] as string, (m[2] as string).replace(/g/g, ''));
      return (text) => re.test(text);
    } catch {
      return undefined;
    }
  }
  const needle = match.toLowerCase();
  return (text) => text.toLowerCase().includes(needle);
}

export function registryMatches(
  app: Application | undefined,
  facts: { status: number | null; scimType: string | null; text: string | null; codes: readonly string[]; category: Category },
): RegistryMatch[] {
  if (!app) return [];
  const errors: { match: RegistryMatch; specificity: number }[] = [];
  (Array.isArray(app.errors) ? app.errors : []).forEach((entry, index) => {
    if (!entry || typeof entry !== 'object' || facts.status === null || entry.status !== facts.status) return;
    let specificity = 0;
    if (typeof entry.scimType === 'string' && entry.scimType !== '') {
      if (facts.scimType === null || entry.scimType.toLowerCase() !== facts.scimType.toLowerCase()) return;
      specificity++;
    }
    if (typeof entry.match === 'string' && entry.match !== '') {
      const test = matcherOf(entry.match);
      if (!test || facts.text === null || !test(facts.text)) return;
      specificity++;
    }
    errors.push({ match: { kind: 'error', index, meaning: entry.meaning ?? null, workaround: entry.notes ?? null }, specificity });
  });
  errors.sort((a, b) => b.specificity - a.specificity || a.match.index - b.match.index);
  const wanted = new Set([...facts.codes, ...(CATEGORY_CODES[facts.category] ?? [])]);
  const issues: RegistryMatch[] = [];
  (Array.isArray(app.knownIssues) ? app.knownIssues : []).forEach((issue, index) => {
    if (!issue || !Array.isArray(issue.codes)) return;
    const hit = issue.codes.some((c) => typeof c === 'string' && (wanted.has(c) || wanted.has(INSPECT_CODE_ALIASES[c] ?? '')));
    if (hit) issues.push({ kind: 'knownIssue', index, meaning: issue.summary ?? null, workaround: issue.workaround ?? null });
  });
  return [...errors.map((e) => e.match), ...issues];
}
