import type {
  AuditorService,
  DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthKeySecretStore,
  defaultTailscaleClientFactory,
  KubernetesClusters,
  TailscaleClient,
  TailscaleClientFactory,
} from '@inferadb-regions/plugin-inferadb-node';
import { LockedSecret, SecretLockOptions, SecretLocks } from './secretLocks';

/**
 * What the Tailscale actions need; everything but `config` and `database` is optional.
 *
 * @public
 */
export interface TailscaleActionOptions {
  config: Config;
  /** The scaffolder's database: runs for one Secret take turns through it. */
  database: DatabaseService;
  /** How long a run waits for another run on the same Secret, and the lock's lease. */
  locks?: SecretLockOptions;
  /** Builds the Tailscale client; default: a fetch client from `inferadb.tailscale`. */
  tailscaleClientFactory?: TailscaleClientFactory;
  /** The clusters a form may name; default: `inferadb.clusters` of `config`. */
  clusters?: KubernetesClusters;
  /** Per Kubernetes request (default 10000 ms). */
  kubernetesTimeoutMs?: number;
  /** The backend's logger; told about Tailscale retries (never a key). */
  logger?: { warn(message: string): void };
  /** Records an event per key created, revoked or rotated (ids only, never a key). */
  auditor?: AuditorService;
}

/** What happened to a key, as the audit log names it. */
export type KeyAuditAction = 'create' | 'revoke' | 'rotate';

/** Default clients by app-config, so both actions share one OAuth token. */
const sharedClients = new WeakMap<Config, TailscaleClient>();

/**
 * One lock table handle per database, so both actions run its migration once: two
 * concurrent `migrate.latest` calls would find knex's migration lock taken and fail.
 */
const sharedLocks = new WeakMap<DatabaseService, Promise<SecretLocks>>();

/** Lazily built collaborators, so a portal without Tailscale config still starts. */
export class TailscaleActionDeps {
  #client?: TailscaleClient;
  #clusters?: KubernetesClusters;
  #store?: AuthKeySecretStore;

  constructor(private readonly options: TailscaleActionOptions) {}

  /** One client per app-config, so an OAuth token is reused across tasks until it expires. */
  tailscale(): TailscaleClient {
    if (this.#client) return this.#client;
    const { config, logger, tailscaleClientFactory } = this.options;
    if (tailscaleClientFactory) {
      this.#client = tailscaleClientFactory({ config, logger });
    } else {
      this.#client =
        sharedClients.get(config) ??
        defaultTailscaleClientFactory({ config, logger });
      sharedClients.set(config, this.#client);
    }
    return this.#client;
  }

  clusters(): KubernetesClusters {
    this.#clusters ??=
      this.options.clusters ??
      KubernetesClusters.fromConfig(this.options.config);
    return this.#clusters;
  }

  /** One audit event for a key; its metadata holds ids, regions and Secrets, never a key. */
  async audit(
    action: KeyAuditAction,
    meta: Record<string, string>,
    /** The entity ref of the user who ran the task. */
    user?: string,
  ): Promise<void> {
    const auditor = this.options.auditor;
    if (!auditor) return;
    const event = await auditor.createEvent({
      eventId: 'tailscale-auth-key',
      severityLevel: 'medium',
      meta: { action, ...meta, ...(user && { user }) },
    });
    await event.success();
  }

  /** Runs `fn` once no other run is creating or rotating the Secret's key; says so if it waits. */
  async withSecretLock<T>(
    ctx: {
      logger: { info(message: string): void };
      task?: { id: string };
    },
    secret: LockedSecret,
    fn: () => Promise<T>,
  ): Promise<T> {
    const { database } = this.options;
    if (!sharedLocks.has(database)) {
      const created = SecretLocks.create(database, this.options.locks);
      sharedLocks.set(database, created);
      // A database that was down is asked again by the next run, not failed for good.
      created.catch(() => {
        if (sharedLocks.get(database) === created) sharedLocks.delete(database);
      });
    }
    const locks = await sharedLocks.get(database)!;
    return locks.withLock(
      secret,
      { taskId: ctx.task?.id, onWait: m => ctx.logger.info(m) },
      fn,
    );
  }

  secretStore(): AuthKeySecretStore {
    this.#store ??= new AuthKeySecretStore(this.clusters(), {
      timeoutMs: this.options.kubernetesTimeoutMs,
    });
    return this.#store;
  }
}
