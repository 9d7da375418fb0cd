import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Knex } from 'knex';

const LOCKS = 'inferadb_auth_key_locks';
/** Not knex's default: this module shares the scaffolder's database and its migrations table. */
const MIGRATIONS_TABLE = 'inferadb_scaffolder_knex_migrations';

/** The Secret a lock guards. */
export interface LockedSecret {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * How runs for one Secret wait for each other.
 *
 * @public
 */
export interface SecretLockOptions {
  /** How long a run waits for another to finish with the Secret (default 60 s). */
  waitMs?: number;
  /** How long a lock outlives a holder that crashed without releasing it (default 5 min). */
  leaseMs?: number;
  /** How often a waiting run asks again (default 250 ms). */
  pollMs?: number;
}

interface LockRow {
  secret: string;
  holder: string;
  task_id: string | null;
  acquired_at: number | string;
  expires_at: number | string;
}

/**
 * Runs that create or rotate the key of one Secret take turns, through a row in the
 * scaffolder's database, so two runs at once can never leave a key that no Secret holds
 * and each run's report stays true when it ends. Works across backend replicas.
 */
export class SecretLocks {
  static async create(
    database: DatabaseService,
    options: SecretLockOptions = {},
  ): Promise<SecretLocks> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@inferadb-regions/plugin-scaffolder-backend-module-inferadb',
          'migrations',
        ),
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new SecretLocks(knex, options);
  }

  private constructor(
    private readonly knex: Knex,
    private readonly options: SecretLockOptions,
  ) {}

  /**
   * Calls `fn` while holding the Secret's lock. Waits while another run holds it, telling
   * `onWait` once; fails with a ConflictError naming the other run when the wait is over.
   */
  async withLock<T>(
    secret: LockedSecret,
    holder: { taskId?: string; onWait(message: string): void },
    fn: () => Promise<T>,
  ): Promise<T> {
    const id = `${secret.cluster}/${secret.namespace}/${secret.name}`;
    const me = randomUUID();
    const waitMs = this.options.waitMs ?? 60_000;
    const deadline = Date.now() + waitMs;
    let told = false;
    for (;;) {
      const other = await this.tryAcquire(id, me, holder.taskId);
      if (other === 'acquired') break;
      // released between our insert and our read: ask again at once
      if (!other) continue;
      const where = `Secret ${secret.namespace}/${secret.name} in cluster ${secret.cluster}`;
      const who = `another run${
        other.task_id ? ` (task ${other.task_id})` : ''
      }, since ${new Date(Number(other.acquired_at)).toISOString()}`;
      if (Date.now() >= deadline) {
        throw new ConflictError(
          `${where} is still being given a Tailscale auth key by ${who}; waited ${Math.round(
            waitMs / 1000,
          )} s. Nothing was created. Run again once that run has finished.`,
        );
      }
      if (!told) {
        holder.onWait(
          `Waiting for ${who}, which is storing a Tailscale auth key in ${where}`,
        );
        told = true;
      }
      await sleep(this.options.pollMs ?? 250);
    }
    try {
      return await fn();
    } finally {
      await this.knex(LOCKS).where({ secret: id, holder: me }).delete();
    }
  }

  /** Takes the lock, or returns the row of whoever holds it (none if just released). */
  private async tryAcquire(
    id: string,
    me: string,
    taskId: string | undefined,
  ): Promise<'acquired' | LockRow | undefined> {
    const now = Date.now();
    // a holder that crashed gives the lock up when its lease ends
    await this.knex(LOCKS)
      .where({ secret: id })
      .andWhere('expires_at', '<', now)
      .delete();
    await this.knex(LOCKS)
      .insert({
        secret: id,
        holder: me,
        task_id: taskId ?? null,
        acquired_at: now,
        expires_at: now + (this.options.leaseMs ?? 5 * 60_000),
      })
      .onConflict('secret')
      .ignore();
    const row: LockRow | undefined = await this.knex(LOCKS)
      .where({ secret: id })
      .first();
    return row?.holder === me ? 'acquired' : row;
  }
}
