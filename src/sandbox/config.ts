// `*.scim-sandbox.jsonc`: a user's own estate of vendor models. Linted on the offset tree (jsonc-parser) so
// every finding points at the exact key or value; parsed into StartOptions only when it has no errors.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, excessiveNestingAt } from '../core/jsonDepth';
import type { Finding, Fix } from '../core/findings';
import type { OffsetRange } from '../core/text';
import { suggest } from '../core/scim/suggest';
import { APP_ID_PATTERN } from './appId';
import type { AppSpec } from './appRuntime';
import { authProblems, tokenConflict, type SandboxAuthSpec } from './appAuth';
import { presetNames } from './presets';
import { checkQuirkValue, isQuirkName } from './quirks/specs';
import { QUIRK_NAMES, type QuirkOverrides } from './quirks/types';

export interface SandboxConfig {
  port?: number;
  token?: string;
  seed?: number;
  apps: AppSpec[];
}

export const SANDBOX_CODES = {
  syntax: 'SANDBOX_JSON_SYNTAX',
  invalidType: 'SANDBOX_INVALID_TYPE',
  invalidValue: 'SANDBOX_INVALID_VALUE',
  unknownProperty: 'SANDBOX_UNKNOWN_PROPERTY',
  missingProperty: 'SANDBOX_MISSING_PROPERTY',
  unknownProfile: 'SANDBOX_UNKNOWN_PROFILE',
  unknownQuirk: 'SANDBOX_UNKNOWN_QUIRK',
  invalidQuirkValue: 'SANDBOX_INVALID_QUIRK_VALUE',
  duplicateAppId: 'SANDBOX_DUPLICATE_APP_ID',
  invalidAppId: 'SANDBOX_INVALID_APP_ID',
} as const;

const TOP_KEYS = ['$schema', 'port', 'token', 'seed', 'apps'];
const APP_KEYS = ['id', 'profile', 'quirks', 'users', 'groups', 'token', 'auth'];
const MAX_SEEDED = 1_000_000;

