import { Fleet } from '@internal/plugin-inferadb-common';
import { TAILSCALE_SECRET } from '../layout';

/**
 * The Tailscale sidecar container. The auth key is only referenced: the Secret is created
 * by the Tailscale action, never rendered here. Kernel networking (NET_ADMIN) so the main
 * container's own connections travel the mesh; state is kept in memory (TS_KUBE_SECRET
 * empty) because the key is reusable and the pod needs no Secret write access.
 */
export function tailscaleSidecar(
  fleet: Fleet,
  tags: string[],
  hostname?: string,
) {
  const env: Array<Record<string, unknown>> = [
    {
      name: 'TS_AUTHKEY',
      valueFrom: {
        secretKeyRef: {
          name: TAILSCALE_SECRET.name,
          key: TAILSCALE_SECRET.key,
        },
      },
    },
    { name: 'TS_KUBE_SECRET', value: '' },
    { name: 'TS_USERSPACE', value: 'false' },
    { name: 'TS_EXTRA_ARGS', value: `--advertise-tags=${tags.join(',')}` },
  ];
  if (hostname) {
    env.unshift({
      name: 'POD_NAME',
      valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
    });
    env.push({ name: 'TS_HOSTNAME', value: hostname });
  }
  return {
    name: 'tailscale',
    image: fleet.spec.tailscale.image,
    env,
    securityContext: { capabilities: { add: ['NET_ADMIN'] } },
    resources: {
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    },
  };
}
