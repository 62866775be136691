// The nodes of the Registry view: registry files (and transient registries such as the running sandbox), their
// applications, and each application's fields of interest. Values come from files as written, so every field is
// type-checked here before it is shown; a wrong type shows as "?" rather than breaking the tree.
import * as vscode from 'vscode';
import { observedSummary, type Application, type ParsedApplication } from '../../core/registry';
import type { OffsetRange } from '../../core/text';
import { appLabel, type RegistryFile } from './registryFiles';

export type RegistryNode = FileNode | AppNode | FieldNode;

export interface FileNode {
  kind: 'file';
  id: string;
  file: RegistryFile;
  /** Set for transient registries (the running sandbox). */
  transient?: { label: string; description?: string };
}

export interface AppNode {
  kind: 'app';
  id: string;
  parent: FileNode;
  app: ParsedApplication;
}

export interface FieldNode {
  kind: 'field';
  id: string;
  parent: AppNode | FieldNode;
  label: string;
  description: string;
  icon: string;
  tooltip?: string;
  /** The `"key": value` in the file, for reveal. */
  range?: OffsetRange;
  children: FieldNode[];
}

const AUTH_ICONS: Record<string, string> = {
  bearer: 'key',
  apiKey: 'symbol-key',
  basic: 'account',
  oauth2ClientCredentials: 'shield',
  none: 'unlock',
};

const VERDICT_MARKS: Record<string, string> = { pass: '✓', warn: '⚠', fail: '✗', error: '⨯' };

export function authIcon(app: Application): string {
  const type = isObject(app.auth) && typeof app.auth.type === 'string' ? app.auth.type : '';
  return AUTH_ICONS[type] ?? 'question';
}

/** The worst verdict over the probes (so one failing probe shows), with the probe and date of the latest run. */
export function appDescription(app: Application): string {
  const summary = observedSummary(app);
  if (!summary.verdict) return 'not probed';
  const latest = summary.probes[0];
  const which = summary.probes.length === 1 && latest ? latest.probe : `${summary.probes.length} probes`;
  return `${VERDICT_MARKS[summary.verdict] ?? ''} ${summary.verdict} · ${which} ${(summary.lastRun ?? '').slice(0, 10)}`.trim();
}

export function fileNodeId(file: RegistryFile): string {
  return `file:${file.uri.toString()}`;
}

export function appNodes(parent: FileNode): AppNode[] {
  return parent.file.parsed.applications.map((app) => ({ kind: 'app', id: `${parent.id}#${app.index}`, parent, app }));
}

export function fieldNodes(node: AppNode): FieldNode[] {
  const { app } = node.app;
  const parsed = node.parent.file.parsed;
  const at = (key: string): OffsetRange | undefined => parsed.rangeOf(['applications', node.app.index, key], 'property');
  const out: FieldNode[] = [];
  const field = (key: string, label: string, description: string, icon: string, extra: Partial<FieldNode> = {}): FieldNode => {
    const f: FieldNode = { kind: 'field', id: `${node.id}/${key}`, parent: node, label, description, icon, children: [], ...extra };
    const range = at(key);
    if (range && !f.range) f.range = range;
    out.push(f);
    return f;
  };
  if (app.baseUrl !== undefined) field('baseUrl', 'baseUrl', str(app.baseUrl), 'link');
  if (isObject(app.auth)) {
    const secret = typeof app.auth.secret === 'string' ? ` · secret ${app.auth.secret}` : '';
    field('auth', 'auth', `${str(app.auth.type)}${secret}`, authIcon(app));
  }
  if (isObject(app.endpoints)) field('endpoints', 'endpoints', endpointsText(app.endpoints), 'plug');
  if (isObject(app.deactivation)) {
    const d = app.deactivation;
    const delay = d.contract === 'delayed' && typeof d.delaySeconds === 'number' ? ` (${d.delaySeconds} s)` : '';
    field('deactivation', 'deactivation', `${str(d.contract)}${delay}`, 'circle-slash');
  }
  if (isObject(app.pagination)) field('pagination', 'pagination', paginationText(app.pagination), 'list-ordered');
  if (isObject(app.rateLimit)) field('rateLimit', 'rate limit', rateLimitText(app.rateLimit), 'dashboard');
  if (Array.isArray(app.knownIssues)) {
    const issues = field('knownIssues', 'known issues', count(app.knownIssues.length, 'issue'), 'bug');
    issues.children = app.knownIssues.map((issue, i) => ({
      kind: 'field' as const,
      id: `${issues.id}/${i}`,
      parent: issues,
      label: isObject(issue) ? str(issue.summary) : '?',
      description: isObject(issue) && Array.isArray(issue.codes) ? issue.codes.map(String).join(', ') : '',
      icon: 'issues',
      tooltip: isObject(issue) && typeof issue.workaround === 'string' ? `Workaround: ${issue.workaround}` : undefined,
      range: parsed.rangeOf(['applications', node.app.index, 'knownIssues', i]),
      children: [],
    }));
  }
  if (Array.isArray(app.schemaExtensions)) {
    const ext = field('schemaExtensions', 'schema extensions', count(app.schemaExtensions.length, 'extension'), 'extensions');
    ext.children = app.schemaExtensions.map((urn, i) => ({
      kind: 'field' as const,
      id: `${ext.id}/${i}`,
      parent: ext,
      label: str(urn).split(':').pop() ?? str(urn),
      description: str(urn),
      icon: 'symbol-namespace',
      range: parsed.rangeOf(['applications', node.app.index, 'schemaExtensions', i]),
      children: [],
    }));
  }
  if (isObject(app.observed)) {
    const obs = field('observed', 'observed', appDescription(app), 'beaker');
    obs.children = Object.entries(app.observed).map(([probe, o]) => ({
      kind: 'field' as const,
      id: `${obs.id}/${probe}`,
      parent: obs,
      label: probe,
      description: isObject(o) ? `${str(o.verdict)} · ${str(o.lastRun)}` : '?',
      icon: isObject(o) ? verdictIcon(String(o.verdict)) : 'question',
      tooltip: isObject(o) && typeof o.summary === 'string' ? o.summary : undefined,
      range: parsed.rangeOf(['applications', node.app.index, 'observed', probe], 'property'),
      children: [],
    }));
  }
  return out;
}

