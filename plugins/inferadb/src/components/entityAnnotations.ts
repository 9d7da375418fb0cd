import { Entity } from '@backstage/catalog-model';
import {
  isFleetEntity,
  isRegionEntity,
} from '@inferadb-regions/plugin-inferadb-common';

/**
 * A `System` standing for a fleet: gets the fleet tab and the summary card.
 * For `EntitySwitch.Case if={...}` in an app's entity page.
 *
 * @public
 */
export function isInferadbFleet(entity: Entity): boolean {
  return isFleetEntity(entity);
}

/**
 * A `Resource` of type `inferadb-region`: gets the region card.
 *
 * @public
 */
export function isInferadbRegion(entity: Entity): boolean {
  return isRegionEntity(entity);
}
