// The registry applications `scim-workbench lint` checks request files against (`@app` ids, absolute URLs on
// another origin): the registries named with --registry, then those among the linted files, gathered as the
// editor gathers them (registryApplications).
import { relative, resolve } from 'node:path';
import { isRegistryFileName, parseRegistry, type ParsedRegistry } from '../core/registry';
import { registryApplications, type RequestFileApp } from '../core/requestFile';
import { readRegistry } from './cliInputs';
import type { CliIO } from './command';
import { readLintable } from './lintFiles';

interface ReadRegistry {
  /** Resolved path, or `-` for standard input. */
  file: string;
  source: string;
  parsed: ParsedRegistry;
}

/** How lint names a file: relative to the working directory when below it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const display = relative(cwd, file) || file;
  return display.startsWith('..') ? file : display;
}

/**
 * Reads every --registry file; one that cannot be read, is not JSONC or has no `applications` array is a
 * UsageError (the user named it to be used, so it must be usable). Read even when no request file is linted,
 * so a broken option fails the same way every time.
 */
export async function readNamedRegistries(files: readonly string[], io: CliIO): Promise<ReadRegistry[]> {
  const out: ReadRegistry[] = [];
  for (const file of files) {
    const { parsed } = await readRegistry(file, io);
    const full = file === '-' ? '-' : resolve(io.cwd, file);
    out.push({ file: full, source: full === '-' ? 'standard input' : displayPath(full, io.cwd), parsed });
  }
  return out;
}

/**
 * The applications of the named registries and of the registry files among `lintedFiles` (whose own problems
 * lint reports as findings, so a broken one contributes what can be read of it, as in the editor). Undefined
 * when no registry could be read at all: then `@app` ids are not checked.
 */
export async function requestFileApps(named: readonly ReadRegistry[], lintedFiles: readonly string[], cwd: string): Promise<RequestFileApp[] | undefined> {
  const registries = [...named];
  for (const file of lintedFiles) {
    if (!isRegistryFileName(file) || registries.some((r) => r.file === file)) continue;
    const read = await readLintable(file);
    if ('text' in read) registries.push({ file, source: displayPath(file, cwd), parsed: parseRegistry(read.text, file) });
  }
  if (registries.length === 0) return undefined;
  return registryApplications(registries, (r) => r.source).map((a) => a.info);
}
