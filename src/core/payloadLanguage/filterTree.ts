// A readable tree of a parsed filter or PATCH path, for hover: shows how precedence grouped the expression.
import { parseFilter, parsePatchPath, printAttrPath, printFilter, printLiteral, type FilterNode, type ParseError } from '../filter';

function lines(node: FilterNode, out: string[], prefix: string, last: boolean, root: boolean): void {
  const branch = root ? '' : last ? '└─ ' : '├─ ';
  const childPrefix = root ? '' : prefix + (last ? '   ' : '│  ');
  const line = (s: string): void => { out.push(prefix + branch + s); };
  switch (node.kind) {
    case 'group':
      lines(node.inner, out, prefix, last, root);
      return;
    case 'compare':
      line(`${printAttrPath(node.path)} ${node.op} ${printLiteral(node.value)}`);
      return;
    case 'present':
      line(`${printAttrPath(node.path)} pr`);
      return;
    case 'not':
      line('not');
      lines(node.operand, out, childPrefix, true, false);
      return;
    case 'valuePath':
      line(`${printAttrPath(node.path)}[…]  (value filter)`);
      lines(node.filter, out, childPrefix, true, false);
      return;
    case 'logical': {
      line(node.op);
      // Flatten chains of the same operator: `a and b and c` reads as one node with three children.
      const children: FilterNode[] = [];
      const collect = (n: FilterNode): void => {
        let u = n;
        while (u.kind === 'group') u = u.inner;
        if (u.kind === 'logical' && u.op === node.op) {
          collect(u.left);
          collect(u.right);
        } else children.push(n);
      };
      collect(node.left);
      collect(node.right);
      children.forEach((c, i) => lines(c, out, childPrefix, i === children.length - 1, false));
    }
  }
}

function errorText(text: string, errors: ParseError[]): string {
  const e = errors[0];
  if (!e) return '';
  const caret = ' '.repeat(Math.max(0, e.range.start)) + '^'.repeat(Math.max(1, e.range.end - e.range.start));
  return ['**Syntax error**: ' + e.message, '', '```text', text, caret, '```'].join('\n');
}

export function filterTreeMarkdown(text: string): string {
  const r = parseFilter(text);
  if (!r.ast) return errorText(text, r.errors);
  const out: string[] = [];
  lines(r.ast, out, '', true, true);
  return ['**SCIM filter** (RFC 7644 §3.4.2.2)', '', '```text', ...out, '```', '', `Canonical: \`${printFilter(r.ast).replace(/`/g, "'")}\``].join('\n');
}

export function patchPathMarkdown(text: string): string {
  const r = parsePatchPath(text);
  if (!r.ast) return errorText(text, r.errors);
  const p = r.ast;
  const out = [`attribute: ${printAttrPath(p.attr)}`];
  if (p.attr.uri !== undefined) out.push(`  schema: ${p.attr.uri}`);
  if (p.filter) {
    out.push('value filter:');
    const f: string[] = [];
    lines(p.filter, f, '  ', true, true);
    out.push(...f);
  }
  if (p.subAttr !== undefined) out.push(`sub-attribute: ${p.subAttr}`);
  return ['**SCIM PATCH path** (RFC 7644 §3.5.2)', '', '```text', ...out, '```'].join('\n');
}
