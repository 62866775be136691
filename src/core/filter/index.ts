// Public surface of the SCIM filter and PATCH-path language (RFC 7644 §3.4.2.2, §3.5.2).
export type {
  ParseError,
  CompareOp,
  AttrPath,
  Literal,
  FilterNode,
  CompareNode,
  PresentNode,
  LogicalNode,
  NotNode,
  GroupNode,
  ValuePathNode,
  PatchPath,
  FilterParseResult,
  PatchPathParseResult,
  AttributeInfo,
  AttributeLookup,
} from './ast';
export { COMPARE_OPS } from './ast';
export { parseFilter, parsePatchPath } from './parser';
export { tokenizeFilter, type Token, type TokenKind } from './lexer';
export { printFilter, printPatchPath, printAttrPath, printLiteral } from './printer';
export { matchesFilter } from './evaluate';
export { checkFilter, checkPatchPath, syntaxFindings, FILTER_CODES, type CheckOptions } from './check';
export { looksLikeDateTime, dateTimeToEpoch } from './dateTime';
