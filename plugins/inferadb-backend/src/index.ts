/**
 * Backend plugin that collects per-region InferaDB health and serves it.
 *
 * @packageDocumentation
 */

export { inferadbPlugin as default } from './plugin';
// Modules that supply clients use inferadbHealthCollectorsExtensionPoint and the client
// types of @inferadb-regions/plugin-inferadb-node.