function range(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

function properties(node: Node): { key: Node; value: Node | undefined; name: string }[] {
  return (node.children ?? []).flatMap((p) => {
    const key = p.children?.[0];
    return key ? [{ key, value: p.children?.[1], name: String(key.value) }] : [];
  });
}

function typeName(node: Node): string {
  return node.type === 'null' ? 'null' : node.type;
}

function renameFix(key: Node, to: string): Fix {
  return { title: `Change to '${to}'`, edits: [{ range: range(key), newText: JSON.stringify(to) }], preferred: true };
}

class Linter {
  readonly findings: Finding[] = [];

  report(code: string, severity: Finding['severity'], message: string, node: Node | OffsetRange, fixes?: Fix[]): void {
    const r = 'type' in node ? range(node) : node;
    this.findings.push({ code, severity, message, range: r, ...(fixes ? { fixes } : {}) });
  }

  unknownKey(key: Node, name: string, known: readonly string[], code: string, what: string): void {
    const guess = suggest(name, known);
    this.report(code, code === SANDBOX_CODES.unknownQuirk ? 'error' : 'warning',
      `Unknown ${what} '${name}'${guess ? `; did you mean '${guess}'?` : ''}`, key, guess ? [renameFix(key, guess)] : undefined);
  }

  integer(node: Node, name: string, min: number, max: number): void {
    if (node.type !== 'number') {
      this.report(SANDBOX_CODES.invalidType, 'error', `'${name}' must be a number, not ${typeName(node)}`, node);
    } else if (!Number.isInteger(node.value) || (node.value as number) < min || (node.value as number) > max) {
      this.report(SANDBOX_CODES.invalidValue, 'error', `'${name}' must be an integer from ${min} to ${max}`, node);
    }
  }

  string(node: Node, name: string): boolean {
    if (node.type === 'string' && String(node.value).length > 0) return true;
    this.report(node.type === 'string' ? SANDBOX_CODES.invalidValue : SANDBOX_CODES.invalidType, 'error',
      `'${name}' must be a non-empty string`, node);
    return false;
  }

  root(root: Node): void {
    if (root.type !== 'object') {
      this.report(SANDBOX_CODES.invalidType, 'error', 'A sandbox config is an object with an "apps" array', root);
      return;
    }
    let apps: Node | undefined;
    for (const { key, value, name } of properties(root)) {
      if (!value) continue;
      if (name === 'port') this.integer(value, 'port', 0, 65535);
      else if (name === 'seed') this.integer(value, 'seed', 0, 4294967295);
      else if (name === 'token') this.string(value, 'token');
      else if (name === 'apps') apps = value;
      else if (name !== '$schema') this.unknownKey(key, name, TOP_KEYS, SANDBOX_CODES.unknownProperty, 'property');
    }
    if (!apps) {
      this.report(SANDBOX_CODES.missingProperty, 'error', 'Missing "apps": list at least one application', { start: root.offset, end: root.offset + 1 });
    } else if (apps.type !== 'array') {
      this.report(SANDBOX_CODES.invalidType, 'error', `"apps" must be an array, not ${typeName(apps)}`, apps);
    } else if ((apps.children ?? []).length === 0) {
      this.report(SANDBOX_CODES.invalidValue, 'error', '"apps" must list at least one application', apps);
    } else {
      const ids = new Map<string, Node>();
      for (const app of apps.children ?? []) this.app(app, ids);
    }
  }

  app(node: Node, ids: Map<string, Node>): void {
    if (node.type !== 'object') {
      this.report(SANDBOX_CODES.invalidType, 'error', `An app is an object with "id" and "profile", not ${typeName(node)}`, node);
      return;
    }
    let hasId = false;
    let token: Node | undefined;
    let auth: Node | undefined;
    for (const { key, value, name } of properties(node)) {
      if (!value) continue;
      switch (name) {
        case 'id':
          hasId = true;
          if (!this.string(value, 'id')) break;
          if (!APP_ID_PATTERN.test(String(value.value))) {
            this.report(SANDBOX_CODES.invalidAppId, 'error', 'An app id is 1-64 letters, digits, ".", "_" or "-" (it becomes a URL path segment)', value);
          } else if (ids.has(String(value.value))) {
            this.report(SANDBOX_CODES.duplicateAppId, 'error', `Duplicate app id '${String(value.value)}'`, value);
          } else {
            ids.set(String(value.value), value);
          }
          break;
        case 'profile':
          if (!this.string(value, 'profile')) break;
          if (!presetNames.includes(String(value.value))) {
            const guess = suggest(String(value.value), presetNames);
            this.report(SANDBOX_CODES.unknownProfile, 'error',
              `Unknown profile '${String(value.value)}'${guess ? `; did you mean '${guess}'?` : ''} (known: ${presetNames.join(', ')})`,
              value, guess ? [renameFix(value, guess)] : undefined);
          }
          break;
        case 'users':
        case 'groups':
          this.integer(value, name, 0, MAX_SEEDED);
          break;
        case 'token':
          if (this.string(value, 'token')) token = key;
          break;
        case 'auth':
          auth = value;
          this.auth(value);
          break;
        case 'quirks':
          this.quirks(value);
          break;
        default:
          this.unknownKey(key, name, APP_KEYS, SANDBOX_CODES.unknownProperty, 'app property');
      }
    }
    if (!hasId) this.report(SANDBOX_CODES.missingProperty, 'error', 'An app needs an "id"', { start: node.offset, end: node.offset + 1 });
    const conflict = token && auth ? tokenConflict(nodeValue(auth)) : undefined;
    if (token && conflict) this.report(SANDBOX_CODES.invalidValue, 'error', conflict, token.parent ?? token);
  }

  auth(node: Node): void {
    for (const problem of authProblems(nodeValue(node))) {
      const field = properties(node).find((p) => p.name === problem.at);
      const spot = field && (problem.onKey ? field.key : (field.value ?? field.key));
      // A missing "type" is reported on the opening brace, like a missing "id".
      const target = spot ?? (problem.kind === 'missingProperty' ? { start: node.offset, end: node.offset + 1 } : node);
      const fix = spot && problem.suggestion ? [renameFix(spot, problem.suggestion)] : undefined;
      // Every problem is an error here, unknown properties too: a misspelt "pasword" would fall back to the sandbox token.
      this.report(SANDBOX_CODES[problem.kind], 'error', problem.message, target, fix);
    }
  }

  quirks(node: Node): void {
    if (node.type !== 'object') {
      this.report(SANDBOX_CODES.invalidType, 'error', `"quirks" must be an object, not ${typeName(node)}`, node);
      return;
    }
    for (const { key, value, name } of properties(node)) {
      if (!value) continue;
      if (!isQuirkName(name)) {
        this.unknownKey(key, name, QUIRK_NAMES, SANDBOX_CODES.unknownQuirk, 'quirk');
        continue;
      }
      const problem = checkQuirkValue(name, nodeValue(value));
      if (!problem) continue;
      const inner = problem.at ? properties(value).find((p) => p.name === problem.at) : undefined;
      this.report(SANDBOX_CODES.invalidQuirkValue, 'error', problem.message, inner ? (inner.value ?? inner.key) : value);
    }
  }
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(properties(node).map((p) => [p.name, p.value ? nodeValue(p.value) : undefined]));
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value as unknown;
  }
}

