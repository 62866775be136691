// The product version: injected by the bundler from package.json, so the CLI's --version and the HTTP engine's
// User-Agent always agree. Falls back for tests run from sources.
declare const __SCIMWB_VERSION__: string | undefined;
export const version: string = typeof __SCIMWB_VERSION__ === 'string' ? __SCIMWB_VERSION__ : '0.0.0-dev';
