// The registry lint: syntax, schema, then the rules a schema cannot express. Codes are documented in the
// README ("Registry finding codes") and listed in findingCodes.ts.
import type { Node } from 'jsonc-parser';
import { sortFindings, type Finding } from '../findings';
import type { OffsetRange } from '../text';
import { filterFindings } from './filterRule';
import { findingCode, suggestFindingCode } from './findingCodes';
import { matcherOf } from '../inspect/registryMatch';
import { childValue, decodeStringNode, duplicateKeyNodes, nodeRange, rangeInString } from './jsonText';
import { applicationNodes, parseDocument, syntaxFindings, type RegistryDocument } from './parse';
import { schemaFindings } from './schemaRule';
import { secretFindings } from './secretRules';

export function lintRegistry(text: string): Finding[] {
  return lintDocument(parseDocument(text));
}

export function lintDocument(doc: RegistryDocument): Finding[] {
  const findings = [...syntaxFindings(doc), ...schemaFindings(doc)];
  const apps = applicationNodes(doc).map((a) => a.node);
  findings.push(...duplicateIdFindings(apps));
  for (const app of apps) {
    findings.push(
      ...baseUrlFindings(app, doc.text),
      ...filterFindings(app, doc.text),
      ...knownIssueFindings(app),
      ...extensionFindings(app),
      ...deactivationFindings(app),
      ...productionWriteFindings(app, doc.text),
      ...errorMatchFindings(app),
    );
  }
  if (doc.root) findings.push(...duplicateKeyFindings(doc.root), ...secretFindings(doc.root, apps, doc.text));
  return sortFindings(findings);
}

