// Which files `scim-workbench lint` reads: arguments expanded into files (literal files as given, directories
// searched for SCIM names, globs matched) and each file read within a size limit. Globs are expanded here (Node 20
// has no stable fs.glob), so quoting them in the shell gives the same result on every platform.
import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Bigger files are reported, not read: a SCIM payload this size is a mistake, and reading it could exhaust memory. */
const MAX_BYTES = 256 * 1024 * 1024;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', '.test-runtime', '.vscode-test']);
const LINTABLE = /(\.scim(\.jsonc?|\.http)?|(^|[./])scim-registry\.jsonc?|\.scim-sandbox\.jsonc?)$/i;

/** `**` any number of path segments, `*` and `?` within one segment; `/` separates segments on every platform. */
export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      re += slash ? '(?:[^/]*/)*' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

const hasMagic = (s: string): boolean => /[*?]/.test(s);

async function walk(dir: string, out: string[], filter: (rel: string) => boolean, root: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) await walk(full, out, filter, root);
    } else if (e.isFile() && filter(relative(root, full).split(sep).join('/'))) {
      out.push(full);
    }
  }
}

/** Expands arguments into files: literal files as given, directories searched, globs matched. */
export async function expandArgs(args: string[], cwd: string): Promise<{ files: string[]; problems: string[] }> {
  const files: string[] = [];
  const problems: string[] = [];
  for (const arg of args) {
    const normalized = arg.split(sep).join('/');
    if (hasMagic(normalized)) {
      const segments = normalized.split('/');
      const firstMagic = segments.findIndex(hasMagic);
      const baseRel = segments.slice(0, firstMagic).join('/');
      const base = resolve(cwd, baseRel === '' && normalized.startsWith('/') ? '/' : baseRel || '.');
      const re = globToRegExp(segments.slice(firstMagic).join('/'));
      const found: string[] = [];
      await walk(base, found, (rel) => re.test(rel), base);
      if (found.length === 0) problems.push(`no files match '${arg}'`);
      files.push(...found);
      continue;
    }
    const full = isAbsolute(arg) ? arg : resolve(cwd, arg);
    let info;
    try {
      info = await stat(full);
    } catch {
      problems.push(`cannot find '${arg}'`);
      continue;
    }
    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(full, found, (rel) => LINTABLE.test(rel), full);
      if (found.length === 0) problems.push(`no SCIM files (*.scim.json, *.scim, *.scim.http, scim-registry.json, *.scim-sandbox.json) under '${arg}'`);
      files.push(...found);
    } else {
      files.push(full);
    }
  }
  return { files: [...new Set(files)], problems };
}

/** Reads a file for linting; a problem (too big, unreadable) instead of its text. */
export async function readLintable(file: string): Promise<{ text: string } | { problem: string }> {
  try {
    const info = await stat(file);
    if (info.size > MAX_BYTES) return { problem: `${info.size} bytes is more than the ${MAX_BYTES / 1024 / 1024} MB limit` };
    return { text: await readFile(file, 'utf8') };
  } catch (err) {
    return { problem: `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` };
  }
}
