// Running probes from the registry, as a user clicks them: the `Run probes` code lens above an application in the
// registry file, the Run Probes action on an application in the Registry view, and Run All Probes for This Registry
// on the registry's node. Each run reaches its own application (the sandbox's traffic says which) and shows in the
// Probe Results view. The applications are read-only: no confirmation is asked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { waitFor } from '../harness/waitFor';
import { captureOnFailure, inlineAction, openFile, openSession, runCommand, scimPane, type Session } from './workbenchUi';
import { env, probeWorkspace, type ProbeWorkspace } from './probeWorkspace';
import { pickProbes } from './probePicks';

describe('probes from the registry', () => {
  let ws: ProbeWorkspace;
  let s: Session;
  const sentTo = (appId: string): number => ws.traffic.filter((e) => e.appId === appId).length;
  before(async () => {
    ws = await probeWorkspace({ dir: 'aws-like', people: 'strict' }, {
      'scim-registry.jsonc': [
        { id: 'directory', name: 'Directory Service', environment: 'staging', app: 'dir', allowWrites: false },
        { id: 'people', name: 'People Hub', environment: 'staging', app: 'people', allowWrites: false },
      ],
    });
    s = await openSession(ws.folder, { env });
  });
  after(async () => {
    await s?.close();
    await ws?.dispose();
  });

  /** The Probe Results rows of an application's probes named `probe` (one per stored run shown). */
  const probeRows = async (appLabel: string, probe: string): Promise<Locator> => {
    const pane = await scimPane(s.page, 'Probe Results');
    await pane.locator('.monaco-list-row', { hasText: appLabel }).first().waitFor({ timeout: 30_000 });
    return pane.locator('.monaco-list-row[aria-level="3"]', { has: s.page.locator('.label-name', { hasText: new RegExp(`^${probe}$`) }) });
  };

  test('the Run probes code lens runs the probes of the application it stands above', async () => {
    const { page } = s;
    await openFile(page, 'scim-registry.jsonc');
    const lens = page.locator('.codelens-decoration a', { hasText: 'Run probes' }).first();
    await captureOnFailure(page, 'probes-lens', () => lens.waitFor({ timeout: 45_000 }));
    await lens.click();
    await page.locator('.quick-input-title', { hasText: 'Run probes against directory' }).waitFor({ timeout: 30_000 });
    await pickProbes(page, ['discovery', 'pagination']);
    await captureOnFailure(page, 'probes-lens-run', () =>
      page.locator('.notification-toast', { hasText: 'Probes on directory' }).waitFor({ timeout: 120_000 }));
    assert.ok(sentTo('dir') > 0, 'the lens\'s application was probed');
    assert.equal(sentTo('people'), 0, 'the other application was not');
    await captureOnFailure(page, 'probes-lens-tree', async () => (await probeRows('Directory Service', 'pagination')).first().waitFor({ timeout: 30_000 }));
  });

  test('the Registry view: Run Probes on an application, then Run All Probes for This Registry', async () => {
    const { page } = s;
    await runCommand(page, 'Notifications: Clear All Notifications');
    const registry = await scimPane(page, 'Registry');
    await captureOnFailure(page, 'probes-view-app', () =>
      inlineAction(registry.locator('.monaco-list-row', { hasText: 'People Hub' }), 'Run Probes'));
    await page.locator('.quick-input-title', { hasText: 'Run probes against people' }).waitFor({ timeout: 30_000 });
    await pickProbes(page, ['discovery', 'pagination']);
    await captureOnFailure(page, 'probes-view-app-run', () =>
      page.locator('.notification-toast', { hasText: 'Probes on people' }).waitFor({ timeout: 120_000 }));
    await (await probeRows('People Hub', 'pagination')).first().waitFor({ timeout: 30_000 });

    // Every probe of every application: filters, which neither earlier run had, shows once per application.
    await runCommand(page, 'Notifications: Clear All Notifications');
    const before = { dir: sentTo('dir'), people: sentTo('people') };
    await captureOnFailure(page, 'probes-view-registry', () =>
      inlineAction((registry).locator('.monaco-list-row', { hasText: 'scim-registry.jsonc' }), 'Run All Probes for This Registry'));
    await captureOnFailure(page, 'probes-view-registry-run', async () => {
      await page.locator('.notification-toast', { hasText: 'Probes on directory' }).waitFor({ timeout: 180_000 });
      await page.locator('.notification-toast', { hasText: 'Probes on people' }).waitFor({ timeout: 180_000 });
    });
    assert.ok(sentTo('dir') > before.dir && sentTo('people') > before.people, 'both applications were probed');
    // The rows are flat in the DOM and only those in sight are drawn: look at one application at a time.
    await captureOnFailure(page, 'probes-view-registry-tree', async () => {
      const results = await scimPane(page, 'Probe Results');
      const directory = results.locator('.monaco-list-row[aria-level="1"]', { hasText: 'Directory Service' });
      await (await probeRows('Directory Service', 'filters')).first().waitFor({ timeout: 30_000 });
      await directory.locator('.monaco-tl-twistie').click();
      await waitFor('the Directory Service row to collapse', async () => (await directory.getAttribute('aria-expanded')) === 'false', 10_000);
      await (await probeRows('People Hub', 'filters')).first().waitFor({ timeout: 30_000 });
    });
  });
});
