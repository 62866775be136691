// Semantic checks of a parsed filter or PATCH path against the attribute model: what a server with the RFC
// schemas would reject (400 invalidFilter) or silently treat differently than the author expects.
import type { Finding, Fix } from '../findings';
import type { OffsetRange } from '../text';
import type { AttributeType } from '../scim/types';
import type { AttrPath, AttributeInfo, AttributeLookup, CompareOp, FilterNode, ParseError, PatchPath } from './ast';
import { looksLikeDateTime } from './dateTime';
import { closestName } from './suggest';

export const FILTER_CODES = {
  syntax: 'FILTER_SYNTAX',
  unknownAttribute: 'FILTER_UNKNOWN_ATTRIBUTE',
  operatorTypeMismatch: 'FILTER_OPERATOR_TYPE_MISMATCH',
  caseExact: 'FILTER_CASE_EXACT',
  valueTypeMismatch: 'FILTER_VALUE_TYPE_MISMATCH',
  operatorUnsupported: 'FILTER_OPERATOR_UNSUPPORTED',
} as const;

export interface CheckOptions {
  /** Operators the target supports (lower case: eq ne co sw ew gt ge lt le pr and or not); others are reported. */
  supportedOperators?: string[];
  /** False when the target rejects value filters (`emails[type eq "work"]`); they are then reported. */
  valueFilters?: boolean;
  /**
   * Candidate names for "did you mean" when `path.name` is unknown (top-level attributes, or the parent's
   * sub-attributes inside brackets). Without it, only sub-attributes known from the lookup are suggested.
   */
  suggest?: (path: AttrPath, parent?: AttrPath) => string[];
}

const ORDERING: ReadonlySet<CompareOp> = new Set(['gt', 'ge', 'lt', 'le']);
const SUBSTRING: ReadonlySet<CompareOp> = new Set(['co', 'sw', 'ew']);
const NON_STRING: ReadonlySet<AttributeType> = new Set(['boolean', 'integer', 'decimal']);
const STRINGY: ReadonlySet<AttributeType> = new Set(['string', 'reference', 'binary', 'dateTime']);

export function syntaxFindings(errors: ParseError[], base = 0): Finding[] {
  return errors.map((e) => ({
    code: FILTER_CODES.syntax,
    severity: 'error',
    message: e.message,
    range: { start: e.range.start + base, end: e.range.end + base },
  }));
}

/** Ranges of the name and sub-attribute inside a path written as one word `[uri:]name[.sub]`. */
function nameRange(p: AttrPath): OffsetRange {
  const start = p.range.start + (p.uri !== undefined ? p.uri.length + 1 : 0);
  return { start, end: start + p.name.length };
}

function subAttrRange(p: AttrPath): OffsetRange {
  const start = nameRange(p).end + 1;
  return { start, end: start + (p.subAttr ?? '').length };
}

function printPath(p: AttrPath): string {
  return p.name + (p.subAttr !== undefined ? '.' + p.subAttr : '');
}

class Checker {
  readonly findings: Finding[] = [];

  constructor(
    private readonly lookup: AttributeLookup,
    private readonly opts: CheckOptions,
    private readonly supported?: ReadonlySet<string>,
  ) {}

  private add(code: string, severity: Finding['severity'], message: string, range: OffsetRange, fixes?: Fix[]): void {
    const f: Finding = { code, severity, message, range };
    if (fixes && fixes.length > 0) f.fixes = fixes;
    this.findings.push(f);
  }

  operator(op: string, range: OffsetRange): void {
    if (!this.supported || this.supported.has(op)) return;
    const list = [...this.supported].join(', ');
    this.add(FILTER_CODES.operatorUnsupported, 'warning', `the target does not support '${op}' in filters (supported: ${list})`, range);
  }

  /** Resolves `path`; reports it as unknown (with a suggestion) when the lookup does not know it. */
  resolve(path: AttrPath, parent?: AttrPath): AttributeInfo | undefined {
    const found = this.lookup(path, parent);
    if (found) return found;
    const owner = parent ? this.lookup(parent) : undefined;
    const withoutSub: AttrPath = { kind: 'attrPath', name: path.name, range: path.range };
    if (path.uri !== undefined) withoutSub.uri = path.uri;
    if (path.subAttr !== undefined) {
      const base = this.lookup(withoutSub, parent);
      if (base) {
        const names = (base.subAttributes ?? []).map((s) => s.name);
        this.unknown(path.subAttr, `sub-attribute '${path.subAttr}' of '${path.name}'`, subAttrRange(path), names);
        return undefined;
      }
    }
    const offered = this.opts.suggest?.(withoutSub, parent) ?? [];
    const names = offered.length > 0 ? offered : (owner?.subAttributes ?? []).map((s) => s.name);
    const what = parent ? `sub-attribute '${path.name}' of '${printPath(parent)}'` : `attribute '${printPath(path)}'`;
    this.unknown(path.name, what, nameRange(path), names);
    return undefined;
  }

