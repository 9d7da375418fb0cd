import { randomUUID } from 'node:crypto';
import { applyServerDefaults } from './defaults';
import { LabelSelector } from './labelSelector';
import { hasStatusSubresource, kindOf } from './resources';
import {
  alreadyExists,
  conflict,
  failureStatus,
  notFound,
  StatusError,
} from './status';

/** A Kubernetes object as stored and served: `apiVersion`, `kind`, `metadata` and the rest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Which resource a request addresses: API group (`''` for core), version and plural name. */
export interface ResourceRef {
  group: string;
  version: string;
  plural: string;
}

export interface WriteOptions {
  /** `dryRun=All`: validate and answer, but keep nothing. */
  dryRun?: boolean;
  /** Write `status` as given, ignoring the status subresource rules (seeding from tests). */
  keepStatus?: boolean;
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Everything but metadata and status: what a change of bumps `metadata.generation`. */
/** `v1` for the core group, else `group/version`, as objects are served. */
function apiVersionOf(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

function specOf(obj: KubernetesObject): string {
  const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...spec } = obj;
  return JSON.stringify(spec);
}

/**
 * The in-memory object store behind the API server: objects by resource,
 * namespace and name, with the metadata the API server maintains (uid,
 * a cluster-wide increasing resourceVersion, creationTimestamp, generation).
 */
export class ObjectStore {
  private readonly resources = new Map<string, Map<string, KubernetesObject>>();
  private readonly kinds = new Map<string, string>();
  private revision = 0;

  get resourceVersion(): string {
    return String(this.revision);
  }

  /** The kind of the objects of a resource, as last seen, else guessed from its plural. */
  kindOf(ref: ResourceRef): string {
    return this.kinds.get(`${ref.group}|${ref.plural}`) ?? kindOf(ref.plural);
  }

  private bucket(ref: ResourceRef): Map<string, KubernetesObject> {
    const key = `${ref.group}|${ref.plural}`;
    let bucket = this.resources.get(key);
    if (!bucket) {
      bucket = new Map();
      this.resources.set(key, bucket);
    }
    return bucket;
  }

  /** A copy of the object as served at `ref.version`. */
  private served(ref: ResourceRef, obj: KubernetesObject): KubernetesObject {
    const copy = structuredClone(obj);
    copy.apiVersion = apiVersionOf(ref);
    return copy;
  }

  /** Copies of the matching objects, sorted by namespace and name. */
  list(
    ref: ResourceRef,
    namespace: string | undefined,
    selector: LabelSelector = () => true,
  ): KubernetesObject[] {
    return this.matching(ref, namespace, selector).map(o =>
      this.served(ref, o),
    );
  }

  /**
   * The matching objects as served, without deep copies: only for serialising an answer
   * straight away (a list answer is the emulator's hottest path), never to change.
   */
  listForAnswer(
    ref: ResourceRef,
    namespace: string | undefined,
  ): readonly KubernetesObject[] {
    const apiVersion = apiVersionOf(ref);
    return this.matching(ref, namespace, () => true).map(o => ({
      ...o,
      apiVersion,
    }));
  }

  private matching(
    ref: ResourceRef,
    namespace: string | undefined,
    selector: LabelSelector,
  ): KubernetesObject[] {
    return [...this.bucket(ref).values()]
      .filter(
        o => namespace === undefined || o.metadata.namespace === namespace,
      )
      .filter(o => selector(o.metadata.labels))
      .sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
      );
  }

  /** Every namespace that holds at least one object. */
  namespacesInUse(): string[] {
    const names = new Set<string>();
    for (const bucket of this.resources.values()) {
      for (const obj of bucket.values()) {
        if (obj.metadata.namespace) names.add(obj.metadata.namespace);
      }
    }
    return [...names];
  }

  /** Removes an object without the API's rules (seeding from tests); true when it existed. */
  remove(ref: ResourceRef, namespace: string, name: string): boolean {
    return this.bucket(ref).delete(`${namespace}/${name}`);
  }

  find(
    ref: ResourceRef,
    namespace: string,
    name: string,
  ): KubernetesObject | undefined {
    const obj = this.bucket(ref).get(`${namespace}/${name}`);
    return obj && this.served(ref, obj);
  }

  get(ref: ResourceRef, namespace: string, name: string): KubernetesObject {
    const obj = this.find(ref, namespace, name);
    if (!obj) throw new StatusError(notFound(ref.group, ref.plural, name));
    return obj;
  }

