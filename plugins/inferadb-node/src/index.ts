/**
 * Node library of the InferaDB Regions plugins: the deployment-repository model, the
 * Tailscale API client and Kubernetes access helpers.
 *
 * @packageDocumentation
 */

export * from './tailscale';
export * from './kubernetes';
export * from './fleet';
export * from './extensions';
export { stripCredentials } from './redact';
export { runInferadbRegionsCli, type CliIo } from './cli';
