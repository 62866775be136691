// Hover in request files: what a reference stands for (its value, or where it comes from), the application an
// `@app` names, a query filter's parsed tree, query parameters and paths, and the payload hovers inside bodies.
import { filterTreeMarkdown } from '../payloadLanguage/filterTree';
import { payloadHover } from '../payloadLanguage/hover';
import type { PayloadHover } from '../payloadLanguage/types';
import { SchemaCatalog } from '../scim/catalog';
import { LineIndex } from '../text';
import { bodyView } from './body';
import { applicationAt, type RequestFileLanguageOptions } from './completion';
import { parseResponsePath, responseValue } from './lastResponse';
import type { RequestFile, VariableRef } from './model';
import { requestAt } from './parse';
import { decodeQueryValue } from './query';
import { APP_FIELDS, BUILTINS, builtinName } from './variables';
import { HEADERS, QUERY_PARAMETERS, RESOURCE_PATHS } from './vocabulary';

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

function referenceMarkdown(file: RequestFile, ref: VariableRef, opts: RequestFileLanguageOptions): string {
  const lines = new LineIndex(file.text);
  switch (ref.kind) {
    case 'definition': {
      const defs = file.definitions.filter((d) => d.name === ref.name);
      const d = defs[0];
      if (!d) return `**${code(`{{${ref.name}}}`)}** is not defined in this file: add ${code(`@${ref.name} = value`)}.`;
      const where = `file variable, line ${lines.positionAt(d.range.start).line + 1}`;
      return [`**${code(`@${d.name}`)}** (${where})`, '', '```text', d.value, '```', defs.length > 1 ? `\nDefined ${defs.length} times; the first definition is used.` : ''].join('\n');
    }
    case 'app': {
      const field = APP_FIELDS.find((f) => f.name === ref.name);
      const { id, app, chosen } = applicationAt(file, ref.range.start, opts);
      if (!field) return `${code(`{{${ref.expression}}}`)}: the application offers ${APP_FIELDS.map((f) => code(`app.${f.name}`)).join(' and ')}.`;
      const value = field.name === 'baseUrl' ? app?.baseUrl : app?.id;
      const whose = chosen ? ' (chosen for this file)' : '';
      const now = value !== undefined ? `\n\nFor this request (${code(app?.id ?? '')}${whose}): ${code(value)}` : id !== undefined ? `\n\nThe application ${code(id)} is not in any registry.` : '\n\nNo `# @app` here: the application is chosen when the request is sent.';
      return `**${code(`app.${field.name}`)}**: ${field.description}${now}`;
    }
    case 'lastResponse': {
      const parsed = parseResponsePath(ref.name);
      if ('error' in parsed) return parsed.error;
      const what = parsed.path.root === 'status' ? 'its HTTP status' : parsed.path.root === 'headers' ? `its ${code(parsed.path.header)} header` : parsed.path.segments.length === 0 ? 'its whole body' : `the body field ${code(parsed.path.segments.join('.'))} (or that of its first resource, for a ListResponse)`;
      let now = '\n\nNo response yet: send a request of this file first.';
      if (opts.lastResponse) {
        const r = responseValue(opts.lastResponse, parsed.path, ref.expression);
        now = 'error' in r ? `\n\n${r.error}` : `\n\nNow (${opts.lastResponse.status}): ${code(r.value.length > 200 ? `${r.value.slice(0, 200)}…` : r.value)}`;
      }
      return `**${code(`{{${ref.expression}}}`)}**: from the most recent response of this file, ${what}.${now}`;
    }
    case 'builtin': {
      const b = BUILTINS.find((x) => x.name === builtinName(ref.name));
      return b ? `**${code(b.usage)}**: ${b.description}` : `Unknown built-in ${code(ref.name)} (known: ${BUILTINS.map((x) => code(x.name)).join(', ')}).`;
    }
    case 'invalid':
      return `${code(`{{${ref.expression}}}`)} is not a reference.`;
  }
}

/** The filter as a server reads it, references shown as strings so the tree still parses. */
function readableFilter(decoded: string): string {
  return decoded.replace(/\{\{[^{}]*\}\}/g, (m, at: number) => ((decoded.slice(0, at).match(/(?<!\\)"/g)?.length ?? 0) % 2 === 1 ? m : JSON.stringify(m)));
}

const inside = (offset: number, r: { start: number; end: number }): boolean => offset >= r.start && offset <= r.end;

/** Hover at `offset` of a parsed request file, or undefined. Never throws. */
export function requestFileHover(file: RequestFile, offset: number, opts: RequestFileLanguageOptions = {}): PayloadHover | undefined {
  try {
    const ref = file.variables.find((v) => offset >= v.range.start && offset < v.range.end);
    if (ref) return { range: ref.range, markdown: referenceMarkdown(file, ref, opts) };
    const directive = file.apps.find((d) => inside(offset, d.idRange));
    if (directive) {
      const app = opts.apps?.find((a) => a.id.toLowerCase() === directive.id.toLowerCase());
      const markdown = app
        ? [`**${app.name ?? app.id}** (${code(app.id)})`, '', app.baseUrl ? `Base URL: ${code(app.baseUrl)}` : '', app.source ? `Registry: ${app.source}` : ''].filter((l) => l !== '').join('\n\n')
        : `No registry in reach defines ${code(directive.id)}.`;
      return { range: directive.idRange, markdown };
    }
    const request = requestAt(file, offset);
    if (!request) return undefined;
    const line = request.requestLine;
    const param = line.query.find((q) => inside(offset, q.range));
    if (param) {
      if (param.name === 'filter' && param.hasEquals && offset >= param.valueRange.start) {
        return { range: param.valueRange, markdown: filterTreeMarkdown(readableFilter(decodeQueryValue(param.value, 0).text)) };
      }
      const doc = QUERY_PARAMETERS.find((p) => p.name === param.name);
      return doc && inside(offset, param.nameRange) ? { range: param.nameRange, markdown: `**${code(doc.name)}** (query parameter): ${doc.description}` } : undefined;
    }
    if (inside(offset, line.pathRange)) {
      const doc = RESOURCE_PATHS.find((p) => p.name.toLowerCase() === line.path.toLowerCase());
      return doc ? { range: line.pathRange, markdown: `**${code(doc.name)}**: ${doc.description}` } : undefined;
    }
    const header = request.headers.find((h) => inside(offset, h.nameRange));
    if (header) {
      const doc = HEADERS.find((h) => h.name.toLowerCase() === header.name.toLowerCase());
      return doc ? { range: header.nameRange, markdown: `**${code(doc.name)}**: ${doc.description}` } : undefined;
    }
    if (request.body && inside(offset, request.body.range)) {
      const view = bodyView(file, request.body);
      const h = payloadHover(view.analysisText, offset - view.base, { catalog: opts.catalog ?? SchemaCatalog.standard() });
      return h ? { markdown: h.markdown, range: { start: h.range.start + view.base, end: h.range.end + view.base } } : undefined;
    }
    return undefined;
  } catch {
    return undefined;
  }
}
