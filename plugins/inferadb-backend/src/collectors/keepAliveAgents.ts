import { createHash } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';

/** Connection options that decide whether two requests may share a connection. */
const CONNECTION_OPTIONS = [
  'ca',
  'cert',
  'key',
  'pfx',
  'passphrase',
  'rejectUnauthorized',
  'servername',
] as const;

function fingerprint(agent: http.Agent, options: Record<string, unknown>) {
  const hash = createHash('sha256').update(
    agent instanceof https.Agent ? 'https' : 'http',
  );
  for (const name of CONNECTION_OPTIONS) {
    const value = options[name];
    hash.update(`\u0000${name}=`);
    if (value !== undefined) hash.update(String(value));
  }
  return hash.digest('base64url');
}

/**
 * The Kubernetes client builds a new agent, hence a new TCP and TLS connection, for every
 * request. With a fleet collected every few seconds that is a handshake per request; this
 * gives, for the agent the client made, a keep-alive one with the same TLS options, one
 * per set of options (so rotated client certificates get their own). Proxy agents are
 * returned as they are.
 */
export function keepAliveAgents(): (
  made: http.Agent | undefined,
) => http.Agent | undefined {
  const agents = new Map<string, http.Agent>();
  return made => {
    if (
      !made ||
      (made.constructor !== http.Agent && made.constructor !== https.Agent)
    ) {
      return made;
    }
    const options = (made as any).options as Record<string, unknown>;
    const key = fingerprint(made, options);
    let agent = agents.get(key);
    if (!agent) {
      const Agent = made instanceof https.Agent ? https.Agent : http.Agent;
      agent = new Agent({ ...options, keepAlive: true });
      agents.set(key, agent);
    }
    return agent;
  };
}
