import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { FLEET_REGION_ROLES, FleetRegionRole } from './fleet/schema';

/**
 * Annotation on a `System` entity naming the InferaDB fleet it stands for.
 *
 * @public
 */
export const FLEET_ANNOTATION = 'inferadb.io/fleet';

/**
 * Annotation on a fleet's `System` locating its fleet file: a URL, or a path relative to
 * the location the entity was read from (`./fleet.yaml` beside its catalog-info.yaml). The
 * health backend reads the fleet from there.
 *
 * @public
 */
export const FLEET_FILE_ANNOTATION = 'inferadb.io/fleet-file';

/**
 * Annotation on a `Resource` entity naming the region id it stands for.
 *
 * @public
 */
export const REGION_ANNOTATION = 'inferadb.io/region';

/**
 * Annotation on a region `Resource` naming the region's role in its fleet.
 *
 * @public
 */
export const REGION_ROLE_ANNOTATION = 'inferadb.io/role';

/**
 * `spec.type` of the `Resource` entities that stand for regions.
 *
 * @public
 */
export const REGION_RESOURCE_TYPE = 'inferadb-region';

/**
 * What a region `Resource` says about its region.
 *
 * @public
 */
export interface RegionEntityInfo {
  /** Region id, from `inferadb.io/region`. */
  id: string;
  /** Fleet name, from `spec.system`. */
  fleet: string;
  /** Role, from `inferadb.io/role`. */
  role: FleetRegionRole;
}

function annotation(entity: Entity, name: string): string | undefined {
  return entity.metadata.annotations?.[name]?.trim() || undefined;
}

function entityLabel(entity: Entity): string {
  return `${entity.kind} '${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }'`;
}

/**
 * The fleet a catalog entity stands for or belongs to, from its annotation.
 *
 * @public
 */
export function fleetAnnotationOf(entity: Entity): string | undefined {
  return annotation(entity, FLEET_ANNOTATION);
}

/**
 * The region id a catalog entity stands for, from its annotation.
 *
 * @public
 */
export function regionAnnotationOf(entity: Entity): string | undefined {
  return annotation(entity, REGION_ANNOTATION);
}

/**
 * True for a `System` that stands for a fleet (it carries `inferadb.io/fleet`).
 *
 * @public
 */
export function isFleetEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'system' && Boolean(fleetAnnotationOf(entity))
  );
}

/**
 * True for a `Resource` of type `inferadb-region`.
 *
 * @public
 */
export function isRegionEntity(entity: Entity): boolean {
  return (
    entity.kind.toLowerCase() === 'resource' &&
    entity.spec?.type === REGION_RESOURCE_TYPE
  );
}

/**
 * The fleet name of a fleet `System`.
 *
 * @throws InputError when the entity is not a `System` with `inferadb.io/fleet`.
 *
 * @public
 */
export function readFleetEntity(entity: Entity): string {
  const fleet = fleetAnnotationOf(entity);
  if (entity.kind.toLowerCase() !== 'system' || !fleet) {
    throw new InputError(
      `${entityLabel(
        entity,
      )} is not an InferaDB fleet: a fleet is a System with annotation ${FLEET_ANNOTATION}: <fleet name>`,
    );
  }
  return fleet;
}

/**
 * The region id, fleet and role of a region `Resource`.
 *
 * @throws InputError naming what is missing or contradictory, and how to fix it.
 *
 * @public
 */
export function readRegionEntity(entity: Entity): RegionEntityInfo {
  const what = entityLabel(entity);
  if (!isRegionEntity(entity)) {
    throw new InputError(
      `${what} is not an InferaDB region: a region is a Resource with spec.type ${REGION_RESOURCE_TYPE}`,
    );
  }
  const id = regionAnnotationOf(entity);
  if (!id) {
    throw new InputError(
      `${what} has no ${REGION_ANNOTATION} annotation: add ${REGION_ANNOTATION}: <region id>, for example us-west-1`,
    );
  }
  const system = entity.spec?.system;
  if (typeof system !== 'string' || !system.trim()) {
    throw new InputError(
      `${what} has no spec.system: set it to the fleet's System, for example spec.system: inferadb-demo`,
    );
  }
  const fleet = parseEntityRef(system.trim(), { defaultKind: 'system' }).name;
  const annotated = fleetAnnotationOf(entity);
  if (annotated && annotated !== fleet) {
    throw new InputError(
      `${what} names fleet '${annotated}' in ${FLEET_ANNOTATION} but its spec.system is '${system}': make them the same fleet`,
    );
  }
  const role = annotation(entity, REGION_ROLE_ANNOTATION);
  if (!FLEET_REGION_ROLES.includes(role as FleetRegionRole)) {
    throw new InputError(
      `${what} has ${
        role
          ? `${REGION_ROLE_ANNOTATION}: '${role}'`
          : `no ${REGION_ROLE_ANNOTATION} annotation`
      }: set it to one of ${FLEET_REGION_ROLES.join(', ')}`,
    );
  }
  return { id, fleet, role: role as FleetRegionRole };
}

/**
 * The URL of the fleet file a fleet's System names: its `inferadb.io/fleet-file` as given
 * when absolute, else resolved against the location the entity was read from (as
 * TechDocs resolves `dir:.`), so `./fleet.yaml` is the file beside catalog-info.yaml.
 *
 * @throws InputError when the entity names no fleet file, or one that cannot be resolved.
 *
 * @public
 */
export function fleetFileUrlOf(entity: Entity): string {
  const value = annotation(entity, FLEET_FILE_ANNOTATION);
  if (!value) {
    throw new InputError(
      `${entityLabel(
        entity,
      )} names no fleet file: set ${FLEET_FILE_ANNOTATION} (inferadb-regions init renders ./fleet.yaml)`,
    );
  }
  if (/^https?:\/\//.test(value)) {
    return value;
  }
  const location = annotation(entity, ANNOTATION_LOCATION);
  const base = location ? parseLocationRef(location) : undefined;
  if (base?.type !== 'url') {
    throw new InputError(
      `${entityLabel(entity)} names its fleet file '${value}' relative to ${
        location ?? 'no location'
      }, which is not a URL the portal can read: register the entity from its repository, or make ${FLEET_FILE_ANNOTATION} an absolute URL`,
    );
  }
  return new URL(value, base.target).toString();
}

/**
 * Whether a region entity speaks for the fleet whose `System` is given: a region Resource
 * whose `spec.system` names that System and which came from the same catalog location.
 * Any registered entity can carry a region's annotations; only these may, for example,
 * add links to the region.
 *
 * @public
 */
export function belongsToFleet(region: Entity, fleetSystem: Entity): boolean {
  if (!isRegionEntity(region) || typeof region.spec?.system !== 'string')
    return false;
  const named = parseEntityRef(region.spec.system, {
    defaultKind: 'system',
    defaultNamespace: region.metadata.namespace ?? DEFAULT_NAMESPACE,
  });
  if (stringifyEntityRef(named) !== stringifyEntityRef(fleetSystem))
    return false;
  const origin = (e: Entity) =>
    e.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION];
  return origin(region) === origin(fleetSystem);
}
