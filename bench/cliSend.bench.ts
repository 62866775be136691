// `scim-workbench send` of one request, process start to exit, against curl of the same request (issue 14). Both
// fetch GET /ServiceProviderConfig from the same sandbox app with the same bearer token; each call is a fresh
// process. Uses the built CLI (dist/cli.js: run `npm run build` first) and the system's curl.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../src/sandbox';
import { measureRatio, timesNote } from './harness/measure';
import type { Benchmark, Measurement } from './harness/types';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const CURL = '/usr/bin/curl';
const TOKEN = 'bench-token-123456';

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env }, (err, stdout) => {
      if (err) reject(new Error(`${file} ${args.join(' ')}: ${err.message}`));
      else if (!stdout.includes('ServiceProviderConfig')) reject(new Error(`${file}: unexpected output ${stdout.slice(0, 200)}`));
      else resolve();
    });
  });
}

async function measure(): Promise<Measurement> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  if (!existsSync(CURL)) throw new Error(`${CURL} is missing: install curl (apt-get install curl) to measure this row`);
  const sb = await startSandbox({ apps: [{ id: 'cli', profile: 'strict', users: 100, groups: 2 }], token: TOKEN });
  const dir = mkdtempSync(join(tmpdir(), 'scimwb-cli-'));
  try {
    const base = sb.apps[0]?.baseUrl ?? '';
    const registry = join(dir, 'scim-registry.jsonc');
    writeFileSync(registry, JSON.stringify({ applications: [{ id: 'cli', baseUrl: base, auth: { type: 'bearer', secret: 'CLI_TOKEN' } }] }));
    const env = { ...process.env, SCIM_SECRET_CLI_TOKEN: TOKEN };
    const send = (): Promise<void> => run(process.execPath, [CLI, 'send', registry, '--app', 'cli', 'GET', '/ServiceProviderConfig'], env);
    const curl = (): Promise<void> => run(CURL, ['-sS', '-H', `authorization: Bearer ${TOKEN}`, '-H', 'accept: application/scim+json', `${base}/ServiceProviderConfig`], env);
    const node = (): Promise<void> => new Promise((resolve, reject) => execFile(process.execPath, ['-e', '0'], (err) => (err ? reject(err) : resolve())));
    const r = await measureRatio(send, curl, { rounds: 7, minMs: 0, minRuns: 3, warmup: 1 });
    const floor = await measureRatio(node, curl, { rounds: 3, minMs: 0, minRuns: 3, warmup: 1 });
    return {
      ratio: r.ratio, spread: r.spread, rounds: r.rounds,
      note: `${timesNote(r, 'send', 'curl')}; \`node -e 0\` alone is ${floor.ratio.toFixed(2)}x curl (${timesNote(floor, 'node', 'curl')})`,
      details: { sendMs: r.thingMs, curlMs: r.baselineMs, nodeFloorRatio: floor.ratio, nodeMs: floor.thingMs },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sb.stop();
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: '`send` of one request, CLI process start to exit',
    baseline: 'curl of the same request',
    target: { metric: 'time', atMost: 3 },
    run: measure,
  },
];
