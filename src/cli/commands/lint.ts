// `scim-workbench lint <file|glob|dir>...`: runs the payload, registry, sandbox-config and request-file rules on
// files and prints compiler-style lines, JSON or SARIF.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Finding } from '../../core/findings';
import { SchemaCatalog } from '../../core/scim/catalog';
import { discoveryDocumentsInText } from '../../core/scim/discoveryDocuments';
import { isRegistryFileName } from '../../core/registry';
import { isRequestFileName, isSandboxConfigFileName, lintDocument, type LintOptions } from '../lintDocument';
import { LineIndex } from '../../core/text';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';
import { expandArgs, readLintable } from '../lintFiles';
import { displayPath, readNamedRegistries, requestFileApps } from '../lintRegistries';
import { lintReportsToSarif } from '../lintSarif';

export { expandArgs, globToRegExp, readLintable } from '../lintFiles';

const USAGE = `Usage: scim-workbench lint <file|dir|glob>... [--format text|json|sarif] [--schemas <file>]... [--registry <file>]...

Lints SCIM payloads (*.scim.json, *.scim.jsonc and any JSON file named explicitly), registry files
(scim-registry.json[c], *.scim-registry.json[c]), sandbox configs (*.scim-sandbox.json[c]) and request files
(*.scim, *.scim.http), with the same findings the editor shows.
Directories are searched recursively for those names; globs support **, * and ? (quote them).
A file named *.request.scim.json or *.response.scim.json is checked as a request or a response.
A server's discovery documents (a saved /Schemas or /ResourceTypes response, or single Schema and ResourceType
documents) among the files, or named with --schemas, make its custom attributes and extensions known (to
payloads and to request bodies alike).
Request files are checked against the applications of the registries among the files and those named with
--registry (the first application of an id wins); with no registry at all, their @app ids are not checked.

Options:
  --format text|json|sarif  text: "file:line:col severity code message" (1-based); json: 0-based ranges, and
                            files that could not be linted as {"file", "findings": [], "errors": [{"code", "message"}]};
                            sarif: a SARIF 2.1.0 log for code-scanning views
  --schemas <file>          a server's /Schemas or /ResourceTypes document to check payloads against (repeatable)
  --registry <file>         a registry whose applications request files may name (repeatable; read, not linted)
Example: scim-workbench lint requests/ --registry scim-registry.jsonc
Exit: 0 no errors, 1 error findings, 2 usage error (no files matched, unreadable file or --registry, bad option)`;

export interface FileReport {
  file: string;
  text?: string;
  findings: Finding[];
}

export async function lintFile(file: string, display: string, opts: LintOptions = {}): Promise<FileReport | { file: string; problem: string }> {
  const read = await readLintable(file);
  if ('problem' in read) return { file: display, problem: read.problem };
  return { file: display, text: read.text, findings: lintDocument(file, read.text, opts).findings };
}

const isPayloadFile = (file: string): boolean => !isRegistryFileName(file) && !isSandboxConfigFileName(file) && !isRequestFileName(file);

const NO_REGISTRY_NOTE =
  'scim-workbench lint: no registry known, so `@app` ids in request files (and absolute URLs on another origin) are not checked; name one with --registry <file>, or lint it along with them\n';

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
  summary: 'check SCIM payloads, registry files, sandbox configs and request files',
  usage: USAGE,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'text' },
        schemas: { type: 'string', multiple: true },
        registry: { type: 'string', multiple: true },
      },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format;
    if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be 'text', 'json' or 'sarif', not '${format}'`);
    if (positionals.length === 0) throw new UsageError('name at least one file, directory or glob');
    const namedRegistries = await readNamedRegistries(values.registry ?? [], io);
    const { files, problems } = await expandArgs(positionals, io.cwd);
    for (const p of problems) io.stderr(`scim-workbench lint: ${p}\n`);
    // In JSON, what could not be linted is an entry too: a script sees it without reading stderr.
    const failed: unknown[] = problems.map((p) => ({ file: null, findings: [], errors: [{ code: 'file', message: p }] }));
    if (files.length === 0) {
      if (format === 'json') io.stdout(JSON.stringify(failed, null, 2) + '\n');
      return EXIT.usage;
    }
    const opts: LintOptions = {};
    const catalog = await catalogFor((values.schemas ?? []).map((f) => resolve(io.cwd, f)), files, io);
    if (catalog) opts.catalog = catalog;
    if (files.some(isRequestFileName)) {
      const apps = await requestFileApps(namedRegistries, files, io.cwd);
      if (apps) opts.apps = apps;
      else io.stderr(NO_REGISTRY_NOTE);
    }
    const reports: FileReport[] = [];
    let unreadable = problems.length > 0;
    for (const file of files) {
      if (io.signal.aborted) break;
      const r = await lintFile(file, displayPath(file, io.cwd), opts);
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
