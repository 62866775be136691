// The shape of a parsed request file (`*.scim`, `*.scim.http`): every part keeps its exact offsets into the text,
// so diagnostics, completion, hover and the runner's code lenses point at the characters the user wrote.
import type { Finding } from '../findings';
import type { OffsetRange } from '../text';

/** `# @app <id>` (or `// @app <id>`): the registry application a request is sent to. */
export interface AppDirective {
  id: string;
  idRange: OffsetRange;
  /** The whole line, without its line break. */
  range: OffsetRange;
}

/** A file-level `@name = value` line. */
export interface VariableDefinition {
  name: string;
  nameRange: OffsetRange;
  /** As written, trimmed; may contain `{{...}}` references. */
  value: string;
  valueRange: OffsetRange;
  range: OffsetRange;
}

export type VariableKind = 'definition' | 'app' | 'lastResponse' | 'builtin' | 'invalid';

/** One `{{...}}` reference. */
export interface VariableRef {
  /** From `{{` to `}}` inclusive. */
  range: OffsetRange;
  /** The trimmed expression between the braces (may be empty). */
  expression: string;
  expressionRange: OffsetRange;
  kind: VariableKind;
  /**
   * definition: the variable name; app: the field after `app.`; lastResponse: the path after `lastResponse.`
   * (empty for the whole body); builtin: the function name with its `$`.
   */
  name: string;
  /** Words after a builtin's name (`$randomInt 1 10` -> ['1', '10']; `$prompt` keeps its label as one). */
  args: string[];
}

/** One `name=value` pair of the query, as written (not decoded). */
export interface QueryParam {
  name: string;
  nameRange: OffsetRange;
  /** Raw (possibly percent-encoded) text after `=`; empty when there is no `=`. */
  value: string;
  valueRange: OffsetRange;
  hasEquals: boolean;
  range: OffsetRange;
}

/** A piece of the request target: the request line's, then one per `?...` / `&...` continuation line. */
export interface TargetPart {
  text: string;
  range: OffsetRange;
}

export interface RequestLine {
  /** The request line and its continuation lines. */
  range: OffsetRange;
  method: string;
  methodRange: OffsetRange;
  /** The target as sent before variables are resolved: the parts joined without spaces between lines. */
  target: string;
  targetParts: TargetPart[];
  /** From the target's first character to its last (continuations included); empty range after the method when missing. */
  targetRange: OffsetRange;
  /** The target up to `?` (raw), with its range on the request line. */
  path: string;
  pathRange: OffsetRange;
  query: QueryParam[];
  version?: string;
  versionRange?: OffsetRange;
}

export interface Header {
  name: string;
  nameRange: OffsetRange;
  value: string;
  valueRange: OffsetRange;
  range: OffsetRange;
}

export interface RequestBody {
  /** From the first to the last character of the body's content lines (comment lines at either end excluded). */
  range: OffsetRange;
  /** Lines inside the body that start with `#` or `//` (never JSON): not sent, blanked for analysis. */
  comments: OffsetRange[];
}

export interface ParsedRequest {
  /** 0-based among the file's requests. */
  index: number;
  /** The `###` line that opens the block (absent for a request before the first separator). */
  separatorRange?: OffsetRange;
  /** The text after `###`, trimmed: the request's name. */
  name?: string;
  nameRange?: OffsetRange;
  /** The block: from its separator (or the file start) to the next separator. */
  range: OffsetRange;
  /** The block's own `# @app` line (above the request line). */
  app?: AppDirective;
  requestLine: RequestLine;
  headers: Header[];
  /** Where header lines go: after the request line up to the blank line (or the block's end). */
  headerSection: OffsetRange;
  body?: RequestBody;
}

export interface RequestFile {
  text: string;
  requests: ParsedRequest[];
  /** Every `@app` directive in the file, in order (the first one is the file's default). */
  apps: AppDirective[];
  definitions: VariableDefinition[];
  /** Every `{{...}}` in request lines, header values, bodies and definition values, in text order. */
  variables: VariableRef[];
  /** Syntax problems found while parsing, each with a range inside the text. */
  errors: Finding[];
}

/** A response the file may refer to with `{{lastResponse...}}`: the most recent one received for this file. */
export interface ResponseSnapshot {
  status: number;
  /** Header names in any case; a repeated header as an array. */
  headers: Readonly<Record<string, string | readonly string[]>>;
  /** The parsed JSON body, when the body was JSON. */
  body?: unknown;
  /** The body as text, when it was not JSON (or in addition). */
  bodyText?: string;
}

/** What the file knows about an application, for completion, hover and `{{app.*}}`. */
export interface RequestFileApp {
  id: string;
  name?: string;
  baseUrl?: string;
  /** Where it is defined, e.g. the registry file's relative path. */
  source?: string;
}