function duplicateKeyFindings(root: Node): Finding[] {
  const out: Finding[] = [];
  const visit = (node: Node): void => {
    if (node.type === 'object') {
      for (const key of duplicateKeyNodes(node)) {
        out.push({
          code: 'REGISTRY_DUPLICATE_KEY',
          severity: 'error',
          message: `"${String(key.value)}" appears twice in the same object; tools disagree on which one counts. Keep one.`,
          range: nodeRange(key),
        });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return out;
}

function duplicateIdFindings(apps: Node[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  for (const app of apps) {
    const id = childValue(app, 'id');
    if (id?.type !== 'string') continue;
    const value = String(id.value);
    // The CLI matches --app case-insensitively, so ids that differ only in case collide too.
    const first = seen.get(value.toLowerCase());
    if (first === undefined) {
      seen.set(value.toLowerCase(), value);
      continue;
    }
    out.push({
      code: 'REGISTRY_DUPLICATE_ID',
      severity: 'error',
      message:
        first === value
          ? `Another application already has the id "${value}"; ids must be unique (the CLI's --app and probe results use them).`
          : `The id "${value}" differs from "${first}" only in case; ids must be unique regardless of case.`,
      range: nodeRange(id),
    });
  }
  return out;
}

const RESOURCE_SUFFIX = /\/(Users|Groups|ServiceProviderConfigs?|ResourceTypes|Schemas|Bulk|Me|\.search)\/?$/i;

function baseUrlFindings(app: Node, text: string): Finding[] {
  const node = childValue(app, 'baseUrl');
  if (node?.type !== 'string') return [];
  const decoded = decodeStringNode(text, node);
  const value = decoded.value;
  const whole = nodeRange(node);
  // Same-length substitution keeps URL offsets aligned with the value.
  const probeable = value.replace(/\{\{[^{}]*\}\}/g, (m) => 'x'.repeat(m.length));
  let url: URL | undefined;
  try {
    url = new URL(probeable);
  } catch {
    url = undefined;
  }
  if (!url || !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const finding: Finding = {
      code: 'REGISTRY_BASEURL_SCHEME',
      severity: 'error',
      message: 'baseUrl must be an absolute URL starting with https:// (or http:// for a local sandbox).',
      range: whole,
    };
    if (value && !value.includes('://') && /^[\w.-]+(:\d+)?(\/|$)/.test(value)) {
      finding.fixes = [{ title: 'Add https://', edits: [{ range: { start: whole.start + 1, end: whole.start + 1 }, newText: 'https://' }], preferred: true }];
    }
    return [finding];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = value.indexOf(':');
    return [
      {
        code: 'REGISTRY_BASEURL_SCHEME',
        severity: 'error',
        message: `baseUrl uses "${url.protocol.slice(0, -1)}"; SCIM is served over https (or http for a local sandbox).`,
        range: rangeInString(decoded, 0, scheme),
      },
    ];
  }
  const suffix = RESOURCE_SUFFIX.exec(value);
  if (suffix && suffix.index > url.origin.length - 1) {
    const range = rangeInString(decoded, suffix.index, value.length);
    return [
      {
        code: 'REGISTRY_BASEURL_RESOURCE_SUFFIX',
        severity: 'error',
        message: `baseUrl ends with "${suffix[0]}"; it must be the service root (e.g. .../scim/v2). The runner appends /Users, /Groups and the rest itself.`,
        range,
        fixes: [{ title: `Remove "${suffix[0]}"`, edits: [{ range, newText: '' }], preferred: true }],
      },
    ];
  }
  if (value.endsWith('/')) {
    const range = rangeInString(decoded, value.length - 1, value.length);
    return [
      {
        code: 'REGISTRY_BASEURL_TRAILING_SLASH',
        severity: 'info',
        message: 'baseUrl ends with "/"; resource paths are appended with their own slash, so some servers would see "//Users".',
        range,
        fixes: [{ title: 'Remove the trailing slash', edits: [{ range, newText: '' }], preferred: true }],
      },
    ];
  }
  return [];
}

function stringItems(node: Node | undefined): Node[] {
  return node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
}

function knownIssueFindings(app: Node): Finding[] {
  const out: Finding[] = [];
  const issues = childValue(app, 'knownIssues');
  for (const issue of issues?.type === 'array' ? (issues.children ?? []) : []) {
    for (const code of stringItems(childValue(issue, 'codes'))) {
      const value = String(code.value);
      if (findingCode(value)) continue;
      const guess = suggestFindingCode(value);
      const finding: Finding = {
        code: 'REGISTRY_UNKNOWN_FINDING_CODE',
        severity: 'warning',
        message: `"${value}" is not a SCIM Workbench finding code${guess ? `; did you mean "${guess}"?` : '.'}`,
        range: nodeRange(code),
      };
      if (guess) finding.fixes = [{ title: `Change to "${guess}"`, edits: [{ range: nodeRange(code), newText: JSON.stringify(guess) }], preferred: true }];
      out.push(finding);
    }
  }
  return out;
}

/** errors[].match: a `/regex/flags` that does not compile would silently never match. */
function errorMatchFindings(app: Node): Finding[] {
  const out: Finding[] = [];
  const errors = childValue(app, 'errors');
  for (const entry of errors?.type === 'array' ? (errors.children ?? []) : []) {
    const match = childValue(entry, 'match');
    if (match?.type !== 'string' || matcherOf(String(match.value))) continue;
    out.push({
      code: 'REGISTRY_ERROR_MATCH_INVALID',
      severity: 'error',
      message: `"${String(match.value)}" is written as /regex/flags but is not a valid regular expression (or has unknown flags); write a plain substring or fix the expression.`,
      range: nodeRange(match),
    });
  }
  return out;
}

const URN_PATTERN = /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$/i;

function extensionFindings(app: Node): Finding[] {
  return stringItems(childValue(app, 'schemaExtensions'))
    .filter((n) => !URN_PATTERN.test(String(n.value)))
    .map((n) => ({
      code: 'REGISTRY_EXTENSION_NOT_URN',
      severity: 'error' as const,
      message: 'A schema extension is identified by its URN, e.g. "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User".',
      range: nodeRange(n),
    }));
}

function deactivationFindings(app: Node): Finding[] {
  const deactivation = childValue(app, 'deactivation');
  const contract = childValue(deactivation, 'contract');
  if (contract?.value !== 'delayed') return [];
  const delay = childValue(deactivation, 'delaySeconds');
  if (typeof delay?.value === 'number' && delay.value > 0) return [];
  return [
    {
      code: 'REGISTRY_DELAYED_WITHOUT_DELAY',
      severity: 'warning',
      message:
        'The contract is "delayed" but delaySeconds is ' +
        (delay ? '0' : 'missing') +
        ': record the worst-case seconds until access ends, so access reviews can account for the window.',
      range: nodeRange(contract),
    },
  ];
}

const NON_PRODUCTION_WORDS = new Set([
  'localhost', 'local', 'sandbox', 'staging', 'stage', 'stg', 'test', 'testing', 'tst', 'dev', 'develop',
  'development', 'qa', 'uat', 'preview', 'demo', 'nonprod', 'preprod', 'trial', 'mock',
]);

/**
 * The production heuristic (documented in the README): a host is non-production when it is loopback, uses a
 * reserved name (RFC 2606/6761: .test .example .invalid .localhost, example.com/.net/.org) or .local, or when
 * one of its labels, split at "-" and "_", is a word such as sandbox, staging, test, dev, qa, uat or preview.
 */
export function looksNonProduction(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0.0.0.0' || /^127\.\d+\.\d+\.\d+$/.test(h)) return true;
  if (/\.(test|example|invalid|localhost|local)$/.test(h) || /(^|\.)example\.(com|net|org)$/.test(h)) return true;
  return h.split('.').some((label) => label === 'non-prod' || label.split(/[-_]/).some((w) => NON_PRODUCTION_WORDS.has(w)));
}

function productionWriteFindings(app: Node, text: string): Finding[] {
  const allow = childValue(childValue(app, 'probe'), 'allowWrites');
  if (allow?.value !== true) return [];
  const environment = childValue(app, 'environment')?.value;
  let reason: string | undefined;
  if (environment === 'production') {
    reason = 'environment is "production"';
  } else if (environment === undefined) {
    const base = childValue(app, 'baseUrl');
    const value = base?.type === 'string' ? decodeStringNode(text, base).value : '';
    let host: string | undefined;
    try {
      host = new URL(value).hostname;
    } catch {
      host = undefined;
    }
    if (host && !looksNonProduction(host)) reason = `the host "${host}" looks like production`;
  }
  if (!reason) return [];
  const range: OffsetRange = nodeRange(allow);
  return [
    {
      code: 'REGISTRY_WRITES_ON_PRODUCTION',
      severity: 'warning',
      message:
        `probe.allowWrites is true but ${reason}: probes would create, change and delete test users there. ` +
        'Set it to false, or declare "environment" (staging, sandbox, development, test) if this is not production.',
      range,
      fixes: [{ title: 'Set allowWrites to false', edits: [{ range, newText: 'false' }] }],
    },
  ];
}
