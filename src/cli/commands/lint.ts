// `scim-workbench lint <file|glob|dir>...`: runs the payload, registry and sandbox-config rules on files and
// prints compiler-style lines or JSON. Globs are expanded here (Node 20 has no stable fs.glob), so quoting
// them in the shell gives the same result on every platform.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { SchemaCatalog } from '../../core/scim/catalog';
import { discoveryDocumentsInText } from '../../core/scim/discoveryDocuments';
import { isRegistryFileName } from '../../core/registry';
import { isSandboxConfigFileName, lintDocument } from '../lintDocument';
import { LineIndex } from '../../core/text';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';
import { lintReportsToSarif } from '../lintSarif';

const USAGE = `Usage: scim-workbench lint <file|dir|glob>... [--format text|json|sarif] [--schemas <file>]...

Lints SCIM payloads (*.scim.json, *.scim.jsonc and any JSON file named explicitly), registry files
(scim-registry.json[c], *.scim-registry.json[c]) and sandbox configs (*.scim-sandbox.json[c]).
Directories are searched recursively for those names; globs support **, * and ? (quote them).
A file named *.request.scim.json or *.response.scim.json is checked as a request or a response.
A server's discovery documents (a saved /Schemas or /ResourceTypes response, or single Schema and ResourceType
documents) among the files, or named with --schemas, make its custom attributes and extensions known.

Options:
  --format text|json|sarif  text: "file:line:col severity code message" (1-based); json: 0-based ranges, and
                            files that could not be linted as {"file", "findings": [], "errors": [{"code", "message"}]};
                            sarif: a SARIF 2.1.0 log for code-scanning views
  --schemas <file>          a server's /Schemas or /ResourceTypes document to check payloads against (repeatable)
Exit: 0 no errors, 1 error findings, 2 usage error (no files matched, unreadable file, bad option)`;

/** Bigger files are reported, not read: a SCIM payload this size is a mistake, and reading it could exhaust memory. */
const MAX_BYTES = 256 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.test-runtime', '.vscode-test']);
const LINTABLE = /(\.scim\.jsonc?|(^|[./])scim-registry\.jsonc?|\.scim-sandbox\.jsonc?)$/i;

export interface FileReport {
  file: string;
  text?: string;
  findings: Finding[];
}

/** `**` any number of path segments, `*` and `?` within one segment; `/` separates segments on every platform. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const hasMagic = (s: string): boolean => /[*?]/.test(s);

async function walk(dir: string, out: string[], filter: (rel: string) => boolean, root: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(full, out, filter, root);
    } else if (e.isFile() && filter(relative(root, full).split(sep).join('/'))) {
      out.push(full);
    }
  }
}

/** Expands arguments into files: literal files as given, directories searched, globs matched. */
export async function expandArgs(args: string[], cwd: string): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    const normalized = arg.split(sep).join('/');
    if (hasMagic(normalized)) {
      const segments = normalized.split('/');
      const firstMagic = segments.findIndex(hasMagic);
      const baseRel = segments.slice(0, firstMagic).join('/');
      const base = resolve(cwd, baseRel === '' && normalized.startsWith('/') ? '/' : baseRel || '.');
      const re = globToRegExp(segments.slice(firstMagic).join('/'));
      const found: string[] = [];
      await walk(base, found, (rel) => re.test(rel), base);
      if (found.length === 0) problems.push(`no files match '${arg}'`);
      files.push(...found);
      continue;
    }
    const full = isAbsolute(arg) ? arg : resolve(cwd, arg);
    let info;
    try {
      info = await stat(full);
    } catch {
      problems.push(`cannot find '${arg}'`);
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(full, found, (rel) => LINTABLE.test(rel), full);
      if (found.length === 0) problems.push(`no SCIM files (*.scim.json, scim-registry.json, *.scim-sandbox.json) under '${arg}'`);
      files.push(...found);
    } else {
      files.push(full);
    }
  }
  return { files: [...new Set(files)], problems };
}

