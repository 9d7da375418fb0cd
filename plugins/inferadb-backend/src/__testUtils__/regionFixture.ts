import { RegionConfig } from '../config/types';
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

/** A region of a fleet as the backend holds it, with the defaults the config reader gives. */
export function regionConfig(
  id: string,
  role: RegionConfig['role'],
): RegionConfig {
  return {
    id,
    role,
    cluster: id,
    namespace: 'inferadb',
    dataCenter: id,
    engineService: 'inferadb-engine:8080',
    controlService: 'inferadb-control:9090',
    tailscaleTags: [],
    targets: {},
  };
}
