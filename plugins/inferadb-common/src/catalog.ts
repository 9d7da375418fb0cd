/** Annotation on a `System` entity naming the InferaDB fleet it stands for. */
export const FLEET_ANNOTATION = 'inferadb.io/fleet';

/** Annotation on a `Resource` entity naming the region id it stands for. */
export const REGION_ANNOTATION = 'inferadb.io/region';

/** `spec.type` of the `Resource` entities that stand for regions. */
export const REGION_RESOURCE_TYPE = 'inferadb-region';
