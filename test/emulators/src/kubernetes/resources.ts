/**
 * How kinds map to the plural resource names in API paths, and which
 * resources have a `/status` subresource (whose main endpoint then ignores
 * `status`, as the API server does).
 */

const PLURALS: Record<string, string> = {
  ConfigMap: 'configmaps',
  Deployment: 'deployments',
  Endpoints: 'endpoints',
  FoundationDBBackup: 'foundationdbbackups',
  FoundationDBCluster: 'foundationdbclusters',
  FoundationDBRestore: 'foundationdbrestores',
  Ingress: 'ingresses',
  Namespace: 'namespaces',
  NetworkPolicy: 'networkpolicies',
  PersistentVolumeClaim: 'persistentvolumeclaims',
  Pod: 'pods',
  ReplicaSet: 'replicasets',
  Secret: 'secrets',
  Service: 'services',
  ServiceAccount: 'serviceaccounts',
  StatefulSet: 'statefulsets',
};

/** Resources without a status subresource: their whole object is written by create/replace/patch. */
const WITHOUT_STATUS = new Set([
  'configmaps',
  'endpoints',
  'secrets',
  'serviceaccounts',
  'events',
  'roles',
  'rolebindings',
  'clusterroles',
  'clusterrolebindings',
]);

/** Resources whose DELETE answers with the deleted object rather than a Status. */
const DELETE_RETURNS_OBJECT = new Set(['pods', 'services']);

/** The plural resource name of a kind: the table above, else lowercase + `s`. */
export function pluralOf(kind: string): string {
  return PLURALS[kind] ?? `${kind.toLowerCase()}s`;
}

/** The kind of a plural resource name: the table above, else a best guess. */
export function kindOf(plural: string): string {
  const known = Object.entries(PLURALS).find(([, p]) => p === plural);
  if (known) return known[0];
  const singular = plural.endsWith('s') ? plural.slice(0, -1) : plural;
  return singular.charAt(0).toUpperCase() + singular.slice(1);
}

/** `apps/v1` -> `{group: 'apps', version: 'v1'}`; `v1` -> `{group: '', version: 'v1'}`. */
export function splitApiVersion(apiVersion: string): {
  group: string;
  version: string;
} {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : {
        group: apiVersion.slice(0, slash),
        version: apiVersion.slice(slash + 1),
      };
}

export function hasStatusSubresource(plural: string): boolean {
  return !WITHOUT_STATUS.has(plural);
}

/** Custom resources and pods/services answer DELETE with the object itself. */
export function deleteReturnsObject(group: string, plural: string): boolean {
  return (
    DELETE_RETURNS_OBJECT.has(plural) ||
    (group.includes('.') && !group.endsWith('.k8s.io'))
  );
}
