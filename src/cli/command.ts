// The contract between the CLI's dispatcher and each subcommand: parse arguments, write output, return an
// exit code. Commands never call process.exit themselves, so tests can run them in-process.

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Aborted on Ctrl-C / SIGTERM; long-running commands (sandbox) stop cleanly when it fires. */
  signal: AbortSignal;
  /** The whole standard input (`-` as a file name); absent where there is none. */
  stdin?(): Promise<string>;
  /** Standard error is a terminal: progress may be shown (and rewritten in place). */
  stderrIsTTY?: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** `--json` / `--format json` put the command's output on stdout as JSON (then its failures are JSON too). */
  jsonOnStdout?: true;
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** A failure the user can fix by changing the command line; `code` 'file' when a named file cannot be read. */
export class UsageError extends Error {
  constructor(message: string, readonly code: 'usage' | 'file' = 'usage') {
    super(message);
  }
}

/**
 * One failure in JSON output. `code` is a stable category scripts can branch on; `offset`/`length` (0-based,
 * UTF-16) point into the input when there is one.
 */
export interface CliJsonError {
  code: 'usage' | 'configuration' | 'syntax' | 'file' | 'internal';
  message: string;
  offset?: number;
  length?: number;
  expected?: string[];
  file?: string;
}

/**
 * Whether the arguments ask for JSON output (`--json`, `--format json`): a failure is then written as JSON too,
 * `{ "errors": [...] }` on stdout, so a script never has to parse a human message.
 */
export function wantsJson(args: readonly string[]): boolean {
  return args.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && args[i + 1] === 'json'));
}

export function jsonErrors(errors: readonly CliJsonError[]): string {
  return JSON.stringify({ errors }, null, 2) + '\n';
}
