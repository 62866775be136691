// The version lives in the core (the HTTP engine's User-Agent names it too); the CLI re-exports it.
export { version } from '../core/version';
