/**
 * Fleet page, entity content and cards that show per-region InferaDB health.
 *
 * @packageDocumentation
 */

export {
  inferadbPlugin,
  InferadbFleetPage,
  EntityInferadbFleetContent,
  EntityInferadbRegionCard,
  EntityInferadbFleetCard,
  InferadbClusterPickerFieldExtension,
  InferadbRegionPickerFieldExtension,
  InferadbRolePickerFieldExtension,
} from './plugin';
export type { InferadbComponentProps } from './plugin';
export { InferadbFleetsCard } from './components/FleetsCard';
export { inferadbApiRef, InferadbClient } from './api';
export type { InferadbApi } from './api';
export {
  isInferadbFleet,
  isInferadbRegion,
} from './components/entityAnnotations';
