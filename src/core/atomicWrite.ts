// Replace a file's text in one step: write a temporary file beside it, then rename it over the file. A reader (an
// editor reloading the file, a file watcher's handler, another process) sees the old text or the new, never an
// empty or half-written file; a crash mid-write leaves the old file. A symbolic link keeps pointing at its target,
// which is what is replaced, and the file keeps its permission bits.
import { randomBytes } from 'node:crypto';
import { chmodSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary name: hidden, and ending in `.tmp` so no watcher glob of ours (`*.scim-registry.jsonc`, …) takes it. */
function temporaryBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const target = await realpath(path).catch(() => path);
  const mode = await stat(target).then((s) => s.mode & 0o7777, () => undefined);
  const tmp = temporaryBeside(target);
  try {
    await writeFile(tmp, text);
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
}

export function writeFileAtomicSync(path: string, text: string): void {
  let target = path;
  try { target = realpathSync(path); } catch { /* a new file */ }
  let mode: number | undefined;
  try { mode = statSync(target).mode & 0o7777; } catch { /* a new file */ }
  const tmp = temporaryBeside(target);
  try {
    writeFileSync(tmp, text);
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (err) {
    try { unlinkSync(tmp); } catch { /* never written */ }
    throw err;
  }
}
