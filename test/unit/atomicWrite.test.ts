// Registry write-back and the cleanup journal replace files in one step: a concurrent reader sees the old text or
// the new, never a part; permissions and symbolic links survive; a failed write leaves no temporary file.
import * as assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/core/atomicWrite';

describe('atomic file replacement', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'scimwb-atomic-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('a reader polling the file while it is rewritten never sees an empty or partial text', async () => {
    const path = join(dir, 'apps.scim-registry.jsonc');
    const a = 'a'.repeat(2_000_000);
    const b = 'b'.repeat(2_000_000);
    writeFileSync(path, a);
    // The reader runs on its own thread, so it reads while the writes are in progress.
    const reader = new Worker(`
      const { readFileSync } = require('node:fs');
      const { parentPort, workerData } = require('node:worker_threads');
      let stop = false, reads = 0; const bad = [];
      parentPort.on('message', () => { stop = true; });
      (function loop() {
        for (let i = 0; i < 20 && !stop; i++) {
          const t = readFileSync(workerData, 'utf8'); reads++;
          if (t.length !== 2000000 || (t[0] !== t[t.length - 1])) bad.push(t.length);
        }
        if (stop) parentPort.postMessage({ reads, bad: bad.slice(0, 5), badCount: bad.length }); else setImmediate(loop);
      })();
    `, { eval: true, workerData: path });
    const done = new Promise<{ reads: number; bad: number[]; badCount: number }>((resolve, reject) => { reader.once('message', resolve); reader.once('error', reject); });
    for (let i = 0; i < 40; i++) await writeFileAtomic(path, i % 2 ? a : b);
    for (let i = 0; i < 40; i++) writeFileAtomicSync(path, i % 2 ? b : a);
    reader.postMessage('stop');
    const seen = await done;
    await reader.terminate();
    assert.ok(seen.reads > 0, 'the reader read');
    assert.equal(seen.badCount, 0, `partial reads, lengths: ${seen.bad.join(', ')}`);
    assert.ok(readFileSync(path, 'utf8') === b, 'the last text written is the file');
    assert.deepEqual(readdirSync(dir), ['apps.scim-registry.jsonc'], 'no temporary file is left');
  });

  it('keeps the permission bits and replaces the target of a symbolic link, not the link', async () => {
    const real = join(dir, 'real.jsonc');
    const link = join(dir, 'link.scim-registry.jsonc');
    writeFileSync(real, 'old');
    chmodSync(real, 0o600);
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'new');
    assert.equal(statSync(real).mode & 0o777, 0o600);
    writeFileAtomicSync(link, 'newer');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'newer');
    assert.equal(statSync(real).mode & 0o777, 0o600);
  });

  it('creates a new file, and a failed write leaves nothing behind', async () => {
    await writeFileAtomic(join(dir, 'fresh.json'), '{}');
    assert.equal(readFileSync(join(dir, 'fresh.json'), 'utf8'), '{}');
    await assert.rejects(writeFileAtomic(join(dir, 'missing', 'x.json'), '{}'), /ENOENT/);
    assert.throws(() => writeFileAtomicSync(join(dir, 'missing', 'x.json'), '{}'), /ENOENT/);
    // The target is a directory: the rename fails after the temporary file was written, and that file is removed.
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    await assert.rejects(writeFileAtomic(folder, '{}'));
    assert.throws(() => writeFileAtomicSync(folder, '{}'));
    assert.deepEqual(readdirSync(dir).sort(), ['folder.json', 'fresh.json']);
  });
});
