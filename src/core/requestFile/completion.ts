// Completion in request files: `@app` ids, methods, resource paths and the query (completionQuery.ts), header
// names and values, `{{...}}` references, and the payload completions inside JSON bodies. Offsets in, offsets out.
import { payloadCompletions } from '../payloadLanguage/completion';
import type { PayloadCompletionItem } from '../payloadLanguage/types';
import { SchemaCatalog } from '../scim/catalog';
import type { OffsetRange } from '../text';
import { bodyView } from './body';
import { targetCompletions } from './completionQuery';
import type { ParsedRequest, RequestFile, RequestFileApp, ResponseSnapshot } from './model';
import { appDirectiveFor, requestAt } from './parse';
import { METHODS } from './requestLine';
import { APP_FIELDS, BUILTINS } from './variables';
import { HEADERS } from './vocabulary';

export interface RequestFileLanguageOptions {
  /** Applications of every registry in reach (ids for `@app`, values for `{{app.*}}`). */
  apps?: readonly RequestFileApp[];
  catalog?: SchemaCatalog;
  /** The response `{{lastResponse.*}}` reads now, if the file has one (hover shows its values). */
  lastResponse?: ResponseSnapshot;
  /** The application chosen for this file earlier, used by requests the file gives no `@app`. */
  chosenAppId?: string;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

function lineAt(text: string, offset: number): Line {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return { start, end, text: text.slice(start, end) };
}

const LAST_RESPONSE_ITEMS: readonly { path: string; description: string }[] = [
  { path: 'lastResponse.id', description: 'The `id` of the resource the last response returned (or of its first resource, for a ListResponse).' },
  { path: 'lastResponse.status', description: 'The last response\'s HTTP status.' },
  { path: 'lastResponse.headers.Location', description: 'The last response\'s `Location` header (the created resource).' },
  { path: 'lastResponse.meta.version', description: 'The resource\'s version, for `If-Match`.' },
  { path: 'lastResponse.body', description: 'The whole body of the last response.' },
];

/** The application of the request at an offset: its `@app`, the file's first, else the one chosen for the file. */
export function applicationAt(file: RequestFile, offset: number, opts: RequestFileLanguageOptions): { id?: string; app?: RequestFileApp; chosen: boolean } {
  const request = requestAt(file, offset);
  const id = (request ? appDirectiveFor(file, request) : file.apps[0])?.id;
  const wanted = id ?? opts.chosenAppId;
  const app = wanted === undefined ? undefined : opts.apps?.find((a) => a.id.toLowerCase() === wanted.toLowerCase());
  return { ...(wanted !== undefined ? { id: wanted } : {}), ...(app ? { app } : {}), chosen: id === undefined && wanted !== undefined };
}

function variableItems(file: RequestFile, offset: number, line: Line, open: number, opts: RequestFileLanguageOptions): PayloadCompletionItem[] {
  let start = open + 2;
  while (start < offset && /\s/.test(file.text[start] as string)) start++;
  const after = /^[\w.$-]*/.exec(file.text.slice(offset, line.end))?.[0] ?? '';
  const range: OffsetRange = { start, end: offset + after.length };
  const closed = /^\s*\}\}/.test(file.text.slice(range.end, line.end));
  const close = closed ? '' : '}}';
  const { app } = applicationAt(file, offset, opts);
  const items: PayloadCompletionItem[] = [];
  const seen = new Set<string>();
  for (const d of file.definitions) {
    if (seen.has(d.name)) continue;
    seen.add(d.name);
    items.push({ label: d.name, kind: 'value', detail: `@${d.name} = ${d.value}`, insertText: d.name + close, range, sortText: `0${d.name}` });
  }
  for (const f of APP_FIELDS) {
    const value = f.name === 'baseUrl' ? app?.baseUrl : app?.id;
    items.push({ label: `app.${f.name}`, kind: 'property', detail: value ?? 'the application chosen when sending', documentation: f.description, insertText: `app.${f.name}${close}`, range, sortText: `1${f.name}` });
  }
  for (const r of LAST_RESPONSE_ITEMS) items.push({ label: r.path, kind: 'property', detail: 'from the last response of this file', documentation: r.description, insertText: r.path + close, range, sortText: `2${r.path}` });
  for (const b of BUILTINS) {
    const snippet = b.name === '$randomInt' ? '\\$randomInt ${1:1} ${2:1000}' : b.name === '$prompt' ? '\\$prompt ${1:label}' : `\\${b.name}`;
    items.push({ label: b.name, kind: 'keyword', detail: b.usage, documentation: b.description, insertText: snippet + close, snippet: true, range, filterText: b.name, sortText: `3${b.name}` });
  }
  return items;
}

