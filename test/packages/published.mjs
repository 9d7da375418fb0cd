/** The packages we publish, as folders of this repository, dependencies first. */
export const PUBLISHED = [
  'plugins/inferadb-common',
  'plugins/inferadb-node',
  'plugins/inferadb-backend',
  'plugins/scaffolder-backend-module-inferadb',
  'plugins/inferadb',
];
