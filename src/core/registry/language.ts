// Editor-agnostic completion and hover for registry files, driven by the field specs in fieldDocs.ts.
// The VS Code adapters convert these items; offsets are UTF-16, like everything in src/core.
import { createScanner, findNodeAtOffset, getLocation, getNodePath, type Location, type Node } from 'jsonc-parser';
import { MAX_JSON_DEPTH, excessiveNestingAt } from '../jsonDepth';
import { SCIM_TYPES, URN } from '../scim/types';
import type { OffsetRange } from '../text';
import { findingCode, findingCodeInfo } from './findingCodes';
import { registrySpec } from './fieldDocs';
import { markdownOf, specAt, type FieldSpec } from './fieldSpec';
import { atPath, childValue, nodeRange, Token } from './jsonText';
import type { JsonPath } from './model';
import { parseDocument } from './parse';

export interface CompletionItem {
  label: string;
  kind: 'property' | 'value';
  /** Replaces `range`. Snippet syntax (`$1`, `${1|a,b|}`) when `isSnippet`. */
  insertText: string;
  isSnippet: boolean;
  /** Markdown. */
  documentation: string;
  /** One line: the type, "required", the default. */
  detail: string;
  /** The text the item replaces (the partial key or value under the cursor; empty at an insertion point). */
  range: OffsetRange;
  sortText: string;
}

export interface Hover {
  markdown: string;
  range: OffsetRange;
}

const EXTENSION_URNS: Record<string, string> = {
  [URN.enterpriseUser]: 'The enterprise user extension (RFC 7643 §4.3): employeeNumber, costCenter, organization, division, department, manager.',
};

/**
 * jsonc-parser's location of `offset`, or undefined when the text before it nests too deep to walk (getLocation
 * recurses once per level); editors offer nothing there rather than overflow the stack.
 */
export function locationAt(text: string, offset: number): Location | undefined {
  return excessiveNestingAt(text, MAX_JSON_DEPTH, offset) < 0 ? getLocation(text, offset) : undefined;
}

export function completionsAt(text: string, offset: number): CompletionItem[] {
  const doc = parseDocument(text);
  const loc = doc.tooDeepAt === undefined ? locationAt(text, offset) : undefined;
  if (!loc) return [];
  const prev = loc.previousNode;
  if (loc.isAtPropertyKey) {
    const parentPath = loc.path.slice(0, -1);
    const parentSpec = specAt(registrySpec, parentPath);
    if (!parentSpec?.properties) return [];
    const objectNode = atPath(doc.root, parentPath);
    // jsonc-parser reports the key under the cursor as a node of type 'property' holding the key's range.
    const editingKey = (prev?.type === 'string' || prev?.type === 'property') && prev.offset <= offset && offset <= prev.offset + prev.length ? prev : undefined;
    const range = editingKey ? nodeRange(editingKey) : { start: offset - bareWordBefore(text, offset).length, end: offset };
    const colonFollows = editingKey ? nextToken(text, editingKey.offset + editingKey.length) === Token.Colon : false;
    const existing = new Set((objectNode?.children ?? []).map((p) => p.children?.[0]?.value).filter((k) => k !== editingKey?.value));
    const authType = parentPath[parentPath.length - 1] === 'auth' ? childValue(objectNode, 'type')?.value : undefined;
    return Object.entries(parentSpec.properties)
      .filter(([name]) => !existing.has(name))
      .filter(([, spec]) => typeof authType !== 'string' || !spec.appliesTo || spec.appliesTo.includes(authType))
      .map(([name, spec], i) => ({
        label: name,
        kind: 'property' as const,
        insertText: colonFollows ? JSON.stringify(name) : `${JSON.stringify(name)}: ${valueSnippet(spec)}`,
        isSnippet: !colonFollows,
        documentation: fieldMarkdown(name, spec),
        detail: detailOf(spec, parentSpec.required?.includes(name) ?? false),
        range,
        sortText: `${parentSpec.required?.includes(name) ? 0 : 1}${String(i).padStart(3, '0')}`,
      }))
      .sort((a, b) => a.sortText.localeCompare(b.sortText));
  }
  const spec = specAt(registrySpec, loc.path);
  if (!spec) return [];
  const editing = prev && prev.type !== 'object' && prev.type !== 'array' && prev.offset <= offset && offset <= prev.offset + prev.length ? prev : undefined;
  const range = editing ? nodeRange(editing) : { start: offset, end: offset };
  const field = String([...loc.path].reverse().find((s) => typeof s === 'string') ?? '');
  const values = valueChoices(spec, doc.root, loc.path, editing);
  const items: CompletionItem[] = values.map((v, i) => ({
    label: typeof v.value === 'string' ? v.value : String(v.value),
    kind: 'value',
    insertText: JSON.stringify(v.value),
    isSnippet: false,
    documentation: v.doc,
    detail: v.detail ?? field,
    range,
    sortText: String(i).padStart(4, '0'),
  }));
  if (!editing && (spec.type === 'object' || spec.type === 'array')) {
    items.push({
      label: spec.type === 'object' ? '{}' : '[]',
      kind: 'value',
      insertText: valueSnippet(spec),
      isSnippet: true,
      documentation: markdownOf(spec),
      detail: detailOf(spec, false),
      range,
      sortText: '9999',
    });
  }
  return items;
}

