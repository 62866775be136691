// Small helpers over jsonc-parser's offset tree: ranges of nodes and of characters inside JSON strings.
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import type { OffsetRange } from '../text';
import type { JsonPath } from './model';

export function nodeRange(node: Node): OffsetRange {
  return { start: node.offset, end: node.offset + node.length };
}

/** The `"key": value` property node for a value node, when it has one. */
export function propertyOf(node: Node): Node | undefined {
  return node.parent?.type === 'property' ? node.parent : undefined;
}

export function keyNodeOf(valueNode: Node): Node | undefined {
  return propertyOf(valueNode)?.children?.[0];
}

/** The value of `key`; with a repeated key the last one, as JSON.parse and getNodeValue read it. */
export function childValue(objectNode: Node | undefined, key: string): Node | undefined {
  if (objectNode?.type !== 'object') return undefined;
  let found: Node | undefined;
  for (const prop of objectNode.children ?? []) {
    if (prop.children?.[0]?.value === key) found = prop.children[1];
  }
  return found;
}

/** Property key nodes that repeat an earlier key in the same object (JSON leaves their meaning undefined). */
export function duplicateKeyNodes(objectNode: Node): Node[] {
  const seen = new Set<unknown>();
  const out: Node[] = [];
  for (const prop of objectNode.children ?? []) {
    const key = prop.children?.[0];
    if (!key) continue;
    if (seen.has(key.value)) out.push(key);
    seen.add(key.value);
  }
  return out;
}

export function atPath(root: Node | undefined, path: JsonPath): Node | undefined {
  return root ? findNodeAtLocation(root, path) : undefined;
}

export interface DecodedString {
  value: string;
  /** offsets[i] is the source offset of decoded character i; offsets[value.length] is the closing quote. */
  offsets: number[];
}

/**
 * Decodes a JSON string node, keeping for every decoded character the offset it came from, so that a range
 * computed on the value (a filter parse error, a URL suffix) can be mapped back into the file even across
 * escapes such as \" or \u00e9.
 */
export function decodeStringNode(text: string, node: Node): DecodedString {
  const start = node.offset + 1;
  const closing = node.offset + node.length - 1;
  const end = text.charCodeAt(closing) === 34 && closing >= start ? closing : node.offset + node.length;
  let value = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const ch = text[i] ?? '';
    if (ch !== '\\') {
      value += ch;
      offsets.push(i);
      i++;
      continue;
    }
    const esc = text[i + 1] ?? '';
    const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
    if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      offsets.push(i);
      i += 6;
    } else if (simple[esc] !== undefined) {
      value += simple[esc];
      offsets.push(i);
      i += 2;
    } else {
      value += esc;
      offsets.push(i);
      i += 2;
    }
  }
  offsets.push(end);
  return { value, offsets };
}

/** Maps [start, end) within a decoded string back to file offsets. */
export function rangeInString(decoded: DecodedString, start: number, end: number): OffsetRange {
  const clamp = (n: number): number => Math.max(0, Math.min(n, decoded.value.length));
  const s = decoded.offsets[clamp(start)] ?? 0;
  const e = decoded.offsets[clamp(end)] ?? s;
  return { start: s, end: Math.max(s, e) };
}

/** The JSON source text for a string value. */
export function jsonString(value: string): string {
  return JSON.stringify(value);
}

/**
 * jsonc-parser's SyntaxKind is a const enum, which isolatedModules cannot read; these are its values.
 */
export const Token = {
  Comma: 5,
  Colon: 6,
  LineComment: 12,
  BlockComment: 13,
  LineBreak: 14,
  Trivia: 15,
} as const;

/**
 * The value of a node as JSON.parse would build it: plain objects (jsonc-parser's getNodeValue makes
 * null-prototype ones, which surprise callers) and, for a repeated key, the last value.
 */
export function plainValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k || !v) continue;
        // defineProperty, so a "__proto__" key stays data instead of replacing the prototype.
        Object.defineProperty(out, String(k.value), { value: plainValue(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(plainValue);
    default:
      return node.value;
  }
}
