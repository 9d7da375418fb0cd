/**
 * Loopback emulators of the external APIs the InferaDB Regions plugins talk to.
 *
 * @packageDocumentation
 */

export * from './github';
export * from './kubernetes';
export * from './tailscale';
export * from './prometheus';
export * from './demo';
export { startTestPostgres, type TestPostgres } from './postgres';
