export {
  createTailscaleCreateAuthKeyAction,
  CREATE_AUTH_KEY_ACTION_ID,
} from './createAuthKey';
export {
  createTailscaleRotateAuthKeyAction,
  ROTATE_AUTH_KEY_ACTION_ID,
} from './rotateAuthKey';
export type { TailscaleActionOptions } from './deps';
export type { SecretLockOptions } from './secretLocks';
