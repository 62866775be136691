// Quick-pick steps shared by the probe UI tests: the application row, then exactly the probes wanted (the picker
// preselects the read-only ones; each row is a checkbox whose state is in aria-checked).
import type { Page } from 'playwright-core';
import { waitFor } from '../harness/waitFor';

/** Picks an application in the first step of SCIM: Run Probes... (its label: `name (id)` or the id). */
export async function pickApplication(page: Page, label: string): Promise<void> {
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
}

/** In the probe picker: checks exactly `probes`, unchecks the rest, and accepts with OK. */
export async function pickProbes(page: Page, probes: readonly string[]): Promise<void> {
  const rows = page.locator('.quick-input-list .monaco-list-row[role="checkbox"]');
  // discovery is offered to every application: its row says the probe picker has replaced the application picker.
  await rows.and(page.locator('[aria-label^="discovery,"]')).waitFor({ timeout: 30_000 });
  const names = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))).map((l) => l.split(',')[0] ?? '');
  for (const name of probes) if (!names.includes(name)) throw new Error(`the picker offers no probe "${name}" (it offers ${names.join(', ')})`);
  for (const name of names) {
    const row = rows.and(page.locator(`[aria-label^="${name},"]`));
    const wanted = String(probes.includes(name));
    if ((await row.getAttribute('aria-checked')) === wanted) continue;
    // The hover of the checkbox clicked before (its probe's name) opens below it, over the next row's checkbox:
    // move the mouse away and let it close first.
    await page.mouse.move(0, 0);
    await page.locator('.context-view .hover-contents').first().waitFor({ state: 'hidden', timeout: 10_000 });
    await row.locator('.monaco-checkbox').click();
    await waitFor(`probe ${name} to be ${wanted === 'true' ? 'checked' : 'unchecked'}`, async () => (await row.getAttribute('aria-checked')) === wanted, 10_000);
  }
  await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
}
