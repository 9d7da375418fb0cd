import { stripCredentials } from '../redact';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { V1Secret } from '@kubernetes/client-node';
import type { AuthKeySecret } from '../tailscale/secret';
import {
  KubernetesClusters,
  loadKubernetesClient,
  withTimeout,
} from './clusters';

/** @public */
export const DEFAULT_AUTH_KEY_SECRET_NAME = 'tailscale-auth';
/** @public */
export const DEFAULT_AUTH_KEY_SECRET_KEY = 'authkey';

/**
 * Labels and annotations on the Secret: what it holds, never the key itself.
 *
 * @public
 */
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
/** @public */
export const MANAGED_BY = 'inferadb-backstage';
/** @public */
export const REGION_LABEL = 'inferadb.io/region';
/** @public */
export const KEY_ID_LABEL = 'inferadb.io/tailscale-key-id';
/** @public */
export const KEY_EXPIRES_ANNOTATION = 'inferadb.io/tailscale-key-expires';
/** @public */
export const KEY_CREATED_ANNOTATION = 'inferadb.io/tailscale-key-created';
/** @public */
export const KEY_TAGS_ANNOTATION = 'inferadb.io/tailscale-key-tags';
export const KEY_EPHEMERAL_ANNOTATION = 'inferadb.io/tailscale-key-ephemeral';

/**
 * Where an auth key lives; safe to log and to output.
 *
 * @public
 */
export interface AuthKeySecretRef {
  cluster: string;
  namespace: string;
  name: string;
  key: string;
}

/**
 * What the Secret's labels say about the key in it (read without reading the key).
 *
 * @public
 */
export interface StoredAuthKeyInfo {
  ref: AuthKeySecretRef;
  region?: string;
  keyId?: string;
  expires?: string;
  /** Tags of the key, from the annotation. */
  tags?: string[];
  /** Whether the key makes ephemeral devices, from the annotation. */
  ephemeral?: boolean;
  managed: boolean;
}

/**
 * Where the key was written, and the key id of the managed Secret it replaced.
 *
 * @public
 */
export interface WrittenAuthKeySecret {
  ref: AuthKeySecretRef;
  /**
   * The key the replaced Secret held (from its label), when it held another: that key is
   * still live until someone revokes it.
   */
  replacedKeyId?: string;
}

/** @public */
export interface WriteAuthKeySecretOptions {
  cluster: string;
  namespace: string;
  region: string;
  keyId: string;
  created?: string;
  expires?: string;
  tags?: string[];
  /** Whether the key makes ephemeral devices (recorded so a rotation keeps it). */
  ephemeral?: boolean;
  authKey: AuthKeySecret;
  /** Default `tailscale-auth`. */
  name?: string;
  /** Default `authkey`. */
  key?: string;
}

/** The Kubernetes API's `Status.message`, or the status line; never a request body. */
function describeApiError(error: unknown): { code?: number; message: string } {
  const e = error as {
    code?: number;
    body?: unknown;
    name?: string;
    message?: string;
  };
  if (typeof e?.code === 'number') {
    let message = '';
    try {
      const body = typeof e.body === 'string' ? JSON.parse(e.body) : e.body;
      message = String((body as { message?: string })?.message ?? '');
    } catch {
      message = '';
    }
    return { code: e.code, message: scrub(message) };
  }
  if (
    e?.name === 'AbortError' ||
    e?.name === 'TimeoutError' ||
    /aborted/i.test(String(e?.message))
  ) {
    return { message: 'timed out' };
  }
  if (error instanceof SyntaxError) return { message: 'not valid JSON' };
  return { message: scrub(String(e?.message ?? e)) };
}

/**
 * Marks an error after which Kubernetes may have carried the request out: no answer in
 * time, or an answer that could not be read. A Secret may then exist although the write
 * failed.
 */
const MAY_HAVE_WRITTEN = Symbol('inferadb.mayHaveWritten');

/**
 * Whether Kubernetes may have written the Secret although writing it failed.
 *
 * @public
 */
export function secretMayHaveBeenWritten(error: unknown): boolean {
  return (
    (error as { [MAY_HAVE_WRITTEN]?: boolean })?.[MAY_HAVE_WRITTEN] === true
  );
}

/** The key id a managed Secret's label (or annotation) names. */
function keyIdOf(secret: V1Secret): string | undefined {
  return (
    secret.metadata?.labels?.[KEY_ID_LABEL] ??
    secret.metadata?.annotations?.[KEY_ID_LABEL]
  );
}

/** Cuts a server message short and masks anything shaped like a Tailscale key. */
function scrub(message: string): string {
  return stripCredentials(message).slice(0, 300);
}

/**
 * Writes Tailscale auth keys into Kubernetes Secrets of the clusters named in
 * app-config, creating the Secret or replacing one this project manages.
 *
 * @public
 */
export class AuthKeySecretStore {
  readonly #clusters: KubernetesClusters;
  readonly #timeoutMs: number;

  constructor(clusters: KubernetesClusters, options?: { timeoutMs?: number }) {
    this.#clusters = clusters;
    this.#timeoutMs = options?.timeoutMs ?? 10_000;
  }

