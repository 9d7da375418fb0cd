import { Fleet } from '@inferadb-regions/plugin-inferadb-common';
import { MESH_SECRET_KEY, MeshKey } from '../mesh';

const POD_NAME = {
  name: 'POD_NAME',
  valueFrom: { fieldRef: { fieldPath: 'metadata.name' } },
};
const POD_UID = {
  name: 'POD_UID',
  valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } },
};

/**
 * Kernel networking, as Tailscale's sidecar and subnet-router samples run it: the other
 * containers' connections then travel the tailnet. It needs root and a privileged
 * container; the fields are set here because the charts' pod-level security contexts
 * (runAsNonRoot, runAsUser 65532) would otherwise apply to it too.
 */
const KERNEL_MODE_SECURITY = {
  privileged: true,
  runAsUser: 0,
  runAsGroup: 0,
  runAsNonRoot: false,
};

function authKeyEnv(key: MeshKey) {
  return {
    name: 'TS_AUTHKEY',
    valueFrom: {
      secretKeyRef: { name: key.secretName, key: MESH_SECRET_KEY },
    },
  };
}

function container(fleet: Fleet, env: Array<Record<string, unknown>>) {
  return {
    name: 'tailscale',
    image: fleet.spec.tailscale.image,
    env: [
      ...env,
      { name: 'TS_USERSPACE', value: 'false' },
      { name: 'TS_DEBUG_FIREWALL_MODE', value: 'auto' },
    ],
    securityContext: KERNEL_MODE_SECURITY,
    resources: {
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { cpu: '200m', memory: '128Mi' },
    },
  };
}

/**
 * A sidecar that only dials out (Engine, Control, FDB processes), joining with an
 * ephemeral key and keeping its state in memory: a restarted pod is a new device and the
 * old one is removed by Tailscale, so nothing piles up. `--accept-routes` lets it reach
 * the Service CIDRs other clusters' subnet routers advertise.
 */
export function dialOutSidecar(fleet: Fleet, key: MeshKey) {
  return container(fleet, [
    authKeyEnv(key),
    { name: 'TS_KUBE_SECRET', value: '' },
    { name: 'TS_EXTRA_ARGS', value: '--accept-routes' },
  ]);
}

/**
 * The same as a Kubernetes native sidecar (an init container that keeps running,
 * Kubernetes 1.29 or later), for charts that take `initContainers` but no extra
 * containers. It starts before the app, so the app's first connection has its routes.
 */
export function nativeDialOutSidecar(fleet: Fleet, key: MeshKey) {
  return { ...dialOutSidecar(fleet, key), restartPolicy: 'Always' };
}

/**
 * A sidecar others dial by name (Ledger pods, subnet routers): a non-ephemeral key and
 * its state in a Secret named after the pod, as Tailscale's Kubernetes samples do for
 * StatefulSets, so a restarted pod comes back as the same device. Needs the RBAC of
 * `tailscaleStateRbac`.
 */
export function statefulSidecar(
  fleet: Fleet,
  key: MeshKey,
  hostname: string,
  extraEnv: Array<Record<string, unknown>> = [],
) {
  return container(fleet, [
    POD_NAME,
    POD_UID,
    authKeyEnv(key),
    { name: 'TS_KUBE_SECRET', value: '$(POD_NAME)' },
    { name: 'TS_HOSTNAME', value: hostname },
    ...extraEnv,
  ]);
}

/**
 * ServiceAccount, Role and RoleBinding letting a StatefulSet's Tailscale containers keep
 * state in Secrets named after their pods (Tailscale's role.yaml: create, which cannot be
 * limited by name; get, update and patch on those names only; events).
 */
export function tailscaleStateRbac(
  name: string,
  namespace: string,
  podNames: string[],
  labels: Record<string, string>,
) {
  const metadata = { name, namespace, labels };
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata,
      rules: [
        { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
        {
          apiGroups: [''],
          resources: ['secrets'],
          resourceNames: podNames,
          verbs: ['get', 'update', 'patch'],
        },
        {
          apiGroups: [''],
          resources: ['events'],
          verbs: ['get', 'create', 'patch'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata,
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name,
      },
    },
  ];
}
