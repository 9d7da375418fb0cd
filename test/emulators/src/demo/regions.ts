/** A region of the demo fleet `inferadb-demo` (examples/inferadb-demo.yaml). */
export interface DemoRegion {
  id: string;
  role: 'primary' | 'dr' | 'replica';
  /** Cluster name in `inferadb.clusters`. */
  cluster: string;
  /** The FDB cluster the region's data center belongs to. */
  fdbCluster: string;
  /** Id of the region's Tailscale auth key in the demo tailnet (tagged with the region's tag). */
  tailscaleKeyId: string;
  /** Days until that key expires, counted from the demo's start. */
  keyExpiresInDays: number;
}

export const DEMO_FLEET = 'inferadb-demo';
export const DEMO_NAMESPACE = 'inferadb';
/** The emulators' bearer token: a demo value, not a secret of any real cluster. */
export const DEMO_TOKEN = 'inferadb-demo-token-not-a-secret';

export const DEMO_REGIONS: DemoRegion[] = [
  {
    id: 'us-west-1',
    role: 'primary',
    cluster: 'demo-us-west-1',
    fdbCluster: 'inferadb-fdb',
    tailscaleKeyId: 'demo-key-us-west-1',
    keyExpiresInDays: 75,
  },
  {
    id: 'eu-central-1',
    role: 'dr',
    cluster: 'demo-eu-central-1',
    fdbCluster: 'inferadb-fdb',
    tailscaleKeyId: 'demo-key-eu-central-1',
    keyExpiresInDays: 40,
  },
  {
    id: 'ap-southeast-1',
    role: 'replica',
    cluster: 'demo-ap-southeast-1',
    fdbCluster: 'inferadb-fdb-replica',
    tailscaleKeyId: 'demo-key-ap-southeast-1',
    keyExpiresInDays: 20,
  },
];

/**
 * What a region is made to look like:
 * - `healthy`: everything ready, lag around a second.
 * - `degraded`: one Engine pod and one Tailscale sidecar not ready, lag above 5 s,
 *   Engine reports its cache degraded.
 * - `down`: FoundationDB unavailable, no Engine pod ready, /healthz answers 503.
 * - `unreachable`: the region's Kubernetes API server hangs (sources time out).
 * - `priority-mistake`: the seed documents' priorities (primary 1, DR 2), which make the
 *   DR region primary.
 */
export type DemoRegionState =
  | 'healthy'
  | 'degraded'
  | 'down'
  | 'unreachable'
  | 'priority-mistake';

export const DEMO_STATES: DemoRegionState[] = [
  'healthy',
  'degraded',
  'down',
  'unreachable',
  'priority-mistake',
];
