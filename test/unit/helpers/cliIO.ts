// An in-memory CliIO for running CLI commands in-process.
import { join } from 'node:path';
import type { CliIO } from '../../../src/cli/command';

const root = join(__dirname, '..', '..', '..');

export function captureIO(cwd = root, env: Record<string, string | undefined> = {}): CliIO & { out: string; err: string } {
  const io = {
    out: '', err: '', cwd, env, signal: new AbortController().signal,
    stdout(t: string) { io.out += t; },
    stderr(t: string) { io.err += t; },
  };
  return io;
}
