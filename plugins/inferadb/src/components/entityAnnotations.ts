import { Entity } from '@backstage/catalog-model';
import {
  FLEET_ANNOTATION,
  REGION_ANNOTATION,
} from '@internal/plugin-inferadb-common';

/** The fleet a catalog entity stands for or belongs to, from its annotation. */
export function fleetOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[FLEET_ANNOTATION]?.trim() || undefined;
}

/** The region id a region `Resource` stands for. */
export function regionOf(entity: Entity): string | undefined {
  return entity.metadata.annotations?.[REGION_ANNOTATION]?.trim() || undefined;
}

/** A `System` standing for a fleet: gets the fleet tab and the summary card. */
export function isInferadbFleet(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'system' && Boolean(fleetOf(entity));
}

/** A `Resource` standing for a region: gets the region card. */
export function isInferadbRegion(entity: Entity): boolean {
  return entity.kind.toLowerCase() === 'resource' && Boolean(regionOf(entity));
}