/** Reads a file for linting; a problem (too big, unreadable) instead of its text. */
export async function readLintable(file: string): Promise<{ text: string } | { problem: string }> {
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES) return { problem: `${info.size} bytes is more than the ${MAX_BYTES / 1024 / 1024} MB limit` };
    return { text: await readFile(file, 'utf8') };
  } catch (err) {
    return { problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}

export async function lintFile(file: string, display: string, catalog?: SchemaCatalog): Promise<FileReport | { file: string; problem: string }> {
  const read = await readLintable(file);
  if ('problem' in read) return { file: display, problem: read.problem };
  return { file: display, text: read.text, findings: lintDocument(file, read.text, catalog ? { catalog } : {}).findings };
}

const isPayloadFile = (file: string): boolean => !isRegistryFileName(file) && !isSandboxConfigFileName(file);

/**
 * The catalog payloads are checked against: the RFC schemas plus the discovery documents named with --schemas
 * and those found among the linted payload files. A --schemas file without any is a usage error.
 */
async function catalogFor(schemaFiles: string[], lintedFiles: string[], io: CliIO): Promise<SchemaCatalog | undefined> {
  let catalog: SchemaCatalog | undefined;
  const add = (file: string, text: string): boolean => {
    const docs = discoveryDocumentsInText(text);
    if (!docs) return false;
    catalog = (catalog ?? SchemaCatalog.standard()).withServerDocuments(docs, file);
    for (const p of catalog.problems.filter((x) => x.source === file)) io.stderr(`scim-workbench lint: ${relative(io.cwd, file) || file}: ${p.message}\n`);
    return true;
  };
  for (const file of schemaFiles) {
    const read = await readLintable(file);
    if ('problem' in read) throw new UsageError(`--schemas ${file}: ${read.problem}`);
    if (!add(file, read.text)) throw new UsageError(`--schemas ${file} holds no Schema or ResourceType documents`);
  }
  for (const file of lintedFiles.filter(isPayloadFile)) {
    const read = await readLintable(file);
    if ('text' in read) add(file, read.text);
  }
  return catalog;
}

function formatText(report: FileReport): string {
  const index = new LineIndex(report.text ?? '');
  return report.findings
    .map((f) => {
      const p = index.positionAt(f.range.start);
      return `${report.file}:${p.line + 1}:${p.character + 1} ${f.severity} ${f.code} ${f.message}\n`;
    })
    .join('');
}

function toJson(report: FileReport): unknown {
  const index = new LineIndex(report.text ?? '');
  return {
    file: report.file,
    findings: report.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, range: index.rangeAt(f.range) })),
  };
}

export const lintCommand: CliCommand = {
  name: 'lint',
  jsonOnStdout: true,
  summary: 'check SCIM payloads, registry files and sandbox configs',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string', default: 'text' }, schemas: { type: 'string', multiple: true } },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be 'text', 'json' or 'sarif', not '${format}'`);
    if (positionals.length === 0) throw new UsageError('name at least one file, directory or glob');
    const { files, problems } = await expandArgs(positionals, io.cwd);
    for (const p of problems) io.stderr(`scim-workbench lint: ${p}\n`);
    // In JSON, what could not be linted is an entry too: a script sees it without reading stderr.
    const failed: unknown[] = problems.map((p) => ({ file: null, findings: [], errors: [{ code: 'file', message: p }] }));
    if (files.length === 0) {
      if (format === 'json') io.stdout(JSON.stringify(failed, null, 2) + '\n');
      return EXIT.usage;
    }
    const catalog = await catalogFor((values.schemas ?? []).map((f) => resolve(io.cwd, f)), files, io);
    const reports: FileReport[] = [];
    let unreadable = problems.length > 0;
    for (const file of files) {
      if (io.signal.aborted) break;
      const display = relative(io.cwd, file) || file;
      const r = await lintFile(file, display.startsWith('..') ? file : display, catalog);
      if ('problem' in r) {
        io.stderr(`scim-workbench lint: ${r.file}: ${r.problem}\n`);
        failed.push({ file: r.file, findings: [], errors: [{ code: 'file', message: r.problem }] });
        unreadable = true;
        continue;
      }
      reports.push(r);
      if (format === 'text') io.stdout(formatText(r));
    }
    if (format === 'json') io.stdout(JSON.stringify([...reports.map(toJson), ...failed], null, 2) + '\n');
    if (format === 'sarif') io.stdout(JSON.stringify(lintReportsToSarif(reports), null, 2) + '\n');
    if (unreadable) return EXIT.usage;
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
  },
};
