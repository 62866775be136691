// Public surface of request files (`*.scim`, `*.scim.http`, language `scim-request`): parse, analyse, resolve for
// sending, and the editor services (completion, hover). Editors, the runner and the CLI import from here only.
export type * from './model';
export { REQUEST_FILE_CODES, type RequestFileCode } from './codes';
export { parseRequestFile, requestAt, appDirectiveFor } from './parse';
export { analyzeRequestFile, type RequestFileAnalysisOptions } from './analyze';
export { registryApplications, type RegistryApplicationOf } from './registryApps';
export { resolveRequest, type ResolveContext, type ResolvedRequest, type ResolveOutcome } from './resolve';
export { parseResponsePath, responseValue, type ResponsePath } from './lastResponse';
export { METHODS } from './requestLine';
export { requestFileCompletions, type RequestFileLanguageOptions } from './completion';
export { requestFileHover } from './hover';
export { fixAllBodyQuirks } from './analyzeBody';