interface Choice {
  value: string | number | boolean;
  doc: string;
  detail?: string;
}

function valueChoices(spec: FieldSpec, root: Node | undefined, path: JsonPath, editing: Node | undefined): Choice[] {
  if (spec.enum) return spec.enum.map((v) => ({ value: v, doc: spec.enumDocs?.[String(v)] ?? spec.description }));
  if (spec.type === 'boolean') {
    return [true, false].map((v) => ({ value: v, doc: markdownOf(spec) + (spec.default === v ? '\n\nThis is the default.' : '') }));
  }
  // Values already listed in the same array are not offered again, except the one being edited (matched by
  // offset: getLocation and parseTree build separate nodes).
  const taken = new Set(
    (atPath(root, path.slice(0, -1))?.children ?? []).filter((n) => n.offset !== editing?.offset).map((n) => n.value).filter((v) => typeof v === 'string'),
  );
  switch (spec.suggestions) {
    case 'findingCodes':
      return findingCodeInfo.filter((i) => !taken.has(i.code)).map((i) => ({ value: i.code, doc: i.meaning, detail: `${i.source} finding` }));
    case 'schemaExtensions':
      return Object.entries(EXTENSION_URNS).filter(([u]) => !taken.has(u)).map(([value, doc]) => ({ value, doc }));
    case 'scimTypes':
      return Object.entries(SCIM_TYPES).map(([value, doc]) => ({ value, doc }));
    default: {
      const out: Choice[] = [];
      if (spec.default !== undefined && typeof spec.default !== 'object' && spec.default !== null) {
        out.push({ value: spec.default, doc: `The default. ${markdownOf(spec)}`, detail: 'default' });
      }
      for (const example of spec.examples ?? []) {
        if ((typeof example === 'string' || typeof example === 'number') && example !== spec.default) {
          out.push({ value: example, doc: `An example. ${markdownOf(spec)}`, detail: 'example' });
        }
      }
      return out;
    }
  }
}

/** A snippet for a field's value: enum choices, a boolean choice, or an empty literal of the right type. */
export function valueSnippet(spec: FieldSpec, counter = { n: 1 }): string {
  if (spec.valueSnippet) return spec.valueSnippet;
  const tab = counter.n++;
  if (spec.enum) {
    const choices = spec.enum.map(String).join(',');
    return typeof spec.enum[0] === 'string' ? `"\${${tab}|${choices}|}"` : `\${${tab}|${choices}|}`;
  }
  switch (Array.isArray(spec.type) ? spec.type[0] : spec.type) {
    case 'boolean':
      return `\${${tab}|${spec.default === true ? 'true,false' : 'false,true'}|}`;
    case 'integer':
    case 'number':
      return `\${${tab}:${typeof spec.default === 'number' ? spec.default : (spec.examples?.[0] ?? 0)}}`;
    case 'array':
      return `[$${tab}]`;
    case 'object': {
      const required = spec.required ?? [];
      if (required.length === 0 || !spec.properties) return `{$${tab}}`;
      counter.n--;
      const parts = required.map((name) => `${JSON.stringify(name)}: ${valueSnippet(spec.properties?.[name] ?? { type: 'string', description: '' }, counter)}`);
      return `{ ${parts.join(', ')}$0 }`;
    }
    default:
      return `"$${tab}"`;
  }
}