function verdictIcon(verdict: string): string {
  return ({ pass: 'pass', warn: 'warning', fail: 'error', error: 'error' } as Record<string, string>)[verdict] ?? 'question';
}

function endpointsText(e: Record<string, unknown>): string {
  const names: [string, string][] = [['users', 'Users'], ['groups', 'Groups'], ['bulk', 'Bulk'], ['search', '.search'],
    ['serviceProviderConfig', 'SPC'], ['resourceTypes', 'ResourceTypes'], ['schemas', 'Schemas']];
  const on = names.filter(([k]) => e[k] === true).map(([, l]) => l);
  const off = names.filter(([k]) => e[k] === false).map(([, l]) => l);
  return [on.join(', '), off.length ? `no ${off.join(', ')}` : ''].filter(Boolean).join(' · ');
}

function paginationText(p: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof p.maxPageSize === 'number') parts.push(`max ${p.maxPageSize}/page`);
  if (typeof p.defaultPageSize === 'number') parts.push(`default ${p.defaultPageSize}`);
  if (typeof p.startIndexBase === 'number') parts.push(`startIndex ${p.startIndexBase}-based`);
  if (p.totalResultsConsistent === false) parts.push('totals drift');
  if (p.cursor === true) parts.push('cursor');
  return parts.join(' · ') || 'declared';
}

function rateLimitText(r: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof r.requestsPerSecond === 'number') parts.push(`${r.requestsPerSecond}/s`);
  if (typeof r.requestsPerMinute === 'number') parts.push(`${r.requestsPerMinute}/min`);
  if (typeof r.burst === 'number') parts.push(`burst ${r.burst}`);
  if (typeof r.retryAfter === 'string') parts.push(`Retry-After ${r.retryAfter}`);
  return parts.join(' · ') || 'declared';
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function str(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '?';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function treeItemOf(node: RegistryNode): vscode.TreeItem {
  switch (node.kind) {
    case 'file': {
      const apps = node.file.parsed.applications.length;
      const label = node.transient?.label ?? vscode.workspace.asRelativePath(node.file.uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
      const item = new vscode.TreeItem(label, apps ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.transient?.description ?? (node.file.parsed.findings.length ? 'has syntax errors' : count(apps, 'application'));
      item.iconPath = node.transient ? new vscode.ThemeIcon('vm-running') : new vscode.ThemeIcon('book');
      item.resourceUri = node.file.uri;
      item.contextValue = node.transient ? 'scimTransientRegistry' : 'scimRegistryFile';
      item.command = { command: 'scimWorkbench.registry.reveal', title: 'Open', arguments: [node.file.uri.toString()] };
      return item;
    }
    case 'app': {
      const { app } = node.app;
      const id = typeof app.id === 'string' && app.id ? app.id : `application ${node.app.index + 1}`;
      const named = typeof app.name === 'string' && app.name !== '';
      // The name reads best; the id (what the CLI's --app takes) leads the description when both exist.
      const item = new vscode.TreeItem(named ? String(app.name) : id, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.description = named ? `${id} · ${appDescription(app)}` : appDescription(app);
      item.iconPath = new vscode.ThemeIcon(authIcon(node.app.app));
      item.tooltip = new vscode.MarkdownString(`**${appLabel(node.app)}**\n\n${str(node.app.app.baseUrl)}\n\nLast probe: ${appDescription(node.app.app)}`);
      item.contextValue = 'scimApplication';
      // Select the id line rather than the whole (long) entry; the entry itself is scrolled into view.
      const idProperty = node.parent.file.parsed.rangeOf(['applications', node.app.index, 'id'], 'property');
      item.command = revealCommand(node.parent.file, idProperty ?? node.app.range);
      return item;
    }
    case 'field': {
      const item = new vscode.TreeItem(node.label, node.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = node.description;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      if (node.tooltip) item.tooltip = node.tooltip;
      item.contextValue = 'scimRegistryField';
      const file = fileOf(node);
      if (node.range) item.command = revealCommand(file, node.range);
      return item;
    }
  }
}

export function fileOf(node: RegistryNode): RegistryFile {
  let n: RegistryNode = node;
  while (n.kind !== 'file') n = n.parent;
  return n.file;
}

function revealCommand(file: RegistryFile, range: OffsetRange): vscode.Command {
  return { command: 'scimWorkbench.registry.reveal', title: 'Reveal in File', arguments: [file.uri.toString(), range.start, range.end] };
}