  /**
   * Creates the Secret, or replaces one this project manages, and says which key the
   * replaced one held. The replacement is conditional on the Secret's resourceVersion, so
   * of two writers at once each learns exactly which key it displaced. Throws errors that
   * name the cluster, Secret and cause.
   */
  async write(
    options: WriteAuthKeySecretOptions,
  ): Promise<WrittenAuthKeySecret> {
    const ref: AuthKeySecretRef = {
      cluster: options.cluster,
      namespace: options.namespace,
      name: options.name ?? DEFAULT_AUTH_KEY_SECRET_NAME,
      key: options.key ?? DEFAULT_AUTH_KEY_SECRET_KEY,
    };
    const core = await this.#core(ref.cluster);
    const k8s = await loadKubernetesClient();
    const opts = () => withTimeout(k8s, this.#timeoutMs);
    const body: V1Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: {
        name: ref.name,
        namespace: ref.namespace,
        labels: {
          [MANAGED_BY_LABEL]: MANAGED_BY,
          [REGION_LABEL]: options.region,
          [KEY_ID_LABEL]: options.keyId,
        },
        annotations: {
          [KEY_ID_LABEL]: options.keyId,
          [REGION_LABEL]: options.region,
          ...(options.expires && { [KEY_EXPIRES_ANNOTATION]: options.expires }),
          ...(options.created && { [KEY_CREATED_ANNOTATION]: options.created }),
          ...(options.tags?.length && {
            [KEY_TAGS_ANNOTATION]: options.tags.join(','),
          }),
          ...(options.ephemeral !== undefined && {
            [KEY_EPHEMERAL_ANNOTATION]: String(options.ephemeral),
          }),
        },
      },
      data: {
        [ref.key]: Buffer.from(options.authKey.reveal(), 'utf8').toString(
          'base64',
        ),
      },
    };

    const where = `Secret ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`;
    try {
      await core.createNamespacedSecret(
        { namespace: ref.namespace, body },
        opts(),
      );
      return { ref };
    } catch (error) {
      const { code } = describeApiError(error);
      if (code !== 409) throw this.#explain(error, `create ${where}`);
    }
    // it exists: replace it, but only if this project made it
    for (let attempt = 0; attempt < 2; attempt++) {
      let existing: V1Secret;
      try {
        existing = await core.readNamespacedSecret(
          { name: ref.name, namespace: ref.namespace },
          opts(),
        );
      } catch (error) {
        throw this.#explain(error, `read the existing ${where}`);
      }
      if (existing.metadata?.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY) {
        throw new ConflictError(
          `${where} exists and is not managed by InferaDB (no label ${MANAGED_BY_LABEL}=${MANAGED_BY}); choose another secret name, or delete or label that Secret first`,
        );
      }
      body.metadata!.resourceVersion = existing.metadata?.resourceVersion;
      try {
        await core.replaceNamespacedSecret(
          { name: ref.name, namespace: ref.namespace, body },
          opts(),
        );
        const replaced = keyIdOf(existing);
        return {
          ref,
          ...(replaced &&
            replaced !== options.keyId && { replacedKeyId: replaced }),
        };
      } catch (error) {
        if (describeApiError(error).code === 409 && attempt === 0) continue;
        throw this.#explain(error, `replace ${where}`);
      }
    }
    throw new ConflictError(
      `${where} kept changing while it was being replaced; try again`,
    );
  }

  /** What the Secret's labels say (never its data); undefined when it does not exist. */
  async read(ref: AuthKeySecretRef): Promise<StoredAuthKeyInfo | undefined> {
    const core = await this.#core(ref.cluster);
    const k8s = await loadKubernetesClient();
    try {
      const secret = await core.readNamespacedSecret(
        { name: ref.name, namespace: ref.namespace },
        withTimeout(k8s, this.#timeoutMs),
      );
      const labels = secret.metadata?.labels ?? {};
      const annotations = secret.metadata?.annotations ?? {};
      return {
        ref,
        region: labels[REGION_LABEL],
        keyId: keyIdOf(secret),
        expires: annotations[KEY_EXPIRES_ANNOTATION],
        tags: annotations[KEY_TAGS_ANNOTATION]?.split(',').filter(Boolean),
        ephemeral:
          annotations[KEY_EPHEMERAL_ANNOTATION] === undefined
            ? undefined
            : annotations[KEY_EPHEMERAL_ANNOTATION] === 'true',
        managed: labels[MANAGED_BY_LABEL] === MANAGED_BY,
      };
    } catch (error) {
      if (describeApiError(error).code === 404) return undefined;
      throw this.#explain(
        error,
        `read Secret ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`,
      );
    }
  }

  async #core(cluster: string) {
    const k8s = await loadKubernetesClient();
    const kc = await this.#clusters.kubeConfig(cluster);
    return kc.makeApiClient(k8s.CoreV1Api);
  }

  #explain(error: unknown, what: string): Error {
    const { code, message } = describeApiError(error);
    const detail = message ? `: ${message}` : '';
    if (code === 401) {
      return new NotAllowedError(
        `Kubernetes refused to ${what} (HTTP 401${detail}); check serviceAccountToken in inferadb.clusters`,
      );
    }
    if (code === 403) {
      return new NotAllowedError(
        `Kubernetes refused to ${what} (HTTP 403${detail}); the service account needs create, get and update on secrets in that namespace`,
      );
    }
    if (code === 404) {
      return new NotFoundError(
        `Kubernetes could not ${what} (HTTP 404${detail}); does the namespace exist?`,
      );
    }
    if (code === undefined && message === 'timed out') {
      return Object.assign(
        new ServiceUnavailableError(
          `Kubernetes did not answer within ${Math.round(
            this.#timeoutMs / 1000,
          )}s to ${what}`,
        ),
        { [MAY_HAVE_WRITTEN]: true },
      );
    }
    if (code === undefined && message === 'not valid JSON') {
      return Object.assign(
        new ServiceUnavailableError(
          `Kubernetes answered the request to ${what} with a body that is not valid JSON`,
        ),
        { [MAY_HAVE_WRITTEN]: true },
      );
    }
    return new ServiceUnavailableError(
      `Kubernetes failed to ${what} (${
        code ? `HTTP ${code}` : 'no answer'
      }${detail})`,
    );
  }
}