  private unknown(name: string, what: string, range: OffsetRange, candidates: string[]): void {
    const best = closestName(name, candidates);
    const message = best ? `unknown ${what}; did you mean '${best}'?` : `unknown ${what}`;
    const fixes = best ? [{ title: `Change to '${best}'`, edits: [{ range, newText: best }], preferred: true }] : undefined;
    this.add(FILTER_CODES.unknownAttribute, 'warning', message, range, fixes);
  }

  /** Walks a filter; `parent` is the path before '[' inside value-path brackets. */
  walk(root: FilterNode, parent?: AttrPath): void {
    // An explicit stack (long and/or chains are deep); operators are queued between their operands so
    // findings come out left to right.
    const stack: Array<FilterNode | { kind: 'operator'; op: string; range: OffsetRange }> = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (!node) break;
      switch (node.kind) {
        case 'operator':
          this.operator(node.op, node.range);
          break;
        case 'group':
          stack.push(node.inner);
          break;
        case 'not':
          this.operator('not', { start: node.range.start, end: node.range.start + 3 });
          stack.push(node.operand);
          break;
        case 'logical':
          stack.push(node.right, { kind: 'operator', op: node.op, range: node.opRange }, node.left);
          break;
        case 'present':
          this.operator('pr', node.opRange);
          this.resolve(node.path, parent);
          break;
        case 'compare':
          this.operator(node.op, node.opRange);
          this.compare(node, parent);
          break;
        case 'valuePath':
          this.valuePath(node.path, node.filter, parent, { start: node.path.range.end, end: node.range.end });
          break;
      }
    }
  }

  valuePath(path: AttrPath, filter: FilterNode, parent?: AttrPath, bracketRange?: OffsetRange): void {
    if (this.opts.valueFilters === false) {
      const range = bracketRange ?? { start: path.range.end, end: path.range.end + 1 };
      this.add(FILTER_CODES.operatorUnsupported, 'warning', `the target does not support value filters ('${path.name}[...]')`, range);
    }
    const attr = this.resolve(path, parent);
    if (!attr) return;
    if (attr.type !== 'complex' && !attr.multiValued) {
      this.add(
        FILTER_CODES.operatorTypeMismatch,
        'error',
        `'${printPath(path)}' is a single-valued ${attr.type} attribute: '[...]' selects values of a multi-valued or complex attribute`,
        path.range,
      );
      return;
    }
    this.walk(filter, path);
  }

  private compare(node: Extract<FilterNode, { kind: 'compare' }>, parent?: AttrPath): void {
    const found = this.resolve(node.path, parent);
    if (!found) return;
    let attr: AttributeInfo = found;
    const label = printPath(node.path);
    if (attr.type === 'complex' && node.path.subAttr === undefined) {
      const value = attr.multiValued ? attr.subAttributes?.find((s) => s.name.toLowerCase() === 'value') : undefined;
      if (!value) {
        const example = attr.subAttributes?.[0]?.name;
        const hint = example ? ` (e.g. '${node.path.name}.${example}')` : '';
        this.add(
          FILTER_CODES.operatorTypeMismatch,
          'error',
          `'${label}' is a complex attribute: compare one of its sub-attributes${hint}, or use 'pr'`,
          node.opRange,
        );
        return;
      }
      // `emails co "example.com"` compares each value's `value` (RFC 7644 §3.4.2.2 examples).
      attr = { type: value.type, caseExact: value.caseExact, multiValued: true };
    }
    const type = attr.type;
    if (ORDERING.has(node.op) && (type === 'boolean' || type === 'binary')) {
      this.add(FILTER_CODES.operatorTypeMismatch, 'error', `'${node.op}' cannot order ${type} attribute '${label}' (RFC 7644 §3.4.2.2); use 'eq' or 'ne'`, node.opRange);
      return;
    }
    if (SUBSTRING.has(node.op) && NON_STRING.has(type)) {
      this.add(FILTER_CODES.operatorTypeMismatch, 'error', `'${node.op}' needs a string attribute; '${label}' is ${type}`, node.opRange);
      return;
    }
    if (attr.caseExact && (type === 'string' || type === 'reference') && (node.op === 'eq' || node.op === 'ne' || SUBSTRING.has(node.op))) {
      this.add(FILTER_CODES.caseExact, 'info', `'${label}' is caseExact: this comparison is case-sensitive`, node.path.range);
    }
    this.valueType(node, type, label);
  }

  private valueType(node: Extract<FilterNode, { kind: 'compare' }>, type: AttributeType, label: string): void {
    const lit = node.value;
    const v = lit.value;
    if (v === null) return;
    const mismatch = (message: string, newText?: string): void => {
      const fixes = newText !== undefined ? [{ title: `Change to ${newText}`, edits: [{ range: lit.range, newText }], preferred: true }] : undefined;
      this.add(FILTER_CODES.valueTypeMismatch, 'warning', message, lit.range, fixes);
    };
    if (type === 'boolean') {
      if (typeof v === 'boolean') return;
      const asBool = typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() : undefined;
      mismatch(`'${label}' is boolean: compare with true or false, not ${lit.raw}`, asBool);
    } else if (type === 'integer' || type === 'decimal') {
      if (typeof v === 'number') {
        if (type === 'integer' && !Number.isInteger(v)) mismatch(`'${label}' is an integer: ${lit.raw} has a fraction`);
        return;
      }
      const numeric = typeof v === 'string' && /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(v.trim()) ? v.trim() : undefined;
      mismatch(`'${label}' is ${type === 'integer' ? 'an integer' : 'a decimal'}: compare with a number, not ${lit.raw}`, numeric);
    } else if (STRINGY.has(type)) {
      if (typeof v !== 'string') {
        mismatch(`'${label}' is ${type === 'dateTime' ? 'a dateTime' : `a ${type}`}: compare with a string in double quotes, not ${lit.raw}`, JSON.stringify(String(v)));
      } else if (type === 'dateTime' && !SUBSTRING.has(node.op) && !looksLikeDateTime(v)) {
        mismatch(`'${label}' is a dateTime: ${lit.raw} is not one (e.g. "2011-05-13T04:42:34Z")`);
      }
    }
  }
}

