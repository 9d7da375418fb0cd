import { Fleet, fleetSchema } from '@inferadb-regions/plugin-inferadb-common';

/** A fleet document parsed as the CLI would, from its storage, regions and Tailscale. */
export function parsedFleet(
  storage: object,
  regions: object[],
  tailscale: object = {},
): Fleet {
  return fleetSchema.parse({
    apiVersion: 'inferadb.io/v1alpha1',
    kind: 'Fleet',
    metadata: { name: 'demo' },
    spec: { storage, tailscale, regions },
  });
}

/** Every role of a FoundationDB fleet: primary, DR, satellite (each a data center), replica. */
export const FDB_REGIONS = [
  { id: 'us-west-1', role: 'primary', cluster: 'k1', serviceCidr: '10.96.0.0/16' },
  { id: 'eu-central-1', role: 'dr', cluster: 'k2', serviceCidr: '10.97.0.0/16' },
  { id: 'us-east-1', role: 'satellite', cluster: 'k3', serviceCidr: '10.98.0.0/16' },
  { id: 'ap-southeast-1', role: 'replica', cluster: 'k4' },
];

/** The text of a Ledger fleet file of `regions` regions, one line per field. */
export function ledgerFleetText(regions: number): string {
  const lines = [
    'apiVersion: inferadb.io/v1alpha1',
    'kind: Fleet',
    'metadata:',
    '  name: big',
    'spec:',
    '  storage:',
    '    type: ledger',
    '  regions:',
  ];
  for (let i = 0; i < regions; i++)
    lines.push(
      `    - id: region-${i}`,
      `      role: ${i === 0 ? 'primary' : 'replica'}`,
      `      cluster: k-${i}`,
    );
  return `${lines.join('\n')}\n`;
}

