// What a run from the editor may do, decided before anything is sent: which probes the picker offers and
// preselects, whether the run writes (and so needs the confirmation naming the application, its base URL and
// environment; a second one for production), and why nothing may be sent at all.
import { ALL_PROBES } from '../probes/probeList';
import { planProbes } from '../probes/runner';
import type { Probe, ProbeName } from '../probes/types';
import type { Application } from '../registry/model';

export const UNTRUSTED_PROBE_MESSAGE = 'SCIM Workbench runs no probes in an untrusted workspace: the registry decides where requests go and which of your stored secrets they carry. Trust this workspace (Manage Workspace Trust) to run probes.';

export interface ProbeChoice {
  name: ProbeName;
  title: string;
  writes: Probe['writes'];
  /** Checked when the picker opens: the read-only probes. */
  picked: boolean;
}

/** The probes the picker offers: read-only ones always (preselected), writing ones only where allowWrites is true. */
export function probeChoices(app: Pick<Application, 'probe'>, probes: readonly Probe[] = ALL_PROBES): ProbeChoice[] {
  const writesAllowed = app.probe?.allowWrites === true;
  return probes
    .filter((p) => p.writes !== 'always' || writesAllowed)
    .map((p) => ({ name: p.name, title: p.title, writes: p.writes, picked: p.writes === 'never' }));
}

export interface RunDecision {
  /** The probes to run, in run order, with what they need. */
  plan: ProbeName[];
  /** Whether this run would write (allowWrites and a probe that writes in the plan). */
  writes: boolean;
  /** Confirmations needed before writing: none, the one naming the app, or that and the production one. */
  confirmations: 0 | 1 | 2;
}

/** Unknown probe names throw (a usage error, like the CLI's --only). */
export function decideRun(app: Pick<Application, 'probe' | 'environment'>, only: readonly string[] | undefined, probes: readonly Probe[] = ALL_PROBES): RunDecision {
  const plan = planProbes(only, probes);
  const writes = app.probe?.allowWrites === true && plan.some((p) => p.writes !== 'never');
  return { plan: plan.map((p) => p.name), writes, confirmations: !writes ? 0 : app.environment === 'production' ? 2 : 1 };
}

/** The modal's text: which application, where, which environment, what will be written. */
export function writeConfirmationText(app: Pick<Application, 'id' | 'name' | 'baseUrl' | 'environment' | 'probe'>, plan: readonly ProbeName[], probes: readonly Probe[] = ALL_PROBES): string {
  const writing = plan.filter((n) => probes.find((p) => p.name === n)?.writes !== 'never');
  const prefix = app.probe?.testUserPrefix || 'scimwb-probe-';
  return `Run writing probes against ${app.name ? `"${app.name}" (${app.id})` : `"${app.id}"`} at ${app.baseUrl}, environment ${app.environment ?? 'not declared'}?\n\n` +
    `${writing.join(', ')} will create, change and delete test users and groups named ${prefix}… in this application (and only those), and remove them at the end.`;
}

export function productionConfirmationText(app: Pick<Application, 'id' | 'baseUrl'>): string {
  return `"${app.id}" is a PRODUCTION application (${app.baseUrl}). Writing probes create and delete users and groups there. Confirm a second time to write to production.`;
}
