import {
  KubernetesEmulator,
  KubernetesEmulatorOptions,
  startKubernetesEmulator,
} from '../kubernetes';
import { demoHealthz, demoRegionObjects } from './objects';
import { DEMO_NAMESPACE, DEMO_REGIONS } from './regions';

/**
 * An emulated Kubernetes API server holding one healthy region of the demo fleet
 * (FoundationDBCluster, StatefulSets, pods with a Tailscale sidecar, `/healthz` of Engine
 * and Control behind the service proxy). A region id outside the demo fleet gets the
 * replica's objects under that id.
 */
export async function startDemoRegionCluster(
  regionId: string,
  options: KubernetesEmulatorOptions = {},
): Promise<KubernetesEmulator> {
  const region = DEMO_REGIONS.find(r => r.id === regionId) ?? {
    ...DEMO_REGIONS[2],
    id: regionId,
  };
  const emulator = await startKubernetesEmulator(options);
  for (const obj of demoRegionObjects(region, 'healthy', {
    mistake: false,
    startedAt: '2026-11-22T05:00:00Z',
    restarts: 0,
  })) {
    emulator.put(obj);
  }
  for (const service of ['engine', 'control'] as const) {
    emulator.setServiceProxy(
      { namespace: DEMO_NAMESPACE, service: `inferadb-${service}` },
      req =>
        req.path === '/healthz'
          ? demoHealthz(service, 'healthy', 3600)
          : { status: 404, body: 'not found' },
    );
  }
  return emulator;
}