  create(
    ref: ResourceRef,
    namespace: string,
    body: KubernetesObject,
    options: WriteOptions = {},
  ): KubernetesObject {
    const name = this.nameFor(ref, body);
    if (this.bucket(ref).has(`${namespace}/${name}`)) {
      throw new StatusError(alreadyExists(ref.group, ref.plural, name));
    }
    const obj = structuredClone(body);
    if (!options.keepStatus && hasStatusSubresource(ref.plural))
      delete obj.status;
    obj.metadata = {
      ...obj.metadata,
      name,
      ...(namespace ? { namespace } : {}),
      uid: randomUUID(),
      creationTimestamp: timestamp(),
      generation: 1,
    };
    delete obj.metadata.generateName;
    return this.commit(ref, obj, options);
  }

  /**
   * Replaces an object (PUT, or the result of a PATCH). A `resourceVersion`
   * in the body must match the stored one, as optimistic concurrency demands.
   */
  replace(
    ref: ResourceRef,
    namespace: string,
    name: string,
    body: KubernetesObject,
    options: WriteOptions & { subresource?: 'status' } = {},
  ): KubernetesObject {
    const current = this.bucket(ref).get(`${namespace}/${name}`);
    if (!current) throw new StatusError(notFound(ref.group, ref.plural, name));
    if (body.metadata?.name !== undefined && body.metadata.name !== name) {
      throw new StatusError(
        failureStatus(
          400,
          `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
        ),
      );
    }
    const expected = body.metadata?.resourceVersion;
    if (
      expected !== undefined &&
      expected !== '' &&
      expected !== current.metadata.resourceVersion
    ) {
      throw new StatusError(conflict(ref.group, ref.plural, name));
    }
    let next: KubernetesObject;
    if (options.subresource === 'status') {
      // Writes through /status change only status.
      next = {
        ...structuredClone(current),
        status: structuredClone(body.status),
      };
    } else {
      next = structuredClone(body);
      if (!options.keepStatus && hasStatusSubresource(ref.plural)) {
        if (current.status === undefined) delete next.status;
        else next.status = structuredClone(current.status);
      }
    }
    next.metadata = {
      ...(options.subresource === 'status' ? current.metadata : next.metadata),
      name,
      ...(namespace ? { namespace } : {}),
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
      generation:
        (current.metadata.generation ?? 1) +
        (specOf(next) === specOf(current) ? 0 : 1),
    };
    return this.commit(ref, next, options);
  }

  delete(
    ref: ResourceRef,
    namespace: string,
    name: string,
    options: WriteOptions = {},
  ): KubernetesObject {
    const key = `${namespace}/${name}`;
    const current = this.bucket(ref).get(key);
    if (!current) throw new StatusError(notFound(ref.group, ref.plural, name));
    if (!options.dryRun) this.bucket(ref).delete(key);
    return this.served(ref, current);
  }

  private nameFor(ref: ResourceRef, body: KubernetesObject): string {
    const name = body.metadata?.name;
    if (name) return name;
    const prefix = body.metadata?.generateName;
    if (typeof prefix === 'string' && prefix) {
      return `${prefix}${randomUUID().replace(/-/g, '').slice(0, 5)}`;
    }
    throw new StatusError(
      failureStatus(
        422,
        `${this.kindOf(
          ref,
        )} "" is invalid: metadata.name: Required value: name or generateName is required`,
        {
          reason: 'Invalid',
          details: {
            kind: this.kindOf(ref),
            causes: [
              {
                reason: 'FieldValueRequired',
                message: 'Required value: name or generateName is required',
                field: 'metadata.name',
              },
            ],
          },
        },
      ),
    );
  }

  private commit(
    ref: ResourceRef,
    obj: KubernetesObject,
    options: WriteOptions,
  ): KubernetesObject {
    obj.apiVersion = ref.group ? `${ref.group}/${ref.version}` : ref.version;
    obj.kind = obj.kind || this.kindOf(ref);
    applyServerDefaults(ref, obj);
    if (options.dryRun) {
      return this.served(ref, {
        ...obj,
        metadata: { ...obj.metadata, resourceVersion: this.resourceVersion },
      });
    }
    this.revision++;
    obj.metadata.resourceVersion = String(this.revision);
    this.kinds.set(`${ref.group}|${ref.plural}`, obj.kind);
    this.bucket(ref).set(
      `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`,
      obj,
    );
    return this.served(ref, obj);
  }
}
