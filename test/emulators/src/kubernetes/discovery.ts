/**
 * The API server's legacy discovery documents (`/api`, `/apis`, `/api/v1`,
 * `/apis/{group}/{version}`), which kubectl reads before any other request to
 * learn each resource's path, kind and scope. Kinds and verbs as a Kubernetes
 * 1.31 API server with the FoundationDB operator's CRDs lists them.
 */

import { hasStatusSubresource } from './resources';

const VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

interface Resource {
  name: string;
  kind: string;
  namespaced?: boolean;
  shortNames?: string[];
  /** Omitted: the verbs above. */
  verbs?: string[];
}

const GROUPS: Record<string, { version: string; resources: Resource[] }> = {
  '': {
    version: 'v1',
    resources: [
      { name: 'configmaps', kind: 'ConfigMap', shortNames: ['cm'] },
      { name: 'endpoints', kind: 'Endpoints', shortNames: ['ep'] },
      { name: 'events', kind: 'Event', shortNames: ['ev'] },
      {
        name: 'namespaces',
        kind: 'Namespace',
        namespaced: false,
        shortNames: ['ns'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      {
        name: 'persistentvolumeclaims',
        kind: 'PersistentVolumeClaim',
        shortNames: ['pvc'],
      },
      { name: 'pods', kind: 'Pod', shortNames: ['po'] },
      { name: 'secrets', kind: 'Secret' },
      { name: 'serviceaccounts', kind: 'ServiceAccount', shortNames: ['sa'] },
      { name: 'services', kind: 'Service', shortNames: ['svc'] },
    ],
  },
  apps: {
    version: 'v1',
    resources: [
      { name: 'deployments', kind: 'Deployment', shortNames: ['deploy'] },
      { name: 'replicasets', kind: 'ReplicaSet', shortNames: ['rs'] },
      { name: 'statefulsets', kind: 'StatefulSet', shortNames: ['sts'] },
    ],
  },
  'networking.k8s.io': {
    version: 'v1',
    resources: [
      { name: 'ingresses', kind: 'Ingress', shortNames: ['ing'] },
      {
        name: 'networkpolicies',
        kind: 'NetworkPolicy',
        shortNames: ['netpol'],
      },
    ],
  },
  // The FoundationDB operator's CRDs; `fdb` is the cluster CRD's short name in the
  // operator's apps.foundationdb.org_foundationdbclusters.yaml.
  'apps.foundationdb.org': {
    version: 'v1beta2',
    resources: [
      { name: 'foundationdbbackups', kind: 'FoundationDBBackup' },
      {
        name: 'foundationdbclusters',
        kind: 'FoundationDBCluster',
        shortNames: ['fdb'],
      },
      { name: 'foundationdbrestores', kind: 'FoundationDBRestore' },
    ],
  },
};

function groupVersion(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

function apiGroup(name: string) {
  const { version } = GROUPS[name];
  const preferred = { groupVersion: groupVersion(name, version), version };
  return { name, versions: [preferred], preferredVersion: preferred };
}

function resourceList(group: string) {
  const { version, resources } = GROUPS[group];
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion(group, version),
    resources: resources.flatMap(r => {
      const main = {
        name: r.name,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced ?? true,
        kind: r.kind,
        verbs: r.verbs ?? VERBS,
        ...(r.shortNames && { shortNames: r.shortNames }),
      };
      const status = {
        name: `${r.name}/status`,
        singularName: '',
        namespaced: main.namespaced,
        kind: r.kind,
        verbs: ['get', 'patch', 'update'],
      };
      // the same resources the emulator serves `/status` for
      return hasStatusSubresource(r.name) ? [main, status] : [main];
    }),
  };
}

/**
 * The discovery document at `path`, or undefined when `path` is not a discovery
 * path. A known path for an unknown group or version answers null (404).
 */
export function discoveryDocument(path: string): object | null | undefined {
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 1 && segments[0] === 'api') {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [],
    };
  }
  if (segments.length === 1 && segments[0] === 'apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: Object.keys(GROUPS).filter(Boolean).map(apiGroup),
    };
  }
  if (segments.length === 2 && segments[0] === 'api') {
    return segments[1] === GROUPS[''].version ? resourceList('') : null;
  }
  if (segments[0] === 'apis' && segments.length === 2) {
    const group = segments[1];
    return GROUPS[group]
      ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(group) }
      : null;
  }
  if (segments[0] === 'apis' && segments.length === 3) {
    const [, group, version] = segments;
    return GROUPS[group]?.version === version ? resourceList(group) : null;
  }
  return undefined;
}
