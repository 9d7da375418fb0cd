export { startTailscaleEmulator } from './server';
export type {
  TailscaleEmulator,
  TailscaleEmulatorOptions,
  TailscaleRecordedRequest,
} from './server';
export type { TailscaleFault } from './faults';
export type { EmulatedOAuthClient } from './credentials';
export type { EmulatedDevice, StoredKey } from './state';
