// Filter and PATCH-path strings inside payloads, checked by the filter module. Its findings have offsets
// within the decoded string; the analyzer maps them into the document (through any JSON escapes).
import type { Finding } from '../findings';
import { checkFilter, checkPatchPath, parseFilter, parsePatchPath, type PatchPath } from '../filter';
import { filterLookup, filterSuggestions } from './filterLookup';
import type { JsonPath } from './payloadLocate';
import type { RuleContext } from './payloadModel';

export function checkFilterString(ctx: RuleContext, text: string, path: JsonPath, schemas: readonly string[]): void {
  const parsed = parseFilter(text);
  let findings: Finding[];
  if (parsed.errors.length > 0 || !parsed.ast) {
    findings = parsed.errors.map((e) => ({ code: 'FILTER_SYNTAX', severity: 'error' as const, message: e.message, range: e.range }));
  } else {
    findings = checkFilter(parsed.ast, filterLookup(ctx.catalog, schemas), { suggest: filterSuggestions(ctx.catalog, schemas) });
  }
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
