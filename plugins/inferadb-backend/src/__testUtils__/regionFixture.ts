import { KubernetesEmulator } from '@internal/inferadb-emulators';

/** The `inferadb.clusters` entry of an emulator serving plain HTTP on loopback. */
export function clusterEntry(name: string, emulator: KubernetesEmulator) {
  return {
    name,
    url: emulator.url,
    // The client accepts plain HTTP only with verification off.
    skipTLSVerify: true,
    serviceAccountToken: emulator.token,
  };
}
