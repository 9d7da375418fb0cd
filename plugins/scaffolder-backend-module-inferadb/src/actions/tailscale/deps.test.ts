import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { TailscaleActionDeps } from './deps';

const databases = TestDatabases.create({
  ids: ['SQLITE_3'],
  disableDocker: true,
});

const SECRET = { cluster: 'us-west', namespace: 'inferadb', name: 'ts-auth' };
const ctx = { logger: { info() {} } };

describe('TailscaleActionDeps', () => {
  it('asks the database again on the next run after it could not be reached', async () => {
    const knex: Knex = await databases.init('SQLITE_3');
    let down = true;
    const database = {
      getClient: async () => {
        if (down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        return knex;
      },
    };
    const deps = new TailscaleActionDeps({
      config: mockServices.rootConfig(),
      database,
    });

    await expect(
      deps.withSecretLock(ctx, SECRET, async () => 'stored'),
    ).rejects.toThrow('ECONNREFUSED');
    down = false;
    await expect(
      deps.withSecretLock(ctx, SECRET, async () => 'stored'),
    ).resolves.toBe('stored');
  });
});
