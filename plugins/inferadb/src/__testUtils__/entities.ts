import { Entity } from '@backstage/catalog-model';

export const fleetSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'inferadb-demo',
    annotations: { 'inferadb.io/fleet': 'inferadb-demo' },
  },
  spec: { owner: 'group:default/platform' },
};

export const plainSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments' },
  spec: { owner: 'group:default/platform' },
};

export const regionResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'inferadb-demo-eu-central-1',
    namespace: 'default',
    annotations: {
      'inferadb.io/fleet': 'inferadb-demo',
      'inferadb.io/region': 'eu-central-1',
      'inferadb.io/role': 'dr',
    },
    links: [
      {
        url: 'https://grafana.example/d/inferadb?var-region=eu-central-1',
        title: 'Grafana: eu-central-1',
      },
    ],
  },
  spec: {
    type: 'inferadb-region',
    owner: 'group:default/platform',
    system: 'inferadb-demo',
  },
};
