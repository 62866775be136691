// Parser of request files, close to the `.http` format of REST Client and httpYac:
//
//   # @app strict                       the application (registry id) for the requests below
//   @user = scimwb-{{$uuid}}            a file variable
//   ### create a user                   separator; its text names the request
//   POST /Users HTTP/1.1                request line (relative paths resolve against the app's baseUrl)
//     ?attributes=userName              continuation lines of the query
//   Content-Type: application/scim+json headers
//                                       a blank line
//   { "userName": "{{user}}" }          the JSON body, up to the next ###
//
// It runs on every keystroke, so it never throws: each problem becomes a located finding and parsing goes on
// with the next line.
import type { Finding, Fix } from '../findings';
import type { OffsetRange } from '../text';
import type { AppDirective, Header, ParsedRequest, RequestBody, RequestFile, RequestLine, VariableDefinition, VariableRef } from './model';
import { METHODS, parseRequestLine, type LineSpan } from './requestLine';
import { DEFINITION_NAME, RESERVED_NAMES, scanVariables } from './variables';

const COMMENT = /^\s*(?:#|\/\/)/;
const APP_DIRECTIVE = /^(\s*(?:#|\/\/)\s*)@app(?=\s|$)/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

interface Line extends LineSpan {
  text: string;
}

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text.charCodeAt(i);
    if (i === text.length || ch === 10 || ch === 13) {
      out.push({ start, end: i, text: text.slice(start, i) });
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return out;
}

function problem(errors: Finding[], code: string, message: string, range: OffsetRange, severity: Finding['severity'] = 'error', fixes?: Fix[]): void {
  const f: Finding = { code, severity, message, range };
  if (fixes?.length) f.fixes = fixes;
  errors.push(f);
}

function trimmedRange(line: Line): OffsetRange {
  const lead = line.text.length - line.text.trimStart().length;
  return { start: line.start + lead, end: line.start + line.text.trimEnd().length };
}

interface Block {
  start: number;
  separatorRange?: OffsetRange;
  name?: string;
  nameRange?: OffsetRange;
  app?: AppDirective;
  requestLine?: RequestLine;
  headers: Header[];
  headerSection?: OffsetRange;
  bodyLines: Line[];
}

class RequestFileParser {
  readonly errors: Finding[] = [];
  readonly requests: ParsedRequest[] = [];
  readonly apps: AppDirective[] = [];
  readonly definitions: VariableDefinition[] = [];
  readonly variables: VariableRef[] = [];
  private readonly lines: Line[];
  private block: Block = { start: 0, headers: [], bodyLines: [] };
  private phase: 'pre' | 'headers' | 'body' = 'pre';

  constructor(private readonly text: string) {
    this.lines = splitLines(text);
  }

  parse(): void {
    for (let n = 0; n < this.lines.length; n++) {
      const line = this.lines[n] as Line;
      if (line.text.startsWith('###')) {
        this.finishBlock(line.start);
        this.startBlock(line);
        continue;
      }
      if (this.phase === 'pre') n = this.preLine(n, line);
      else if (this.phase === 'headers') this.headerLine(line);
      else this.block.bodyLines.push(line);
    }
    this.finishBlock(this.text.length);
    this.variables.sort((a, b) => a.range.start - b.range.start);
  }

  private startBlock(line: Line): void {
    const name = line.text.replace(/^#+/, '');
    const lead = name.length - name.trimStart().length;
    const nameStart = line.end - name.length + lead;
    this.block = { start: line.start, separatorRange: { start: line.start, end: line.end }, headers: [], bodyLines: [] };
    if (name.trim() !== '') {
      this.block.name = name.trim();
      this.block.nameRange = { start: nameStart, end: nameStart + name.trim().length };
    }
    this.phase = 'pre';
  }

  /** A line before the request line; returns the index of the last line it consumed. */
  private preLine(n: number, line: Line): number {
    if (line.text.trim() === '') return n;
    if (COMMENT.test(line.text)) {
      this.directive(line, true);
      return n;
    }
    if (/^\s*@/.test(line.text)) {
      this.definition(line);
      return n;
    }
    const continuations: Line[] = [];
    let m = n + 1;
    while (m < this.lines.length && /^\s*[?&]/.test((this.lines[m] as Line).text)) continuations.push(this.lines[m++] as Line);
    const requestLine = parseRequestLine(this.text, line, continuations, this.errors);
    this.block.requestLine = requestLine;
    for (const part of requestLine.targetParts) this.variables.push(...scanVariables(this.text, part.range, this.errors));
    const after = m < this.lines.length ? (this.lines[m] as Line).start : this.text.length;
    this.block.headerSection = { start: after, end: after };
    this.phase = 'headers';
    return m - 1;
  }

  private directive(line: Line, applies: boolean): void {
    const m = APP_DIRECTIVE.exec(line.text);
    if (!m) return;
    const afterKeyword = line.start + m[0].length;
    const rest = this.text.slice(afterKeyword, line.end);
    const lead = rest.length - rest.trimStart().length;
    const words = rest.trim().split(/\s+/).filter((w) => w !== '');
    const range = trimmedRange(line);
    if (!applies) {
      problem(this.errors, 'REQUEST_SYNTAX', '`@app` belongs above the request line; here it is only a comment.', range, 'warning');
      return;
    }
    const id = words[0];
    if (id === undefined) {
      problem(this.errors, 'REQUEST_SYNTAX', '`@app` needs the id of a registry application: `# @app strict`.', range);
      return;
    }
    const idRange = { start: afterKeyword + lead, end: afterKeyword + lead + id.length };
    if (words.length > 1) {
      const extra = this.text.slice(idRange.end, range.end);
      problem(this.errors, 'REQUEST_SYNTAX', 'One application id per `@app` line.', { start: idRange.end + extra.length - extra.trimStart().length, end: range.end });
    }
    const directive: AppDirective = { id, idRange, range };
    this.apps.push(directive);
    if (this.block.app) problem(this.errors, 'REQUEST_SYNTAX', `A second \`@app\` for this request: \`${this.block.app.id}\` (above) is used.`, range, 'warning');
    else this.block.app = directive;
  }

  private definition(line: Line): void {
    const range = trimmedRange(line);
    const m = /^(\s*@)([^\s=]*)\s*(=?)\s*(.*?)\s*$/.exec(line.text);
    const name = m?.[2] ?? '';
    const nameStart = line.start + (m?.[1]?.length ?? 0);
    const nameRange = { start: nameStart, end: nameStart + name.length };
    if (!m || m[3] !== '=') {
      const fixes = name === 'app' ? [{ title: 'Write it as a directive: # @app', edits: [{ range: { start: range.start, end: range.start }, newText: '# ' }], preferred: true }] : undefined;
      const message = name === 'app' ? 'The application is chosen with a comment directive: `# @app <id>`.' : '`@name = value` defines a file variable; the `=` is missing.';
      problem(this.errors, 'REQUEST_SYNTAX', message, range, 'error', fixes);
      return;
    }
    const value = m[4] ?? '';
    const eq = line.text.indexOf('=', (m[1]?.length ?? 0) + name.length);
    const afterEq = line.text.slice(eq + 1);
    const valueStart = line.start + eq + 1 + (afterEq.length - afterEq.trimStart().length);
    const valueRange = { start: valueStart, end: valueStart + value.length };
    if (!DEFINITION_NAME.test(name) || RESERVED_NAMES.has(name)) {
      const why = RESERVED_NAMES.has(name) ? `\`${name}\` is built in` : 'a name starts with a letter or `_` and holds letters, digits, `_`, `-`, `.`';
      problem(this.errors, 'REQUEST_SYNTAX', `\`@${name}\` cannot be a variable name: ${why}.`, name === '' ? range : nameRange);
      return;
    }
    this.definitions.push({ name, nameRange, value, valueRange, range });
    this.variables.push(...scanVariables(this.text, valueRange, this.errors));
  }

  private headerLine(line: Line): void {
    const section = this.block.headerSection as OffsetRange;
    if (line.text.trim() === '') {
      section.end = line.start;
      this.phase = 'body';
      return;
    }
    section.end = line.end;
    if (COMMENT.test(line.text)) {
      this.directive(line, false);
      return;
    }
    const range = trimmedRange(line);
    const first = this.text[range.start];
    if (first === '{' || first === '[') {
      problem(this.errors, 'REQUEST_HEADER_MALFORMED', 'A body follows the headers after one blank line.', range, 'error', [
        { title: 'Insert a blank line before the body', edits: [{ range: { start: line.start, end: line.start }, newText: '\n' }], preferred: true },
      ]);
      section.end = line.start;
      this.phase = 'body';
      this.block.bodyLines.push(line);
      return;
    }
    const colon = line.text.indexOf(':');
    const word = /^\s*(\S+)/.exec(line.text)?.[1] ?? '';
    if ((METHODS as readonly string[]).includes(word) && /^\s*\S+\s+\S/.test(line.text)) {
      problem(this.errors, 'REQUEST_HEADER_MALFORMED', 'A second request line: separate requests with a `###` line.', range, 'error', [
        { title: 'Insert ### before this request', edits: [{ range: { start: line.start, end: line.start }, newText: '###\n' }], preferred: true },
      ]);
      return;
    }
    if (colon < 0) {
      const hint = /^\s*@/.test(line.text) ? ' (file variables go above the request line)' : '';
      problem(this.errors, 'REQUEST_HEADER_MALFORMED', `A header is written \`Name: value\`${hint}.`, range);
      return;
    }
    const rawName = line.text.slice(0, colon);
    const name = rawName.trim();
    const nameStart = line.start + (rawName.length - rawName.trimStart().length);
    const nameRange = { start: nameStart, end: nameStart + name.length };
    if (!HEADER_NAME.test(name)) {
      problem(this.errors, 'REQUEST_HEADER_MALFORMED', name === '' ? 'The header name is missing before `:`.' : 'A header name holds letters, digits and `-` (no spaces).', name === '' ? range : nameRange);
      return;
    }
    const rawValue = line.text.slice(colon + 1);
    const value = rawValue.trim();
    const valueStart = line.start + colon + 1 + (rawValue.length - rawValue.trimStart().length);
    const valueRange = { start: valueStart, end: valueStart + value.length };
    this.block.headers.push({ name, nameRange, value, valueRange, range });
    this.variables.push(...scanVariables(this.text, valueRange, this.errors));
  }

  private bodyOf(lines: readonly Line[]): RequestBody | undefined {
    const content = lines.filter((l) => l.text.trim() !== '' && !COMMENT.test(l.text));
    const first = content[0];
    const last = content[content.length - 1];
    if (!first || !last) return undefined;
    const range = { start: first.start, end: last.start + last.text.trimEnd().length };
    const comments = lines.filter((l) => l.start > range.start && l.end < range.end && COMMENT.test(l.text)).map((l) => ({ start: l.start, end: l.end }));
    this.variables.push(...scanVariables(this.text, range, this.errors));
    return { range, comments };
  }

  private finishBlock(end: number): void {
    const b = this.block;
    if (!b.requestLine) return;
    const request: ParsedRequest = {
      index: this.requests.length,
      range: { start: b.start, end },
      requestLine: b.requestLine,
      headers: b.headers,
      headerSection: b.headerSection ?? { start: b.requestLine.range.end, end: b.requestLine.range.end },
    };
    if (b.separatorRange) request.separatorRange = b.separatorRange;
    if (b.name !== undefined && b.nameRange) {
      request.name = b.name;
      request.nameRange = b.nameRange;
    }
    if (b.app) request.app = b.app;
    const body = this.bodyOf(b.bodyLines);
    if (body) request.body = body;
    this.requests.push(request);
  }
}

/** Parses a request file. Never throws; every error's range lies inside `text`. */
export function parseRequestFile(text: string): RequestFile {
  const p = new RequestFileParser(text);
  p.parse();
  return { text, requests: p.requests, apps: p.apps, definitions: p.definitions, variables: p.variables, errors: p.errors };
}

/** The request whose block contains `offset` (the separator line included). */
export function requestAt(file: RequestFile, offset: number): ParsedRequest | undefined {
  return file.requests.find((r) => offset >= r.range.start && (offset < r.range.end || (offset === r.range.end && r.range.end === file.text.length)));
}

/** The application a request goes to when the file says so: its own `# @app`, else the file's first. */
export function appDirectiveFor(file: RequestFile, request: ParsedRequest): AppDirective | undefined {
  return request.app ?? file.apps[0];
}
