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
  run(args: string[], io: CliIO): Promise<number>;
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