function typeLabel(spec: FieldSpec): string {
  return Array.isArray(spec.type) ? spec.type.join(' | ') : String(spec.type);
}

function detailOf(spec: FieldSpec, required: boolean): string {
  const parts = [typeLabel(spec)];
  if (required) parts.push('required');
  if (spec.default !== undefined) parts.push(`default ${JSON.stringify(spec.default)}`);
  return parts.join(' · ');
}

function fieldMarkdown(name: string, spec: FieldSpec): string {
  const lines = [`**${name}** · \`${typeLabel(spec)}\`${spec.default !== undefined ? ` · default \`${JSON.stringify(spec.default)}\`` : ''}`, '', markdownOf(spec)];
  if (spec.appliesTo) lines.push('', `Used with auth type: ${spec.appliesTo.map((t) => `\`${t}\``).join(', ')}.`);
  if (spec.enum) {
    lines.push('', ...spec.enum.map((v) => `- \`${String(v)}\`${spec.enumDocs?.[String(v)] ? `: ${spec.enumDocs[String(v)]}` : ''}`));
  }
  return lines.join('\n');
}

function pathLabel(path: JsonPath): string {
  const rel = path[0] === 'applications' && typeof path[1] === 'number' ? path.slice(2) : path;
  return rel.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]') || 'applications[]';
}

export function hoverAt(text: string, offset: number): Hover | undefined {
  const doc = parseDocument(text);
  if (!doc.root) return undefined;
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node) return undefined;
  const parent = node.parent;
  if (parent?.type === 'property' && parent.children?.[0] === node) {
    const valueNode = parent.children[1];
    const path = valueNode ? getNodePath(valueNode) : [...(parent.parent ? getNodePath(parent.parent) : []), String(node.value)];
    const spec = specAt(registrySpec, path);
    if (!spec) return undefined;
    return { markdown: fieldMarkdown(pathLabel(path), spec), range: nodeRange(node) };
  }
  if (node.type === 'object' || node.type === 'array' || node.type === 'property') return undefined;
  const path = getNodePath(node);
  const spec = specAt(registrySpec, path);
  if (!spec) return undefined;
  const value = node.value as unknown;
  const name = pathLabel(path);
  const enumDoc = spec.enumDocs?.[String(value)];
  if (enumDoc !== undefined) {
    return { markdown: `**${name}**: \`${String(value)}\`\n\n${enumDoc}\n\n---\n\n${markdownOf(spec)}`, range: nodeRange(node) };
  }
  if (spec.suggestions === 'findingCodes' && typeof value === 'string') {
    const info = findingCode(value);
    const markdown = info ? `**${info.code}** (${info.source} finding)\n\n${info.meaning}` : `\`${value}\` is not a known finding code.`;
    return { markdown, range: nodeRange(node) };
  }
  if (spec.suggestions === 'scimTypes' && typeof value === 'string' && SCIM_TYPES[value]) {
    return { markdown: `**scimType** \`${value}\`\n\n${SCIM_TYPES[value]}`, range: nodeRange(node) };
  }
  if (spec.suggestions === 'schemaExtensions' && typeof value === 'string' && EXTENSION_URNS[value]) {
    return { markdown: `\`${value}\`\n\n${EXTENSION_URNS[value]}`, range: nodeRange(node) };
  }
  return { markdown: fieldMarkdown(name, spec), range: nodeRange(node) };
}

/** An unquoted partial key (`dea|`) is replaced too, so accepting `deactivation` does not leave `dea` behind. */
function bareWordBefore(text: string, offset: number): string {
  return /[A-Za-z0-9_$-]*$/.exec(text.slice(Math.max(0, offset - 100), offset))?.[0] ?? '';
}

function nextToken(text: string, offset: number): number {
  const scanner = createScanner(text, true);
  scanner.setPosition(offset);
  let kind = scanner.scan();
  while (kind === Token.LineComment || kind === Token.BlockComment) kind = scanner.scan();
  return kind;
}
