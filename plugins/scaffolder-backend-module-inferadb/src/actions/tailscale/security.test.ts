import { CLUSTER, expectKeyNowhere, keyInSecret } from './__testUtils__/leaks';
import {
  expectStatus,
  KeyPortal,
  startKeyPortal,
} from './__testUtils__/keyPortal';

// a real backend with catalog and scaffolder starts slowly on a shared machine
jest.setTimeout(180_000);

describe('Tailscale auth keys never leak (real backend, emulated Tailscale and Kubernetes)', () => {
  let portal: KeyPortal;
  beforeAll(async () => {
    portal = await startKeyPortal({ tailscaleAuth: 'oauth' });
  });
  afterAll(() => portal?.stop());

  it('creates and rotates keys whose values exist only in the Secret', async () => {
    const created = await portal.run('create-key', {
      region: 'us-west-1',
      cluster: CLUSTER,
      namespace: 'inferadb',
      tags: ['tag:inferadb-us-west-1', 'tag:fdb'],
      expiryDays: 30,
    });
    expectStatus(created, 'completed');
    const first = keyInSecret(portal, 'inferadb')!;
    // a fresh random value made by the emulated Tailscale for this run
    expect(first).toMatch(/^tskey-auth-k[0-9A-F]+CNTRL-[0-9a-f]{32}$/);
    const [stored] = portal.ts.keys();
    expect(stored.key).toBe(first);
    expect(created.output).toEqual({
      keyId: stored.id,
      expires: stored.expires,
      secret: {
        cluster: CLUSTER,
        namespace: 'inferadb',
        name: 'tailscale-auth',
        key: 'authkey',
      },
    });
    // the stored key works: a pod joining with it gets the region's tags
    expect(portal.ts.joinWithAuthKey(first, 'engine-0').tags).toEqual([
      'tag:inferadb-us-west-1',
      'tag:fdb',
    ]);

    const rotated = await portal.run('rotate-key', {
      region: 'us-west-1',
      cluster: CLUSTER,
      namespace: 'inferadb',
    });
    expectStatus(rotated, 'completed');
    const second = keyInSecret(portal, 'inferadb')!;
    expect(second).not.toBe(first);

    // a failure after the key was made puts error messages in the log too
    portal.kube.addFault({
      method: 'POST',
      path: '/api/v1/namespaces/failing/secrets',
      status: 500,
      times: 1,
    });
    const failed = await portal.run('create-key', {
      region: 'us-west-1',
      cluster: CLUSTER,
      namespace: 'failing',
    });
    expectStatus(failed, 'failed');
    // the key of the failed run is the newest, and it was revoked
    const failedKey = portal.ts.keys().slice(-1)[0];
    expect(failedKey.revoked).toBeDefined();

    const runs = [created, rotated, failed];
    for (const value of [first, second, failedKey.key]) {
      await expectKeyNowhere(portal, runs, value);
    }

    // the searches covered the places that do hold the key ids (checkpoints, outputs, logs)
    const places = await expectKeyNowhere(portal, runs, second);
    const secondId = portal.ts.keys().find(k => k.key === second)!.id;
    expect(
      places['database tables (raw SQLite files, incl. checkpoint state)'],
    ).toContain(
      `v1.task.checkpoint.key.rotate.auth-key.demo-us-west-1.inferadb.tailscale-auth.created`,
    );
    expect(
      places['database tables (raw SQLite files, incl. checkpoint state)'],
    ).toContain(secondId);
    expect(places['task log and events']).toContain(secondId);
    expect(places['workspace files']).toContain(secondId);
    expect(places.catalog).toContain('create-key');
  });
});
