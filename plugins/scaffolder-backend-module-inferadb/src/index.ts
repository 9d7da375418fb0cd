/**
 * Scaffolder actions for InferaDB regions.
 *
 * @packageDocumentation
 */

export { scaffolderModuleInferadb as default } from './module';
export {
  createTailscaleCreateAuthKeyAction,
  createTailscaleRotateAuthKeyAction,
} from './actions/tailscale';
export type {
  SecretLockOptions,
  TailscaleActionOptions,
} from './actions/tailscale';
