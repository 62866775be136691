// The applications request files can name, read from registries in the order they are searched: the first
// application of an id wins and ids compare case-insensitively (like the CLI's --app). The editor and
// `scim-workbench lint` both build their lists here, so a file is judged the same in both.
import type { ParsedApplication, ParsedRegistry } from '../registry';
import type { RequestFileApp } from './model';

export interface RegistryApplicationOf<R> {
  info: RequestFileApp;
  registry: R;
  app: ParsedApplication;
}

/** Every application with a non-empty string id, first of its id only; `sourceOf` names where it is defined. */
export function registryApplications<R extends { parsed: ParsedRegistry }>(registries: readonly R[], sourceOf: (registry: R) => string): RegistryApplicationOf<R>[] {
  const out: RegistryApplicationOf<R>[] = [];
  const seen = new Set<string>();
  for (const registry of registries) {
    for (const app of registry.parsed.applications) {
      const id = app.app.id;
      if (typeof id !== 'string' || id === '' || seen.has(id.toLowerCase())) continue;
      seen.add(id.toLowerCase());
      const info: RequestFileApp = { id, source: sourceOf(registry) };
      if (typeof app.app.name === 'string') info.name = app.app.name;
      if (typeof app.app.baseUrl === 'string') info.baseUrl = app.app.baseUrl;
      out.push({ info, registry, app });
    }
  }
  return out;
}
