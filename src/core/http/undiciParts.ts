// The undici parts the engine uses, each from its own module. undici's index also builds fetch, WebSocket,
// cookies, caches and the mock agents: about 40 ms of a `scim-workbench send` process, plus compiling a 1 MB chunk
// (issue 14, CPU profile). A direct connection only calls `dispatch`, so it needs none of that.
import type { EnvHttpProxyAgent } from 'undici';
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';

export { Agent, buildConnector };

/** The proxy agent tunnels with the connect() method undici's index adds to every dispatcher: the index is loaded
 * (bundled, in its own chunk) only when a proxy is configured. */
export async function loadEnvHttpProxyAgent(): Promise<typeof EnvHttpProxyAgent> {
  const undici = (await import('undici')) as typeof import('undici') & { default?: typeof import('undici') };
  // An ES module chunk (the CLI's) sees the CommonJS index only as its default export.
  return (undici.EnvHttpProxyAgent as typeof EnvHttpProxyAgent | undefined) ?? (undici.default as typeof import('undici')).EnvHttpProxyAgent;
}
