// "Add to known issues": a finding becomes an entry of its application's `knownIssues` (summary and code filled in),
// appended with a minimal edit so the rest of the file, comments included, stays as it was.
import { parseTree, findNodeAtLocation, type Node } from 'jsonc-parser';
import { detectStyle, promoteObservation, type WriteBackResult } from '../registry/writeBack';
import type { KnownIssue } from '../registry/model';
import type { ProbeFinding } from '../probes/types';
import { applyEdits, type TextEdit } from '../findings';

export function knownIssueFor(finding: Pick<ProbeFinding, 'code' | 'message'>, when: string): KnownIssue {
  return { summary: finding.message, codes: [finding.code], since: when.slice(0, 10) };
}

function appNodeOf(root: Node | undefined, appId: string): { node: Node; index: number } | undefined {
  const apps = root ? findNodeAtLocation(root, ['applications']) : undefined;
  const list = apps?.type === 'array' ? apps.children ?? [] : [];
  const matches = list.map((node, index) => ({ node, index }))
    .filter(({ node }) => findNodeAtLocation(node, ['id'])?.value === appId);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Appends `issue` to the application's knownIssues (creating the array when there is none). */
export function addKnownIssue(text: string, appId: string, issue: KnownIssue): WriteBackResult {
  const root = parseTree(text);
  const app = appNodeOf(root, appId);
  const list = app ? findNodeAtLocation(app.node, ['knownIssues']) : undefined;
  const last = list?.type === 'array' ? list.children?.[list.children.length - 1] : undefined;
  if (list && list.type !== 'array') return { ok: false, text, edits: [], error: `knownIssues of "${appId}" is not an array; fix it first.` };
  if (!list || !last) return promoteObservation(text, appId, ['knownIssues'], [issue]);
  const style = detectStyle(text);
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? '';
  const sameLine = !/[\r\n]/.test(text.slice(list.offset, list.offset + list.length));
  const end = last.offset + last.length;
  const entry = sameLine ? `, ${JSON.stringify(issue)}` : `,${style.eol}${indent}${JSON.stringify(issue, null, style.indent).split('\n').join(style.eol + indent)}`;
  const edits: TextEdit[] = [{ range: { start: end, end }, newText: entry }];
  const out = applyEdits(text, edits);
  const check = appNodeOf(parseTree(out), appId);
  const after = check ? findNodeAtLocation(check.node, ['knownIssues']) : undefined;
  if (after?.children?.length !== (list.children?.length ?? 0) + 1) return { ok: false, text, edits: [], error: 'Internal check failed: the known issue would not land; the file was left unchanged.' };
  return { ok: true, text: out, edits };
}
