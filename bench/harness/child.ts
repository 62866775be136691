// Runs the benchmarks of one file in this process (the runner starts one process per file, so a file's
// memory and JIT state never colour another's ratios) and writes their rows as JSON to the given path.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { targetMet, targetText, type Benchmark, type ResultRow } from './types';

async function main(): Promise<void> {
  const [file, out, filter] = process.argv.slice(2);
  if (!file || !out) throw new Error('usage: child.ts <bench file> <out.json> [filter]');
  const mod = (await import(pathToFileURL(file).href)) as { benchmarks?: Benchmark[] };
  if (!Array.isArray(mod.benchmarks)) throw new Error(`${file} exports no \`benchmarks\` array`);
  const fileName = basename(file);
  // A name selects a whole file when the file name contains it, otherwise the rows whose name does.
  const filters = (filter ?? '').split(',').filter((f) => f !== '');
  const wanted = mod.benchmarks.filter((b) => filters.length === 0 || filters.some((f) => fileName.toLowerCase().includes(f) || b.name.toLowerCase().includes(f)));
  if (wanted.length > 0) process.stderr.write(`[bench] ${fileName}\n`);
  const rows: ResultRow[] = [];
  const date = new Date().toISOString();
  for (const b of wanted) {
    process.stderr.write(`[bench] ${b.name} ...\n`);
    const row: ResultRow = { name: b.name, baseline: b.baseline, ratio: null, target: targetText(b.target), met: null, spread: null, rounds: null, date, file: fileName };
    try {
      const m = await b.run();
      row.ratio = m.ratio ?? null;
      row.spread = m.spread ?? null;
      row.rounds = m.rounds ?? null;
      row.met = targetMet(b.target, m);
      if (m.note) row.note = m.note;
      if (m.checks) row.checks = m.checks;
      if (m.details) row.details = m.details;
    } catch (err) {
      row.met = false;
      row.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      process.stderr.write(`[bench] ${b.name} CRASHED: ${row.error}\n`);
    }
    rows.push(row);
    // Written after every row, so a crash of the process itself keeps what was measured.
    writeFileSync(out, JSON.stringify(rows));
  }
  writeFileSync(out, JSON.stringify(rows));
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(2);
  },
);
