// `scim-workbench cleanup <registry> --app <id>`: removes the test resources a probe run left behind (cancelled,
// failed or killed), as its cleanup journal lists them, and says what it could not remove and why. Only names
// with the application's test prefix that the server still gives those resources are ever deleted.
import { parseArgs } from 'node:util';
import { closeHttpConnections } from '../../core/http';
import { cleanUpJournal, DEFAULT_TEST_PREFIX } from '../../core/probes';
import { EXIT, type CliCommand, type CliIO } from '../command';
import { loadTargets, pendingEntries, TARGET_OPTIONS } from '../probeTargets';

const usage = `Usage: scim-workbench cleanup <registry> (--app <id>... | --all) [--journal FILE] [--ca-file FILE]

Deletes the users and groups probe runs created and could not remove (a cancelled, failed or killed run), as the
cleanup journal lists them, and empties the journal. A resource is deleted only when its name starts with the
application's probe.testUserPrefix and the server still gives it the journalled name.
  --app <id>        an application of the registry (repeatable)
  --all             every application with "probe" settings
  --journal FILE    the journal the probe run used (default .scim-workbench/probe-journal/<app>.json beside the registry)
  --ca-file FILE    trust the certificate authorities in this PEM file too
Exit: 0 everything removed (or nothing to remove), 1 something could not be removed (listed, with why),
2 usage or configuration errors.`;

export const cleanupCommand: CliCommand = {
  name: 'cleanup',
  summary: 'remove test resources a cancelled, failed or killed probe run left behind',
  usage,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: TARGET_OPTIONS });
    const loaded = await loadTargets('cleanup', positionals, values, io);
    if (!loaded) return EXIT.usage;
    const { targets } = loaded;
    let failed = 0;
    try {
      for (const t of targets) {
        const pending = pendingEntries(t);
        if (pending.length === 0) {
          io.stdout(`${t.app.id}: nothing to clean up (${t.journal.store.location})\n`);
          continue;
        }
        io.stdout(`${t.app.id}: ${pending.length} test resource(s) in ${t.journal.store.location}\n`);
        const summary = await cleanUpJournal(t.client, t.journal, {
          prefix: t.app.probe?.testUserPrefix || DEFAULT_TEST_PREFIX,
          signal: io.signal,
          onProgress: (message) => io.stdout(`  ${message}\n`),
        });
        io.stdout(`${t.app.id}: removed ${summary.deleted} of ${summary.created}\n`);
        for (const f of summary.failed) io.stdout(`  NOT removed: ${f.kind} ${f.name}${f.id ? ` (${f.id})` : ''}: ${f.reason}\n`);
        failed += summary.failed.length;
      }
    } finally {
      await closeHttpConnections();
    }
    return failed > 0 ? EXIT.findings : EXIT.ok;
  },
};
