// Parses a registry file once into an offset tree, keeping the ranges editors need (code lenses above each
// application, reveal from the tree view). Never throws: bad input becomes REGISTRY_JSON_SYNTAX findings.
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Finding } from '../findings';
import { MAX_JSON_DEPTH, excessiveNestingAt } from '../jsonDepth';
import type { OffsetRange } from '../text';
import { atPath, childValue, nodeRange, plainValue, propertyOf } from './jsonText';
import type { Application, JsonPath, Registry } from './model';

export interface ParsedApplication {
  /** The application as written. Its shape is not checked here; run lintRegistry before trusting field types. */
  app: Application;
  /** Position in the `applications` array. */
  index: number;
  /** The application object, braces included. */
  range: OffsetRange;
  /** The `id` value (quotes included), when present. */
  idRange?: OffsetRange;
  /** Each top-level field of the application: the whole `"key": value` property. */
  fieldRanges: Record<string, OffsetRange>;
}

export interface ParsedRegistry {
  fileName?: string;
  /** The document value when its root is an object with an `applications` array. */
  registry?: Registry;
  applications: ParsedApplication[];
  /** REGISTRY_JSON_SYNTAX findings. */
  findings: Finding[];
  /**
   * Range of the node at a JSON path, e.g. `['applications', 0, 'deactivation', 'contract']`.
   * `part: 'property'` returns the whole `"key": value`, `'key'` just the key.
   */
  rangeOf(path: JsonPath, part?: 'value' | 'property' | 'key'): OffsetRange | undefined;
}

/** A parsed document shared by the rules, so the file is parsed once per lint. */
export interface RegistryDocument {
  text: string;
  root?: Node;
  value: unknown;
  syntaxErrors: ParseError[];
  /** Set when the text nests deeper than MAX_JSON_DEPTH: the offset of the first bracket past it (nothing parsed). */
  tooDeepAt?: number;
}

export function parseDocument(text: string): RegistryDocument {
  // The tree and every walk over it recurse per level: refuse a nesting that would exhaust the stack.
  const tooDeepAt = excessiveNestingAt(text);
  if (tooDeepAt >= 0) return { text, root: undefined, value: undefined, syntaxErrors: [], tooDeepAt };
  const syntaxErrors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, syntaxErrors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  } catch {
    // jsonc-parser does not throw on bad input today; this keeps the "never throws" promise if it ever does.
    root = undefined;
  }
  if (root) clampToText(root, text.length);
  let value: unknown;
  try {
    value = root ? plainValue(root) : undefined;
  } catch {
    value = undefined;
  }
  return { text, root, value, syntaxErrors };
}

/**
 * jsonc-parser lets the nodes that an unterminated block comment at the end of the text cuts short (`[/*`) end past
 * the text. Only the last child of each level can; clamping them keeps every finding's range inside the text.
 */
function clampToText(root: Node, length: number): void {
  for (let node: Node | undefined = root; node; node = node.children?.[node.children.length - 1]) {
    if (node.offset + node.length > length) (node as { length: number }).length = Math.max(0, length - node.offset);
  }
}

export function syntaxFindings(doc: RegistryDocument): Finding[] {
  if (doc.tooDeepAt !== undefined) {
    return [{
      code: 'REGISTRY_JSON_TOO_DEEP',
      severity: 'error',
      message: `Not read: the file nests more than ${MAX_JSON_DEPTH} levels deep (here), which no registry does; its applications, diagnostics, completion and hover are skipped until this is fixed.`,
      range: { start: doc.tooDeepAt, end: doc.tooDeepAt + 1 },
    }];
  }
  return doc.syntaxErrors.map((e) => {
    const start = Math.min(e.offset, doc.text.length);
    const end = Math.min(doc.text.length, start + Math.max(e.length, 1));
    return {
      code: 'REGISTRY_JSON_SYNTAX',
      severity: 'error' as const,
      message: `JSON syntax error: ${describeParseError(printParseErrorCode(e.error))}.`,
      range: { start, end: Math.max(start, end) },
    };
  });
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'property name expected (property names need double quotes)',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected after the property name',
    CommaExpected: 'comma expected between values',
    CloseBraceExpected: 'closing brace } expected',
    CloseBracketExpected: 'closing bracket ] expected',
    EndOfFileExpected: 'end of file expected (only one top-level value is allowed)',
    InvalidCommentToken: 'invalid comment',
    UnexpectedEndOfComment: 'comment not closed (missing */)',
    UnexpectedEndOfString: 'string not closed (missing ")',
    UnexpectedEndOfNumber: 'number not finished',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  return words[code] ?? code;
}

/** The application object nodes, in order, with their array index. */
export function applicationNodes(doc: RegistryDocument): { node: Node; index: number }[] {
  const apps = childValue(doc.root, 'applications');
  if (apps?.type !== 'array') return [];
  const out: { node: Node; index: number }[] = [];
  (apps.children ?? []).forEach((node, index) => {
    if (node.type === 'object') out.push({ node, index });
  });
  return out;
}

export function parseRegistry(text: string, fileName?: string): ParsedRegistry {
  const doc = parseDocument(text);
  const applications: ParsedApplication[] = applicationNodes(doc).map(({ node, index }) => {
    const fieldRanges: Record<string, OffsetRange> = {};
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0]?.value;
      if (typeof key === 'string' && !(key in fieldRanges)) fieldRanges[key] = nodeRange(prop);
    }
    const idNode = childValue(node, 'id');
    const parsed: ParsedApplication = {
      app: plainValue(node) as Application,
      index,
      range: nodeRange(node),
      fieldRanges,
    };
    if (idNode) parsed.idRange = nodeRange(idNode);
    return parsed;
  });
  const value = doc.value;
  const isRegistry =
    typeof value === 'object' && value !== null && !Array.isArray(value) && Array.isArray((value as { applications?: unknown }).applications);
  const result: ParsedRegistry = {
    applications,
    findings: syntaxFindings(doc),
    rangeOf(path, part = 'value') {
      const node = atPath(doc.root, path);
      if (!node) return undefined;
      if (part === 'value') return nodeRange(node);
      const prop = propertyOf(node);
      if (!prop) return part === 'property' ? nodeRange(node) : undefined;
      return part === 'property' ? nodeRange(prop) : prop.children?.[0] && nodeRange(prop.children[0]);
    },
  };
  if (fileName !== undefined) result.fileName = fileName;
  if (isRegistry) result.registry = value as Registry;
  return result;
}

/** Whether a file name is a registry by the naming convention of issue 5. */
export { isRegistryFileName } from './fileNames';
