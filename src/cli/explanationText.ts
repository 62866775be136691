// How `send` and `explain` print an explanation for a person (the JSON form is the Explanation itself).
import type { Explanation } from '../core/inspect';

export function formatExplanation(x: Explanation, registryName?: string): string {
  const head = [x.status ?? 'status unknown', x.category, x.scimType ? `scimType ${x.scimType}` : undefined, x.bodyKind + (x.bodySource !== 'body' ? ` (${x.bodySource})` : '')]
    .filter((p) => p !== undefined)
    .join(' · ');
  const lines = [`Explanation: ${head}`];
  if (x.detail) lines.push(`  detail:     ${oneLine(x.detail)}`);
  lines.push(`  meaning:    ${x.meaning}`);
  lines.push(`  retryable:  ${x.retryable ? 'yes' : 'no'}${x.retryAfterSeconds !== null ? ` (after ${x.retryAfterSeconds} s)` : ''}`);
  if (x.deviations.length > 0) {
    lines.push('  deviations from RFC 7644:');
    const width = Math.max(...x.deviations.map((d) => d.code.length));
    for (const d of x.deviations) lines.push(`    ${d.code.padEnd(width)}  ${d.message}`);
  }
  const vendor = Object.entries(x.vendorFields);
  if (vendor.length > 0) lines.push(`  vendor fields: ${vendor.map(([k, v]) => `${k}=${oneLine(typeof v === 'string' ? v : JSON.stringify(v))}`).join(', ')}`);
  for (const m of x.registryMatches) {
    const where = `${registryName ? `${registryName}: ` : ''}${m.kind === 'error' ? 'errors' : 'knownIssues'}[${m.index}]`;
    lines.push(`  registry ${where}: ${m.meaning ?? '(no meaning recorded)'}${m.workaround ? ` (workaround: ${m.workaround})` : ''}`);
  }
  return lines.join('\n') + '\n';
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
