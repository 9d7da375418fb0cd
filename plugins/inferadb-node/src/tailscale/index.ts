export { createTailscaleClient, parseRetryAfter } from './client';
export type { TailscaleClientOptions, TailscaleRetryOptions } from './client';
export {
  defaultTailscaleClientFactory,
  readTailscaleSettings,
  tailscaleClientFromConfig,
} from './config';
export type { TailscaleClientFactory, TailscaleSettings } from './config';
export { TAILSCALE_KEYS_CONSOLE } from './errors';
export { AuthKeySecret } from './secret';
export {
  MAX_DESCRIPTION_LENGTH,
  validateExpirySeconds,
  validateKeyDescription,
  validateTags,
} from './validation';
export type {
  AuthKeyCapabilities,
  CreateAuthKeyRequest,
  CreatedAuthKey,
  TailscaleClient,
  TailscaleCredentials,
  TailscaleDevice,
  TailscaleKey,
} from './types';
