/**
 * Types, schemas and permissions shared by the InferaDB Regions plugins.
 *
 * @packageDocumentation
 */

export * from './catalog';
export * from './health';
export * from './permissions';
export * from './api';
export * from './fleet';
