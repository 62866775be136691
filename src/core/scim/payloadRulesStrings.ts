// Filter and PATCH-path strings inside payloads, checked by the filter module. Its findings have offsets
// within the decoded string; the analyzer maps them into the document (through any JSON escapes).
import type { Finding } from '../findings';
import { checkFilter, checkPatchPath, parseFilter, parsePatchPath, type PatchPath } from '../filter';
import { filterLookup, filterSuggestions } from './filterLookup';
import type { JsonPath } from './payloadLocate';
import type { RuleContext } from './payloadModel';
import type { SchemaCatalog } from './catalog';

/** Findings of a filter's text (offsets within `text`): syntax errors, else the checks against `schemas`. */
export function filterTextFindings(catalog: SchemaCatalog, text: string, schemas: readonly string[]): Finding[] {
  const parsed = parseFilter(text);
  if (parsed.errors.length > 0 || !parsed.ast) {
    return parsed.errors.map((e) => ({ code: 'FILTER_SYNTAX', severity: 'error' as const, message: e.message, range: e.range }));
  }
  return checkFilter(parsed.ast, filterLookup(catalog, schemas), { suggest: filterSuggestions(catalog, schemas) });
}

export function checkFilterString(ctx: RuleContext, text: string, path: JsonPath, schemas: readonly string[]): void {
  const findings = filterTextFindings(ctx.catalog, text, schemas);
  if (findings.length > 0) ctx.inner.push({ path, findings });
}

/** Parses and checks a PATCH path; syntax errors become PATCH_PATH_INVALID. Returns the AST when it parsed. */
export function checkPatchPathString(ctx: RuleContext, text: string, path: JsonPath, schemas: readonly string[]): PatchPath | undefined {
  const parsed = parsePatchPath(text);
  if (parsed.errors.length > 0 || !parsed.ast) {
    const findings: Finding[] = parsed.errors.map((e) => ({
      code: 'PATCH_PATH_INVALID',
      severity: 'error' as const,
      message: `Invalid PATCH path: ${e.message}`,
      range: e.range,
    }));
    if (findings.length === 0) findings.push({ code: 'PATCH_PATH_INVALID', severity: 'error', message: 'Invalid PATCH path.', range: { start: 0, end: text.length } });
    ctx.inner.push({ path, findings });
    return undefined;
  }
  const semantic = checkPatchPath(parsed.ast, filterLookup(ctx.catalog, schemas), { suggest: filterSuggestions(ctx.catalog, schemas) });
  if (semantic.length > 0) ctx.inner.push({ path, findings: semantic });
  return parsed.ast;
}
