import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { FLEET_FILE_ANNOTATION } from '@internal/plugin-inferadb-common';

/**
 * The URL of the fleet file a fleet's System names: its `inferadb.io/fleet-file` as given
 * when absolute, else resolved against the location the entity was read from (as
 * TechDocs resolves `dir:.`), so `./fleet.yaml` is the file beside catalog-info.yaml.
 */
export function fleetFileUrl(entity: Entity): string {
  const value = entity.metadata.annotations?.[FLEET_FILE_ANNOTATION]?.trim();
  const name = `System '${entity.metadata.name}'`;
  if (!value) {
    throw new InputError(`${name} has no ${FLEET_FILE_ANNOTATION} annotation`);
  }
  if (/^https?:\/\//.test(value)) {
    return value;
  }
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  const base = location ? parseLocationRef(location) : undefined;
  if (base?.type !== 'url') {
    throw new InputError(
      `${name} names its fleet file '${value}' relative to ${
        location ?? 'no location'
      }, which is not a URL the portal can read: register the entity from its repository, or make ${FLEET_FILE_ANNOTATION} an absolute URL`,
    );
  }
  return new URL(value, base.target).toString();
}