export function checkFilter(node: FilterNode, lookup: AttributeLookup, opts: CheckOptions = {}): Finding[] {
  const supported = opts.supportedOperators ? new Set(opts.supportedOperators.map((o) => o.toLowerCase())) : undefined;
  const c = new Checker(lookup, opts, supported);
  c.walk(node);
  return c.findings;
}

/** Checks a PATCH path: the attribute, the filter inside brackets, and the sub-attribute after them. */
export function checkPatchPath(p: PatchPath, lookup: AttributeLookup, opts: CheckOptions = {}): Finding[] {
  const c = new Checker(lookup, opts);
  if (p.filter) {
    const end = p.subAttrRange ? p.subAttrRange.start - 1 : p.range.end;
    c.valuePath(p.attr, p.filter, undefined, { start: p.attr.range.end, end });
  } else {
    c.resolve(p.attr);
  }
  if (p.subAttr !== undefined && p.subAttrRange && p.attr.subAttr === undefined && lookup(p.attr)) {
    const sub: AttrPath = { ...p.attr, subAttr: p.subAttr, range: { start: p.attr.range.start, end: p.subAttrRange.end } };
    if (!lookup(sub)) {
      const base = lookup(p.attr);
      c.findings.push(unknownSub(p, base));
    }
  }
  return c.findings;
}

function unknownSub(p: PatchPath, base: AttributeInfo | undefined): Finding {
  const name = p.subAttr ?? '';
  const best = closestName(name, (base?.subAttributes ?? []).map((s) => s.name));
  const range = p.subAttrRange ?? p.range;
  const f: Finding = {
    code: FILTER_CODES.unknownAttribute,
    severity: 'warning',
    message: best ? `unknown sub-attribute '${name}' of '${p.attr.name}'; did you mean '${best}'?` : `unknown sub-attribute '${name}' of '${p.attr.name}'`,
    range,
  };
  if (best) f.fixes = [{ title: `Change to '${best}'`, edits: [{ range, newText: best }], preferred: true }];
  return f;
}
