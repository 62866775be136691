// `scim-workbench probe <registry> --app <id>`: runs the probes against one application or a fleet (several at
// once, each within its own rate limit), prints what they found, writes the reports, and keeps the registry true
// with --write-back / --promote. Exit 0 without error findings, 1 with, 2 for usage or configuration errors.
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeFileAtomic } from '../../core/atomicWrite';
import { closeHttpConnections } from '../../core/http';
import {
  planProbes, PROBE_NAMES, reportHasErrors, reportsToJunit, reportsToSarif, reportToJson, reportToMarkdown, runProbes, writeBackReport,
  type ProbeName, type ProbeReport,
} from '../../core/probes';
import { EXIT, UsageError, type CliCommand, type CliIO } from '../command';
import { readRegistry } from '../cliInputs';
import { formatReport, perAppPath, progressPrinter, summaryTable, writeOutput } from '../probeOutput';
import { loadTargets, pendingEntries, TARGET_OPTIONS, type Target } from '../probeTargets';

const usage = `Usage: scim-workbench probe <registry> (--app <id>... | --all) [options]

Finds out how applications really behave, with evidence. Read-only probes run by default; probes that write run
only where the application's probe.allowWrites is true, and touch only users and groups they create (named with
probe.testUserPrefix and a run id, journalled before they are sent, removed at the end).
  --app <id>             an application of the registry (repeatable)
  --all                  every application with "probe" settings
  --only <a,b,...>       probes to run (${PROBE_NAMES.join(', ')}); default every one
  --concurrency N        applications probed at once (default 4)
  --json FILE            the report as JSON (with the redacted transcript)
  --junit FILE           JUnit XML, a test case per check (one file for the fleet)
  --markdown FILE        Markdown evidence for an audit
  --sarif FILE           SARIF 2.1.0 located in the registry file (one file for the fleet)
                         With several applications, FILE gets .<app> before its extension (or write {app} in it).
  --write-back           record observations under each application's "observed" block, update registry filters'
                         status/testedAt; prints drift (declared vs observed) without changing declared fields
  --promote              with --write-back, also write observed values into declared fields
  --journal FILE         cleanup journal (default .scim-workbench/probe-journal/<app>.json beside the registry)
  --max-pages N          pages walked at most per walk (default 2000)
  --page-size N          page size asked for (default 100)
  --ca-file FILE         trust the certificate authorities in this PEM file too
  --quiet                no progress on stderr (progress shows only on a terminal anyway)
Secrets come from SCIM_SECRET_<NAME>. Exit: 0 no error findings, 1 error findings (or a probe failed, a run was
cancelled, test resources were left behind), 2 usage or configuration errors (nothing is sent then).`;

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} must be a positive whole number`);
  return Number(value);
}

function probesOf(value: string | undefined): ProbeName[] | undefined {
  if (value === undefined) return undefined;
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    planProbes(names);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return names as ProbeName[];
}

/** Runs `work` over `items`, at most `limit` at a time, keeping the input order in the results. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface OutputFiles {
  json?: string | undefined;
  junit?: string | undefined;
  markdown?: string | undefined;
  sarif?: string | undefined;
}

async function writeReports(io: CliIO, reports: ProbeReport[], values: OutputFiles, registry: { file: string; text: string }): Promise<void> {
  const several = reports.length > 1;
  const written: string[] = [];
  for (const report of reports) {
    if (values.json) written.push(await writeOutput(io, perAppPath(values.json, report.app, several), reportToJson(report)));
    if (values.markdown) written.push(await writeOutput(io, perAppPath(values.markdown, report.app, several), reportToMarkdown(report)));
  }
  if (values.junit) written.push(await writeOutput(io, values.junit, reportsToJunit(reports)));
  if (values.sarif) {
    // Code-scanning views resolve locations against the repository root, where CI runs the command.
    const registryPath = relative(io.cwd, resolve(io.cwd, registry.file)).split('\\').join('/');
    written.push(await writeOutput(io, values.sarif, JSON.stringify(reportsToSarif(reports, { path: registryPath, text: registry.text }), null, 2) + '\n'));
  }
  for (const w of written) io.stdout(`wrote ${relative(io.cwd, w) || w}\n`);
}

/** Applies every report to the registry's current text; writes the file only when something changed. */
async function writeBack(io: CliIO, file: string, reports: ProbeReport[], promote: boolean): Promise<boolean> {
  const path = resolve(io.cwd, file);
  const before = (await readRegistry(file, io)).text;
  let text = before;
  let ok = true;
  for (const report of reports) {
    const outcome = writeBackReport(text, report, { promote });
    text = outcome.text;
    for (const d of outcome.drift) io.stdout(`drift ${report.app}: ${d.message}${promote ? '' : ' (--promote to update it)'}\n`);
    for (const p of outcome.problems) {
      ok = false;
      io.stderr(`scim-workbench probe: write-back ${report.app}: ${p}\n`);
    }
    if (outcome.applied.length) io.stdout(`write-back ${report.app}: ${outcome.applied.join('; ')}\n`);
  }
  if (text !== before) {
    await writeFileAtomic(path, text);
    io.stdout(`updated ${file}\n`);
  } else {
    io.stdout(`${file} unchanged\n`);
  }
  return ok;
}

export const probeCommand: CliCommand = {
  name: 'probe',
  summary: 'find out how applications really behave (pagination, filters, errors...), with evidence',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        ...TARGET_OPTIONS, only: { type: 'string' }, concurrency: { type: 'string' }, json: { type: 'string' }, junit: { type: 'string' },
        markdown: { type: 'string' }, sarif: { type: 'string' }, 'write-back': { type: 'boolean' }, promote: { type: 'boolean' },
        'max-pages': { type: 'string' }, 'page-size': { type: 'string' }, quiet: { type: 'boolean' },
      },
    });
    if (values.promote && !values['write-back']) throw new UsageError('--promote goes with --write-back');
    const only = probesOf(values.only);
    const concurrency = positiveInt(values.concurrency, '--concurrency') ?? 4;
    const maxPages = positiveInt(values['max-pages'], '--max-pages');
    const pageSize = positiveInt(values['page-size'], '--page-size');
    const loaded = await loadTargets('probe', positionals, values, io);
    if (!loaded) return EXIT.usage;
    const { registryFile, registry, targets } = loaded;
    for (const t of targets) {
      const left = pendingEntries(t);
      if (left.length) io.stderr(`scim-workbench probe: ${left.length} test resource(s) of an earlier run of ${t.app.id} are still in ${t.journal.store.location}; this run leaves them alone (scim-workbench cleanup ${registryFile} --app ${t.app.id})\n`);
    }

    const fleet = targets.length > 1;
    const progress = !values.quiet && io.stderrIsTTY ? progressPrinter(io, fleet) : undefined;
    let reports: ProbeReport[];
    try {
      reports = await pool(targets, concurrency, async (t: Target) => {
        const report = await runProbes(t.app, {
          client: t.client, journal: t.journal, signal: io.signal,
          ...(only ? { only } : {}), ...(maxPages ? { maxPages } : {}), ...(pageSize ? { pageSize } : {}), ...(progress ? { onProgress: progress } : {}),
        });
        if (progress) io.stderr(`\r\x1b[K[${t.app.id}] done: ${report.probes.map((p) => `${p.probe} ${p.status}`).join(', ')}\n`);
        if (!fleet) io.stdout(formatReport(report));
        return report;
      });
    } finally {
      await closeHttpConnections();
    }
    if (fleet) {
      for (const r of reports) io.stdout(formatReport(r) + '\n');
      io.stdout(summaryTable(reports));
    }
    await writeReports(io, reports, values, { file: registryFile, text: registry.text });
    const wroteBack = values['write-back'] ? await writeBack(io, registryFile, reports, values.promote === true) : true;
    const failed = reports.some((r) => reportHasErrors(r) || r.cancelled || r.cleanup.failed.length > 0);
    return failed || !wroteBack ? EXIT.findings : EXIT.ok;
  },
};