function appItems(file: RequestFile, line: Line, keywordEnd: number, offset: number, apps: readonly RequestFileApp[]): PayloadCompletionItem[] {
  const word = /^\s*(\S*)/.exec(file.text.slice(keywordEnd, line.end));
  const start = keywordEnd + ((word?.[0].length ?? 0) - (word?.[1]?.length ?? 0));
  if (offset < start) return [];
  const range = { start, end: start + (word?.[1]?.length ?? 0) };
  return apps.map((a) => ({ label: a.id, kind: 'value' as const, detail: a.name ? `${a.name} · ${a.baseUrl ?? ''}` : a.baseUrl, documentation: a.source ? `Defined in ${a.source}` : undefined, insertText: a.id, range }));
}

function methodItems(range: OffsetRange, apps: readonly RequestFileApp[], atLineStart: boolean): PayloadCompletionItem[] {
  const items: PayloadCompletionItem[] = METHODS.map((m, i) => ({ label: m, kind: 'keyword' as const, detail: 'HTTP method', insertText: `${m} `, range, sortText: `0${i}` }));
  if (atLineStart && apps.length > 0) {
    const choices = apps.map((a) => a.id.replace(/[,|\\$}]/g, '\\$&')).join(',');
    items.push({ label: '# @app', kind: 'snippet', detail: 'the registry application of the requests below', insertText: `# @app \${1|${choices}|}`, snippet: true, range, filterText: '@app', sortText: '1' });
  }
  return items;
}

function headerItems(file: RequestFile, line: Line, offset: number): PayloadCompletionItem[] {
  const colon = line.text.indexOf(':');
  if (colon < 0 || offset <= line.start + colon) {
    const lead = line.text.length - line.text.trimStart().length;
    const end = colon < 0 ? line.end : line.start + colon;
    const range = { start: line.start + lead, end: Math.max(offset, end) };
    return HEADERS.map((h) => ({ label: h.name, kind: 'property' as const, detail: 'header', documentation: h.description, insertText: colon < 0 ? `${h.name}: ` : h.name, range }));
  }
  const name = line.text.slice(0, colon).trim().toLowerCase();
  const values = HEADERS.find((h) => h.name.toLowerCase() === name)?.values ?? [];
  const rest = file.text.slice(line.start + colon + 1, line.end);
  const start = line.start + colon + 1 + (rest.length - rest.trimStart().length);
  const range = { start: Math.min(start, offset), end: Math.max(offset, line.start + line.text.trimEnd().length) };
  return values.map((v) => ({ label: v, kind: 'value' as const, insertText: v, range }));
}

function bodyItems(file: RequestFile, request: ParsedRequest, offset: number, catalog: SchemaCatalog): PayloadCompletionItem[] {
  if (!request.body) return [];
  const view = bodyView(file, request.body);
  return payloadCompletions(view.analysisText, offset - view.base, { catalog }).map((c) => ({ ...c, range: { start: c.range.start + view.base, end: c.range.end + view.base } }));
}

/** Completion items at `offset` of a parsed request file. Never throws. */
export function requestFileCompletions(file: RequestFile, offset: number, opts: RequestFileLanguageOptions = {}): PayloadCompletionItem[] {
  try {
    const catalog = opts.catalog ?? SchemaCatalog.standard();
    const apps = opts.apps ?? [];
    const line = lineAt(file.text, offset);
    const before = file.text.slice(line.start, offset);
    const open = before.lastIndexOf('{{');
    if (open >= 0 && !before.slice(open).includes('}}')) return variableItems(file, offset, line, line.start + open, opts);
    if (line.text.startsWith('###')) return [];
    const directive = /^(\s*(?:#|\/\/)\s*@app)(?=\s|$)/.exec(line.text);
    if (directive) return appItems(file, line, line.start + (directive[1] ?? '').length, offset, apps);
    if (/^\s*(?:#|\/\/)/.test(line.text)) return [];
    const request = requestAt(file, offset);
    const rl = request?.requestLine;
    if (!request || !rl || offset < rl.range.start) {
      const word = /^\s*([A-Za-z]*)$/.exec(before);
      if (!word || /^\s*@/.test(line.text)) return [];
      return methodItems({ start: offset - (word[1]?.length ?? 0), end: offset }, apps, before.trim() === '');
    }
    if (offset <= rl.range.end) {
      if (offset <= rl.methodRange.end) return methodItems(rl.methodRange, apps, false);
      return targetCompletions(file.text, rl, offset, catalog);
    }
    if (offset >= request.headerSection.start && offset <= request.headerSection.end) return headerItems(file, line, offset);
    if (request.body && offset >= request.body.range.start && offset <= request.body.range.end) return bodyItems(file, request, offset, catalog);
    return [];
  } catch {
    return [];
  }
}
