// Shared by the runner UI tests: a sandbox the test starts (port 0) with a clock the test can hold, and a copy
// of examples/workspace whose registry points at it. The extension reads the token from SCIM_SECRET_SANDBOX_TOKEN.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import { startSandbox, type RequestLogEntry, type RunningSandbox } from '../../src/sandbox';
import { repoRoot, waitFor } from '../harness/codeServer';
import { demoQuirks } from '../../scripts/demo';
import { heldClock } from '../harness/heldClock';

export const TOKEN = 'runner-ui-token-5d1e8c';

export interface RunnerWorkspace {
  sandbox: RunningSandbox;
  folder: string;
  traffic: RequestLogEntry[];
  /** Stops the sandbox's clock (its rate-limit buckets stop refilling) until `release`. */
  hold(): void;
  /** Lets the clock run again, `aheadMs` ahead of where it stopped (so the buckets refill at once). */
  release(aheadMs: number): void;
  dispose(): Promise<void>;
}

export async function runnerWorkspace(): Promise<RunnerWorkspace> {
  const clock = heldClock();
  const traffic: RequestLogEntry[] = [];
  const sandbox = await startSandbox({
    port: 0, token: TOKEN, seed: 7,
    // As `npm run demo` serves them (slack-like refills at 5 per second there).
    apps: ['strict', 'aws-like', 'slack-like'].map((p) => ({ id: p, profile: p, users: 500, ...demoQuirks(p) })),
    now: clock.now,
    onRequest: (e) => traffic.push(e),
  });
  const folder = mkdtempSync(join(tmpdir(), 'scimwb-runner-ui-'));
  cpSync(join(repoRoot, 'examples/workspace'), folder, { recursive: true });
  const registry = join(folder, 'scim-registry.jsonc');
  writeFileSync(registry, readFileSync(registry, 'utf8').replaceAll('127.0.0.1:4780', new URL(sandbox.url).host));
  return {
    sandbox, folder, traffic,
    hold: clock.hold,
    release: clock.release,
    dispose: async () => {
      await sandbox.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The frame of the request-runner panel (a webview: an iframe inside an iframe). */
export async function runnerFrame(page: Page): Promise<Frame> {
  return waitFor('the request runner panel', async () => {
    for (const f of page.frames()) {
      if (await f.evaluate(() => document.getElementById('runner')?.getAttribute('aria-busy') === 'false').catch(() => false)) return f;
    }
    return undefined;
  }, 60_000, 200);
}

/** Picks an option of a kit select (vscode-single-select) with the mouse, as a user does. */
export async function choose(frame: Frame, selectId: string, label: string): Promise<void> {
  await frame.locator(`#${selectId}`).click();
  await frame.locator(`#${selectId} li.option`, { hasText: label }).first().click();
}

let marks = 0;

/**
 * The result drawn after a request line: an editor decoration, rendered as CSS `::after` content (not text in
 * the DOM). Waits until one matches, marks its element for the locator returned, and returns its text too.
 */
export async function requestResult(page: Page, pattern: RegExp, timeoutMs = 30_000): Promise<{ text: string; locator: Locator }> {
  const mark = `r${++marks}`;
  const text = await waitFor(`a request result matching ${pattern}`, () => page.evaluate(({ source, flags, mark }) => {
    const re = new RegExp(source, flags);
    for (const el of Array.from(document.querySelectorAll('.editor-instance .view-lines span'))) {
      const content = getComputedStyle(el, '::after').content;
      if (content && content !== 'none' && re.test(content)) {
        el.setAttribute('data-scimwb-result', mark);
        return content.replace(/^"|"$/g, '');
      }
    }
    return undefined;
  }, { source: pattern.source, flags: pattern.flags, mark }), timeoutMs, 100);
  return { text, locator: page.locator(`[data-scimwb-result="${mark}"]`) };
}
