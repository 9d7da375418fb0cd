import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { startTestPostgres } from '@internal/inferadb-emulators';
import type { Knex } from 'knex';
import { SecretLocks } from './secretLocks';

jest.setTimeout(60_000);

// TestDatabases reads the PostgreSQL connection string when created, so the server
// starts first.
const postgres = startTestPostgres();
const databases = TestDatabases.create({
  ids: [...(postgres ? [postgres.id as TestDatabaseId] : []), 'SQLITE_3'],
  disableDocker: true,
});
afterAll(() => postgres?.stop());

const SECRET = { cluster: 'us-west', namespace: 'inferadb', name: 'ts-auth' };

/** Two backend replicas sharing one database. */
async function replicas(knex: Knex, waitMs = 10_000) {
  const database = { getClient: async () => knex };
  const options = { waitMs, pollMs: 10 };
  return [
    await SecretLocks.create(database, options),
    await SecretLocks.create(database, options),
  ];
}

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { opened, open };
}

describe.each(databases.eachSupportedId())('SecretLocks on %p', id => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
  });

  it('runs for one Secret take turns, and the one that waits says for whom', async () => {
    const [a, b] = await replicas(knex);
    const events: string[] = [];
    const waits: string[] = [];
    const first = gate();
    const firstRunning = gate();
    const bWaits = gate();
    const runA = a.withLock(
      SECRET,
      { taskId: 'task-a', onWait: m => waits.push(m) },
      async () => {
        events.push('a start');
        firstRunning.open();
        await first.opened;
        events.push('a end');
      },
    );
    await firstRunning.opened;
    const runB = b.withLock(
      SECRET,
      {
        taskId: 'task-b',
        onWait: m => {
          waits.push(m);
          bWaits.open();
        },
      },
      async () => {
        events.push('b start');
        events.push('b end');
      },
    );
    // B says it waits while A holds the lock.
    await bWaits.opened;
    first.open();
    await Promise.all([runA, runB]);

    expect(events).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(
      /^Waiting for another run \(task task-a\), since \d{4}-.*, which is storing a Tailscale auth key in Secret inferadb\/ts-auth in cluster us-west$/,
    );
  });

  it('runs for different Secrets do not wait for each other', async () => {
    const [a, b] = await replicas(knex);
    const first = gate();
    const waits: string[] = [];
    const runA = a.withLock(SECRET, { onWait: m => waits.push(m) }, () =>
      first.opened.then(() => 'a'),
    );
    const b2 = await b.withLock(
      { ...SECRET, name: 'other' },
      { onWait: m => waits.push(m) },
      async () => 'b',
    );
    first.open();
    expect([await runA, b2]).toEqual(['a', 'b']);
    expect(waits).toEqual([]);
  });

  it('a run that waits too long fails clearly without calling its work', async () => {
    const [a, b] = await replicas(knex, 50);
    const first = gate();
    const aHolds = gate();
    const runA = a.withLock(
      SECRET,
      { taskId: 'task-a', onWait: () => {} },
      () => {
        aHolds.open();
        return first.opened;
      },
    );
    // B asks only once A holds the lock, on whichever connection each query runs.
    await aHolds.opened;
    const work = jest.fn();
    await expect(
      b.withLock(SECRET, { taskId: 'task-b', onWait: () => {} }, work),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^Secret inferadb\/ts-auth in cluster us-west is still being given a Tailscale auth key by another run \(task task-a\), since .*; waited 0 s\. Nothing was created\. Run again once that run has finished\.$/,
      ),
    });
    expect(work).not.toHaveBeenCalled();
    first.open();
    await runA;
  });

  it('the lock is given back when the work fails', async () => {
    const [a, b] = await replicas(knex, 50);
    await expect(
      a.withLock(SECRET, { onWait: () => {} }, async () => {
        throw new Error('Kubernetes said no');
      }),
    ).rejects.toThrow('Kubernetes said no');
    await expect(
      b.withLock(SECRET, { onWait: () => {} }, async () => 'stored'),
    ).resolves.toBe('stored');
  });

  it('a holder that crashed loses the lock when its lease ends', async () => {
    const [a] = await replicas(knex, 50);
    await knex('inferadb_auth_key_locks').insert({
      secret: 'us-west/inferadb/ts-auth',
      holder: 'crashed',
      task_id: 'task-gone',
      acquired_at: Date.now() - 600_000,
      expires_at: Date.now() - 1,
    });
    await expect(
      a.withLock(SECRET, { onWait: () => {} }, async () => 'stored'),
    ).resolves.toBe('stored');
    const [{ n }] = await knex('inferadb_auth_key_locks').count('* as n');
    expect(Number(n)).toBe(0);
  });

  it('its migration goes down and up again', async () => {
    await replicas(knex);
    const migrations = {
      directory: `${__dirname}/../../../migrations`,
      tableName: 'inferadb_scaffolder_knex_migrations',
    };
    expect(await knex.schema.hasTable('inferadb_auth_key_locks')).toBe(true);
    await knex.migrate.down(migrations);
    expect(await knex.schema.hasTable('inferadb_auth_key_locks')).toBe(false);
    await knex.migrate.latest(migrations);
    expect(await knex.schema.hasTable('inferadb_auth_key_locks')).toBe(true);
  });
});
