// The inspector's explanation as hover Markdown, shared by the request-file result decoration and the hover of
// error bodies in payload files. Text that comes from a server (detail, vendor fields) or a registry is appended
// as plain text, so it can never turn into a link or markup.
import * as vscode from 'vscode';
import type { Explanation } from '../../core/inspect';
import type { Application } from '../../core/registry';
import { findingCodeTarget } from '../shared/findingLinks';

export interface ExplanationContext {
  extensionUri: vscode.Uri;
  /** The application the response came from (its registry entries are the matches). */
  app?: Application;
  /** Where that application is defined, e.g. `scim-registry.jsonc`. */
  registryLabel?: string;
}

export function appendExplanation(md: vscode.MarkdownString, x: Explanation, ctx: ExplanationContext): vscode.MarkdownString {
  const head = [x.status !== null ? String(x.status) : 'status unknown', x.category, x.scimType ? `scimType \`${x.scimType}\`` : undefined, x.bodyKind].filter(Boolean).join(' · ');
  md.appendMarkdown(`**SCIM error explained**: ${head}\n\n`);
  if (x.detail) {
    md.appendMarkdown('*detail*: ');
    md.appendText(oneLine(x.detail));
    md.appendMarkdown('\n\n');
  }
  md.appendText(x.meaning);
  md.appendMarkdown(`\n\n*retryable*: ${x.retryable ? 'yes' : 'no'}${x.retryAfterSeconds !== null ? ` (after ${x.retryAfterSeconds} s)` : ''}\n\n`);
  if (x.deviations.length > 0) {
    md.appendMarkdown('*Deviations from RFC 7644:*\n\n');
    for (const d of x.deviations) {
      md.appendMarkdown(`- [\`${d.code}\`](${findingCodeTarget(ctx.extensionUri, d.code).toString()}) `);
      md.appendText(d.message);
      md.appendMarkdown('\n');
    }
    md.appendMarkdown('\n');
  }
  appendRegistryMatches(md, x, ctx);
  return md;
}

function appendRegistryMatches(md: vscode.MarkdownString, x: Explanation, ctx: ExplanationContext): void {
  if (!ctx.app) {
    md.appendMarkdown('*Registry*: no application known for this response, so no registry entry was matched.\n\n');
    return;
  }
  const where = `${ctx.registryLabel ? `${ctx.registryLabel}, ` : ''}application \`${ctx.app.id}\``;
  if (x.registryMatches.length === 0) {
    md.appendMarkdown(`*Registry* (${where}): no \`errors\` or \`knownIssues\` entry matches.\n\n`);
    return;
  }
  md.appendMarkdown(`*Registry* (${where}):\n\n`);
  for (const m of x.registryMatches) {
    md.appendMarkdown(`- \`${m.kind === 'error' ? 'errors' : 'knownIssues'}[${m.index}]\`: `);
    md.appendText(m.meaning ?? '(no meaning recorded)');
    if (m.workaround) {
      md.appendMarkdown(' — *workaround*: ');
      md.appendText(m.workaround);
    }
    md.appendMarkdown('\n');
  }
  md.appendMarkdown('\n');
}

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > 400 ? `${flat.slice(0, 397)}...` : flat;
}