function parse(text: string): { root: Node | undefined; findings: Finding[] } {
  const deep = excessiveNestingAt(text);
  if (deep >= 0) {
    // The offset tree and the linter recurse per level: say where instead of overflowing the stack.
    return { root: undefined, findings: [{ code: SANDBOX_CODES.syntax, severity: 'error', message: `JSON syntax: nested more than ${MAX_JSON_DEPTH} levels deep; the file is not read`, range: { start: deep, end: deep + 1 } }] };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const findings: Finding[] = errors.map((e) => ({
    code: SANDBOX_CODES.syntax,
    severity: 'error',
    message: `JSON syntax: ${printParseErrorCode(e.error)}`,
    range: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  return { root, findings };
}

export function lintSandboxConfig(text: string): Finding[] {
  const { root, findings } = parse(text);
  if (!root) {
    if (findings.length === 0) findings.push({ code: SANDBOX_CODES.syntax, severity: 'error', message: 'The file is empty', range: { start: 0, end: 0 } });
    return findings;
  }
  const linter = new Linter();
  linter.root(root);
  return [...findings, ...linter.findings].sort((a, b) => a.range.start - b.range.start);
}

/** The config, when the text has no error findings; the findings either way. */
export function parseSandboxConfig(text: string): { config?: SandboxConfig; findings: Finding[] } {
  const findings = lintSandboxConfig(text);
  if (findings.some((f) => f.severity === 'error')) return { findings };
  const root = parseTree(text, [], { allowTrailingComma: true });
  const raw = (root ? nodeValue(root) : {}) as Record<string, unknown>;
  const apps = (raw['apps'] as Record<string, unknown>[]).map((a): AppSpec => ({
    id: a['id'] as string,
    ...(a['profile'] !== undefined ? { profile: a['profile'] as string } : {}),
    ...(a['quirks'] !== undefined ? { quirks: a['quirks'] as QuirkOverrides } : {}),
    ...(a['users'] !== undefined ? { users: a['users'] as number } : {}),
    ...(a['groups'] !== undefined ? { groups: a['groups'] as number } : {}),
    ...(a['token'] !== undefined ? { token: a['token'] as string } : {}),
    ...(a['auth'] !== undefined ? { auth: a['auth'] as SandboxAuthSpec } : {}),
  }));
  return {
    findings,
    config: {
      apps,
      ...(raw['port'] !== undefined ? { port: raw['port'] as number } : {}),
      ...(raw['token'] !== undefined ? { token: raw['token'] as string } : {}),
      ...(raw['seed'] !== undefined ? { seed: raw['seed'] as number } : {}),
    },
  };
}
