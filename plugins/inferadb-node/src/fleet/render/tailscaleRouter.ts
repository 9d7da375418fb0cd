import { Fleet, FleetRegion } from '@inferadb-regions/plugin-inferadb-common';
import { meshKey } from '../mesh';
import { commonLabels } from './labels';
import { statefulSidecar, tailscaleStateRbac } from './tailscaleSidecar';

/** Name of a region's Tailscale subnet router StatefulSet (and its RBAC). */
export const ROUTER_NAME = 'inferadb-tailscale-router';
/** Two routers advertising the same routes: Tailscale fails over between them. */
const ROUTER_REPLICAS = 2;

const selector = { 'app.kubernetes.io/name': ROUTER_NAME };

/**
 * The subnet router of an FDB data center: it advertises the cluster's Service CIDR on
 * the tailnet, where the policy's autoApprovers approve it, so the other data centers
 * reach this one's FDB processes on the Service IPs they advertise
 * (`routing.publicIPSource: service`). Tailscale's subnet.yaml sample, as a StatefulSet
 * with per-pod state (its README's "unique Secret names" option).
 */
export function tailscaleRouter(fleet: Fleet, region: FleetRegion) {
  if (!region.serviceCidr) {
    throw new Error(`region ${region.id} has no serviceCidr to advertise`);
  }
  const labels = { ...commonLabels(fleet, region), ...selector };
  const podNames = Array.from(
    { length: ROUTER_REPLICAS },
    (_, i) => `${ROUTER_NAME}-${i}`,
  );
  const router = statefulSidecar(
    fleet,
    meshKey(fleet, region, 'router'),
    `$(POD_NAME)-${region.id}`,
    [{ name: 'TS_ROUTES', value: region.serviceCidr }],
  );
  return [
    ...tailscaleStateRbac(ROUTER_NAME, region.namespace, podNames, labels),
    {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: ROUTER_NAME, namespace: region.namespace, labels },
      spec: {
        serviceName: ROUTER_NAME,
        replicas: ROUTER_REPLICAS,
        selector: { matchLabels: selector },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: ROUTER_NAME,
            containers: [router],
          },
        },
      },
    },
  ];
}
