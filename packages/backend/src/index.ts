import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Auth: the guest provider signs local users in (see app-config.yaml).
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with templates registered as entities.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// Scaffolder, with the official GitHub actions and the InferaDB actions.
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@inferadb-regions/plugin-scaffolder-backend-module-inferadb'),
);

backend.add(import('@backstage/plugin-techdocs-backend'));

// Search (in-memory engine) over the catalog and TechDocs.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
// Builds and indexes this repository's docs at startup, so docs pages find a search index.
backend.add(import('./docsWarmUp'));

// Permissions: the dev portal allows everything; see docs/security.md for a real policy.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

backend.add(import('@inferadb-regions/plugin-inferadb-backend'));
// The demo fleet's loopback emulators, when inferadb.demo.enabled is set (app-config.yaml).
backend.add(import('./inferadbDemo'));

backend.start();
