// The shapes the filter and PATCH-path parsers produce. Every node keeps its source range so editors can
// underline, hover and complete precisely; printers and evaluators ignore ranges.
import type { OffsetRange } from '../text';
import type { AttributeDefinition, AttributeType } from '../scim/types';

export interface ParseError {
  message: string;
  range: OffsetRange;
  /** What would have been accepted at `range`, e.g. ['eq', 'ne', ...] or ["')'"]. */
  expected?: string[];
}

export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

export const COMPARE_OPS: readonly CompareOp[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

/** `[uri ":"] name ["." subAttr]`; uri, name and subAttr exactly as written. */
export interface AttrPath {
  kind: 'attrPath';
  uri?: string;
  name: string;
  subAttr?: string;
  range: OffsetRange;
}

export type Literal = { kind: 'literal'; value: string | number | boolean | null; raw: string; range: OffsetRange };

export type FilterNode =
  | { kind: 'compare'; path: AttrPath; op: CompareOp; opRange: OffsetRange; value: Literal; range: OffsetRange }
  | { kind: 'present'; path: AttrPath; opRange: OffsetRange; range: OffsetRange }
  | { kind: 'logical'; op: 'and' | 'or'; left: FilterNode; right: FilterNode; opRange: OffsetRange; range: OffsetRange }
  | { kind: 'not'; operand: FilterNode; range: OffsetRange }
  | { kind: 'group'; inner: FilterNode; range: OffsetRange }
  | { kind: 'valuePath'; path: AttrPath; filter: FilterNode; range: OffsetRange };

export type CompareNode = Extract<FilterNode, { kind: 'compare' }>;
export type PresentNode = Extract<FilterNode, { kind: 'present' }>;
export type LogicalNode = Extract<FilterNode, { kind: 'logical' }>;
export type NotNode = Extract<FilterNode, { kind: 'not' }>;
export type GroupNode = Extract<FilterNode, { kind: 'group' }>;
export type ValuePathNode = Extract<FilterNode, { kind: 'valuePath' }>;

/** RFC 7644 §3.5.2: `attrPath` or `valuePath ["." subAttr]`. */
export interface PatchPath {
  kind: 'patchPath';
  attr: AttrPath;
  filter?: FilterNode;
  subAttr?: string;
  subAttrRange?: OffsetRange;
  range: OffsetRange;
}

export interface FilterParseResult {
  /** Present only when `errors` is empty. */
  ast?: FilterNode;
  errors: ParseError[];
  /** With errors: the well-formed pieces the parser recovered (for hovers and completion while typing). */
  partial?: FilterNode;
}

export interface PatchPathParseResult {
  ast?: PatchPath;
  errors: ParseError[];
}

export interface AttributeInfo {
  type: AttributeType;
  caseExact: boolean;
  multiValued: boolean;
  subAttributes?: AttributeDefinition[];
}

/**
 * Resolves `name` (+ `subAttr`) case-insensitively, with or without the URN prefix. Inside valuePath brackets
 * `parent` is the path before '[' and `path` names a sub-attribute of it.
 */
export type AttributeLookup = (path: AttrPath, parent?: AttrPath) => AttributeInfo | undefined;
