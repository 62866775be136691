// Which file names are registries: its own module so the extension's small activation bundle can ask without
// loading the registry parser.

/** `scim-registry.json(c)` and `*.scim-registry.json(c)`, in any folder. */
export function isRegistryFileName(fileName: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return /^(.+\.)?scim-registry\.jsonc?$/i.test(base);
}
