// `scim-workbench lint <file|glob|dir>...`: runs the payload, registry and sandbox-config rules on files and
// prints compiler-style lines or JSON. Globs are expanded here (Node 20 has no stable fs.glob), so quoting
// them in the shell gives the same result on every platform.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { lintDocument } from '../lintDocument';
import { LineIndex } from '../../core/text';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';

const USAGE = `Usage: scim-workbench lint <file|dir|glob>... [--format text|json]

Lints SCIM payloads (*.scim.json, *.scim.jsonc and any JSON file named explicitly), registry files
(scim-registry.json[c], *.scim-registry.json[c]) and sandbox configs (*.scim-sandbox.json[c]).
Directories are searched recursively for those names; globs support **, * and ? (quote them).
A file named *.request.scim.json or *.response.scim.json is checked as a request or a response.

Options:
  --format text|json   text: "file:line:col severity code message" (1-based); json: 0-based ranges
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

export async function lintFile(file: string, display: string): Promise<FileReport | { file: string; problem: string }> {
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES) return { file: display, problem: `${info.size} bytes is more than the ${MAX_BYTES / 1024 / 1024} MB limit` };
    const text = await readFile(file, 'utf8');
    return { file: display, text, findings: lintDocument(file, text).findings };
  } catch (err) {
    return { file: display, problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
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
  summary: 'check SCIM payloads, registry files and sandbox configs',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({ args, options: { format: { type: 'string', default: 'text' } }, allowPositionals: true, strict: true });
    const format = values.format;
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be 'text' or 'json', not '${format}'`);
    if (positionals.length === 0) throw new UsageError('name at least one file, directory or glob');
    const { files, problems } = await expandArgs(positionals, io.cwd);
    for (const p of problems) io.stderr(`scim-workbench lint: ${p}\n`);
    if (files.length === 0) return EXIT.usage;
    const reports: FileReport[] = [];
    let unreadable = problems.length > 0;
    for (const file of files) {
      if (io.signal.aborted) break;
      const display = relative(io.cwd, file) || file;
      const r = await lintFile(file, display.startsWith('..') ? file : display);
      if ('problem' in r) {
        io.stderr(`scim-workbench lint: ${r.file}: ${r.problem}\n`);
        unreadable = true;
        continue;
      }
      reports.push(r);
      if (format === 'text') io.stdout(formatText(r));
    }
    if (format === 'json') io.stdout(JSON.stringify(reports.map(toJson), null, 2) + '\n');
    if (unreadable) return EXIT.usage;
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.findings : EXIT.ok;
  },
};
