// Inputs shared by `send`, `explain`, `probe` and `cleanup`: registry applications by id, `K: V` headers, and a
// file or stdin.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseRegistry, type Application, type ParsedRegistry } from '../core/registry';
import { UsageError, type CliIO } from './command';

/** A registry file read and parsed; a UsageError when it is not a registry. */
export async function readRegistry(file: string, io: CliIO): Promise<{ text: string; parsed: ParsedRegistry }> {
  const text = await readInput(file, io, 'registry');
  const parsed = parseRegistry(text, file);
  if (parsed.findings.length > 0) throw new UsageError(`${file} is not valid JSONC: ${parsed.findings[0]?.message ?? 'syntax error'} (run scim-workbench lint ${file})`);
  if (!parsed.registry) throw new UsageError(`${file} has no "applications" array; is it a registry?`);
  return { text, parsed };
}

/** The application `appId` of the registry file, or a UsageError naming the ids it has. */
export async function loadApplication(file: string, appId: string, io: CliIO): Promise<Application> {
  return pickApplication((await readRegistry(file, io)).parsed, file, appId);
}

export function pickApplication(parsed: ParsedRegistry, file: string, appId: string): Application {
  const found = parsed.applications.find((a) => a.app.id === appId);
  if (!found) {
    const ids = parsed.applications.map((a) => a.app.id).filter((id) => typeof id === 'string');
    throw new UsageError(`unknown application '${appId}' in ${file}${ids.length ? `; it has: ${ids.join(', ')}` : ''}`);
  }
  const app = found.app;
  if (typeof app.baseUrl !== 'string') throw new UsageError(`application '${appId}' has no baseUrl`);
  return app;
}

/** `Name: value` options into a lower-cased header map. */
export function parseHeaders(values: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values ?? []) {
    const colon = v.indexOf(':');
    const name = colon > 0 ? v.slice(0, colon).trim() : '';
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header '${v}' is not 'Name: value'`);
    out[name.toLowerCase()] = v.slice(colon + 1).trim();
  }
  return out;
}

/** A file's text, or standard input for `-`. */
export async function readInput(file: string, io: CliIO, what: string): Promise<string> {
  if (file === '-') {
    if (!io.stdin) throw new UsageError(`no standard input to read the ${what} from`);
    return io.stdin();
  }
  try {
    return await readFile(resolve(io.cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'file');
  }
}
