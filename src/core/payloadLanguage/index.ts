// Editor-agnostic language features for SCIM payloads: detection, completion, hover, snippets.
export type { PayloadCompletionItem, PayloadHover, PayloadLanguageOptions, CompletionKind } from './types';
export { payloadCompletions } from './completion';
export { payloadHover } from './hover';
export { isScimPayloadFileName, directionFromFileName, hasScimSchemas, DETECT_PREFIX_CHARS } from './detect';
export { parseSnippetFile, expandSnippetDefaults, type PayloadSnippet } from './snippets';
export { completeFilterText } from './filterCompletion';
export { filterTreeMarkdown, patchPathMarkdown } from './filterTree';
