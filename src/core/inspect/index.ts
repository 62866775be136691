// Public surface of the vendor error inspector (issue 9).
export { explainResponse, explainResult, type ExplainOptions } from './explain';
export { INSPECT_CODES, INSPECT_CODE_ALIASES, type InspectCode } from './codes';
export { CATEGORIES, type Category, type Explanation, type Deviation, type InspectBodyKind } from './types';
export { matcherOf, type RegistryMatch } from './registryMatch';
export { shapeOfBody, embeddedJson, type BodyShape } from './bodyShape';
