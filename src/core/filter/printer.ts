// Canonical text of a filter or PATCH path: lower-case operators and keywords, JSON string escapes, attribute
// paths as written, and only the parentheses the tree needs (group nodes are ignored), so that
// parse(print(ast)) gives back the same tree without its group nodes.
import type { AttrPath, FilterNode, Literal, PatchPath } from './ast';

const PREC = { or: 1, and: 2, term: 3 } as const;

export function printAttrPath(p: AttrPath): string {
  const prefix = p.uri !== undefined ? p.uri + ':' : '';
  return prefix + p.name + (p.subAttr !== undefined ? '.' + p.subAttr : '');
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

export function printLiteral(l: Literal): string {
  const v = l.value;
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    // Keep the digits as written (large integers, trailing zeros) when they still mean this number.
    if (JSON_NUMBER.test(l.raw) && Number(l.raw) === v) return l.raw;
    return Number.isFinite(v) ? String(v) : 'null';
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return 'null';
}

function unwrap(node: FilterNode): FilterNode {
  let n = node;
  while (n.kind === 'group') n = n.inner;
  return n;
}

function print(node: FilterNode, context: number): string {
  const n = unwrap(node);
  switch (n.kind) {
    case 'group':
      return print(n.inner, context);
    case 'compare':
      return `${printAttrPath(n.path)} ${n.op} ${printLiteral(n.value)}`;
    case 'present':
      return `${printAttrPath(n.path)} pr`;
    case 'not':
      return `not (${print(n.operand, 0)})`;
    case 'valuePath':
      return `${printAttrPath(n.path)}[${print(n.filter, 0)}]`;
    case 'logical': {
      const prec = PREC[n.op];
      // Walk the left spine in a loop: long `a and b and c ...` chains are deep on the left.
      const rights: FilterNode[] = [];
      let head: FilterNode = n;
      for (;;) {
        const u = unwrap(head);
        if (u.kind !== 'logical' || u.op !== n.op) break;
        rights.push(u.right);
        head = u.left;
      }
      let text = print(head, prec);
      for (let i = rights.length - 1; i >= 0; i--) text += ` ${n.op} ${print(rights[i] as FilterNode, prec + 1)}`;
      return prec < context ? `(${text})` : text;
    }
  }
}

export function printFilter(node: FilterNode): string {
  return print(node, 0);
}

export function printPatchPath(p: PatchPath): string {
  let text = printAttrPath(p.attr);
  if (p.filter) text += `[${printFilter(p.filter)}]`;
  if (p.subAttr !== undefined) text += '.' + p.subAttr;
  return text;
}
