import {
  CLUSTER,
  expectStatus,
  KeyPortal,
  startKeyPortal,
} from './__testUtils__/keyPortal';
import { keyInSecret } from './__testUtils__/leaks';

jest.setTimeout(180_000);

const SECRETS = '/api/v1/namespaces/inferadb/secrets';
const values = { region: 'us-west-1', cluster: CLUSTER, namespace: 'inferadb' };

/** The failure message of a task, as the user sees it in the task log. */
const failure = (log: string[]) =>
  log.find(l => /Error: /.test(l)) ?? log.join('\n');

describe('Tailscale key actions under faults (real backend, API access token)', () => {
  let portal: KeyPortal;
  beforeAll(async () => {
    portal = await startKeyPortal({ tailscaleAuth: 'apiKey' });
  });
  afterAll(() => portal?.stop());
  beforeEach(() => {
    portal.kube.clearFaults();
    portal.ts.clearFaults();
    portal.kube.remove('v1', 'Secret', 'inferadb', 'tailscale-auth');
    portal.ts.requests.length = 0;
    portal.kube.requests.length = 0;
  });
  const keyPosts = () =>
    portal.ts.requests.filter(
      r => r.method === 'POST' && r.path === '/tailnet/-/keys',
    );

  it('Tailscale 429 then 200: waits for Retry-After and makes exactly one key', async () => {
    portal.ts.addFault({
      method: 'POST',
      path: '/tailnet/-/keys',
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const before = portal.ts.keys().length;
    const run = await portal.run('create-key', values);
    expectStatus(run, 'completed');
    expect(keyPosts().map(r => r.status)).toEqual([429, 200]);
    expect(portal.ts.keys()).toHaveLength(before + 1);
    expect(keyInSecret(portal, 'inferadb')).toBe(
      portal.ts.key(run.output.keyId)!.key,
    );
    expect(portal.logs.join('\n')).toMatch(
      /answered 429 to the request to create an auth key; retrying .*Retry-After 1s/,
    );
  });

  it('Tailscale 401: a clear error at once, no retries, nothing stored', async () => {
    portal.ts.addFault({
      path: /^\/tailnet\//,
      status: 401,
      message: 'API token invalid',
    });
    const run = await portal.run('create-key', values);
    expectStatus(run, 'failed');
    expect(failure(run.log)).toMatch(
      /AuthenticationError: Tailscale API refused to create an auth key \(HTTP 401: API token invalid\)\. The API access token in inferadb\.tailscale\.apiKey was rejected/,
    );
    expect(portal.ts.requests).toHaveLength(1);
    expect(portal.kube.requests).toHaveLength(0);
  });

  it('an unknown cluster (or a URL typed into the form) fails before any call', async () => {
    const run = await portal.run('create-key', {
      ...values,
      cluster: 'https://attacker.example:6443',
    });
    expectStatus(run, 'failed');
    expect(failure(run.log)).toMatch(
      /Kubernetes cluster "https:\/\/attacker\.example:6443" is not in inferadb\.clusters of app-config; known clusters: demo-us-west-1/,
    );
    expect(portal.ts.requests).toHaveLength(0);
  });

  it('a retried task does not create a second key once one is stored', async () => {
    const run = await portal.run('create-key-then-fail-once', values);
    expectStatus(run, 'failed');
    const keysAfterFirst = portal.ts.keys().length;
    const stored = keyInSecret(portal, 'inferadb');
    const retried = await portal.retry(run.id);
    expectStatus(retried, 'completed');
    expect(portal.ts.keys()).toHaveLength(keysAfterFirst);
    expect(keyPosts()).toHaveLength(1);
    expect(keyInSecret(portal, 'inferadb')).toBe(stored);
    expect(retried.output.keyId).toBe(
      portal.ts.keys().find(k => k.key === stored)!.id,
    );
  });

  it('a task retried after storing failed makes one new key and leaves one usable key', async () => {
    portal.kube.addFault({
      method: 'POST',
      path: SECRETS,
      status: 500,
      times: 1,
    });
    const run = await portal.run('create-key', values);
    expectStatus(run, 'failed');
    const first = portal.ts.keys().slice(-1)[0];
    expect(first.revoked).toBeDefined();
    const retried = await portal.retry(run.id);
    expectStatus(retried, 'completed');
    const mine = portal.ts
      .keys()
      .filter(k => k.id === first.id || k.id === retried.output.keyId);
    expect(mine.filter(k => !k.revoked).map(k => k.id)).toEqual([
      retried.output.keyId,
    ]);
    expect(keyInSecret(portal, 'inferadb')).toBe(
      portal.ts.key(retried.output.keyId)!.key,
    );
  });

  /** Keys of this test that are still usable. */
  const liveKeys = (since: number) =>
    portal.ts
      .keys()
      .slice(since)
      .filter(k => !k.revoked);
  const auditLines = (action: string) =>
    portal.logs.filter(
      l =>
        l.includes('"eventId":"tailscale-auth-key"') &&
        l.includes(`"action":"${action}"`) &&
        l.includes('"status":"succeeded"'),
    );

  it('a second run for the same region revokes the key the Secret held, and says so', async () => {
    const before = portal.ts.keys().length;
    const first = await portal.run('create-key', values);
    expectStatus(first, 'completed');
    const second = await portal.run('create-key', values);
    expectStatus(second, 'completed');
    expect(liveKeys(before).map(k => k.id)).toEqual([second.output.keyId]);
    expect(keyInSecret(portal, 'inferadb')).toBe(
      portal.ts.key(second.output.keyId)!.key,
    );
    expect(second.log.join('\n')).toContain(
      `Revoked the previous Tailscale auth key ${first.output.keyId}, which Secret inferadb/tailscale-auth in cluster ${CLUSTER} held before this run replaced it`,
    );
    // One audit event per key made and per key revoked, with ids only.
    for (const run of [first, second])
      expect(
        auditLines('create').filter(l => l.includes(run.output.keyId)),
      ).toHaveLength(1);
    expect(
      auditLines('revoke').filter(l => l.includes(first.output.keyId)),
    ).toHaveLength(1);
  });

  /**
   * Runs a template twice at once (key creation slowed, so the runs overlap) and checks
   * that one waited for the other and exactly one key of `since` on is live: the one in
   * the Secret.
   */
  async function twiceAtOnce(template: string, since: number) {
    portal.ts.addFault({
      method: 'POST',
      path: '/tailnet/-/keys',
      delayMs: 300,
    });
    const runs = await Promise.all([
      portal.run(template, values),
      portal.run(template, values),
    ]);
    for (const run of runs) expectStatus(run, 'completed');
    const live = liveKeys(since);
    expect(live).toHaveLength(1);
    expect(keyInSecret(portal, 'inferadb')).toBe(live[0].key);
    // The scaffolder's database lock made one run wait for the other.
    expect(
      runs
        .flatMap(r => r.log)
        .filter(l =>
          /Waiting for another run \(task [\w-]+\), since .*, which is storing a Tailscale auth key in Secret inferadb\/tailscale-auth/.test(
            l,
          ),
        ),
    ).toHaveLength(1);
    return runs;
  }

  it('two runs for one region at once take turns and leave exactly one live key, the one in the Secret', async () => {
    const runs = await twiceAtOnce('create-key', portal.ts.keys().length);
    // The later writer says which key it revoked: the earlier writer's.
    const said = runs
      .flatMap(r => r.log)
      .filter(l => l.includes('Revoked the previous Tailscale auth key'));
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(
      /Revoked the previous Tailscale auth key k\w+, which Secret inferadb\/tailscale-auth/,
    );
  });

  it('two rotations at once take turns and leave exactly one live key, the one in the Secret', async () => {
    const created = await portal.run('create-key', values);
    expectStatus(created, 'completed');
    await twiceAtOnce('rotate-key', portal.ts.keys().length - 1);
    expect(portal.ts.key(created.output.keyId)!.revoked).toBeDefined();
  });

  it('rotation revokes the old key only after the new Secret is in place', async () => {
    expectStatus(
      await portal.run('create-key', {
        ...values,
        tags: ['tag:inferadb-us-west-1', 'tag:fdb'],
      }),
      'completed',
    );
    const old = portal.ts
      .keys()
      .find(k => k.key === keyInSecret(portal, 'inferadb'))!;
    portal.ts.requests.length = 0;
    portal.kube.requests.length = 0;

    const run = await portal.run('rotate-key', values);
    expectStatus(run, 'completed');
    const fresh = portal.ts.key(run.output.keyId)!;
    expect(keyInSecret(portal, 'inferadb')).toBe(fresh.key);
    expect(fresh.capabilities.devices.create.tags).toEqual([
      'tag:inferadb-us-west-1',
      'tag:fdb',
    ]);
    expect(portal.ts.key(old.id)!.revoked).toBeDefined();
    const replaced = portal.kube.requests.find(
      r => r.method === 'PUT' && r.path === `${SECRETS}/tailscale-auth`,
    )!;
    const revoked = portal.ts.requests.find(
      r => r.method === 'DELETE' && r.path === `/tailnet/-/keys/${old.id}`,
    )!;
    expect(replaced.time).toBeLessThanOrEqual(revoked.time);
    expect(run.log.join('\n')).toContain(
      `Revoked the previous Tailscale auth key ${old.id}`,
    );
  });

  it('rotation that cannot replace the Secret keeps the old key working and revokes the new one', async () => {
    expectStatus(await portal.run('create-key', values), 'completed');
    const old = portal.ts
      .keys()
      .find(k => k.key === keyInSecret(portal, 'inferadb'))!;
    const before = new Set(portal.ts.keys().map(k => k.id));
    portal.kube.addFault({
      method: 'PUT',
      path: `${SECRETS}/tailscale-auth`,
      status: 500,
      times: 1,
    });
    const run = await portal.run('rotate-key', values);
    expectStatus(run, 'failed');
    expect(failure(run.log)).toMatch(
      /Kubernetes failed to replace Secret inferadb\/tailscale-auth .*HTTP 500.*was revoked/,
    );
    expect(portal.ts.key(old.id)!.revoked).toBeUndefined();
    expect(keyInSecret(portal, 'inferadb')).toBe(old.key);
    const made = portal.ts.keys().filter(k => !before.has(k.id));
    expect(made).toHaveLength(1);
    expect(made[0].revoked).toBeDefined();
  });

  it('rotation whose old-key revocation fails says the new key is in place; a retry finishes it', async () => {
    expectStatus(await portal.run('create-key', values), 'completed');
    const old = portal.ts
      .keys()
      .find(k => k.key === keyInSecret(portal, 'inferadb'))!;
    portal.ts.addFault({
      method: 'DELETE',
      path: `/tailnet/-/keys/${old.id}`,
      status: 503,
    });
    const run = await portal.run('rotate-key', values);
    expectStatus(run, 'failed');
    expect(failure(run.log)).toMatch(
      new RegExp(
        `The new key k\\w+ is in Secret inferadb/tailscale-auth in cluster demo-us-west-1, but revoking the previous key ${old.id} failed: .*HTTP 503`,
      ),
    );
    const newKey = keyInSecret(portal, 'inferadb');
    portal.ts.clearFaults();
    const posts = keyPosts().length;
    const retried = await portal.retry(run.id);
    expectStatus(retried, 'completed');
    expect(keyPosts()).toHaveLength(posts);
    expect(keyInSecret(portal, 'inferadb')).toBe(newKey);
    expect(portal.ts.key(old.id)!.revoked).toBeDefined();
  });

  it("the repository's rotation template rotates a catalog region's key", async () => {
    const secretName = 'tailscale-auth-control';
    const inSecret = () => keyInSecret(portal, 'inferadb', secretName);
    expectStatus(
      await portal.run('create-key', {
        ...values,
        secretName,
        tags: ['tag:inferadb-us-west-1'],
        ephemeral: true,
      }),
      'completed',
    );
    const old = portal.ts.keys().find(k => k.key === inSecret())!;
    expect(old.capabilities.devices.create.ephemeral).toBe(true);
    const run = await portal.run('template:default/inferadb-rotate-auth-key', {
      region: 'resource:default/inferadb-demo-us-west-1',
      role: 'control',
      cluster: CLUSTER,
      namespace: 'inferadb',
      expiryDays: 60,
    });
    expectStatus(run, 'completed');
    const fresh = portal.ts.keys().find(k => k.key === inSecret())!;
    expect(fresh.id).not.toBe(old.id);
    // The rotated key keeps the previous one's tags and ephemerality.
    expect(fresh.capabilities.devices.create.ephemeral).toBe(true);
    expect(portal.ts.key(old.id)!.revoked).toBeDefined();
    expect(fresh.capabilities.devices.create.tags).toEqual([
      'tag:inferadb-us-west-1',
    ]);
    expect(Date.parse(fresh.expires) - Date.parse(fresh.created)).toBe(
      60 * 86400_000,
    );
    const secret = portal.kube.get(
      'v1',
      'Secret',
      'inferadb',
      secretName,
    ) as any;
    expect(secret.metadata.labels['inferadb.io/region']).toBe('us-west-1');
    expect(run.output.text[0].content).toContain(`New key \`${fresh.id}\``);
    expect(run.output.text[0].content).toContain(
      `Previous key \`${old.id}\` revoked: true`,
    );
  });

  it('dry run calls no API and describes what would happen', async () => {
    const template = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'dry' },
      spec: {
        owner: 'group:default/platform',
        type: 'service',
        steps: [
          {
            id: 'key',
            action: 'inferadb:tailscale:create-auth-key',
            input: {
              region: 'eu-central-1',
              cluster: CLUSTER,
              namespace: 'inferadb',
              expiryDays: 30,
            },
          },
        ],
        output: { keyId: '${{ steps.key.output.keyId }}' },
      },
    };
    const res = await portal.dryRun(template, {});
    expect({
      status: res.status,
      body: res.status === 200 ? 'ok' : res.body,
    }).toEqual({ status: 200, body: 'ok' });
    const log = (res.body.log as any[]).map(l => l.body.message).join('\n');
    expect(log).toMatch(
      /Dry run: would create a reusable, preauthorized, non-ephemeral Tailscale auth key tagged tag:inferadb-eu-central-1 .*expiring in 30 days.*store it in Secret inferadb\/tailscale-auth \(key "authkey"\) of cluster demo-us-west-1.*No API was called/,
    );
    expect(res.body.output.keyId).toBe('dry-run');
    expect(portal.ts.requests).toHaveLength(0);
    expect(portal.kube.requests).toHaveLength(0);
  });
});

describe('Tailscale key actions with an OAuth client (real backend)', () => {
  let portal: KeyPortal;
  beforeAll(async () => {
    portal = await startKeyPortal({ tailscaleAuth: 'oauth' });
  });
  afterAll(() => portal?.stop());

  it('a tag the OAuth client does not own: a clear error, no key, no Secret', async () => {
    const run = await portal.run('create-key', {
      ...values,
      tags: ['tag:other-team'],
    });
    expectStatus(run, 'failed');
    expect(failure(run.log)).toMatch(
      /NotAllowedError: Tailscale API refused to create an auth key \(HTTP 400: requested tags \[tag:other-team\] are invalid or not permitted\)\. The OAuth client may only create keys with tags it owns: give it the tag\(s\) tag:other-team/,
    );
    expect(portal.ts.keys()).toHaveLength(0);
    expect(portal.kube.requests.filter(r => r.method !== 'GET')).toHaveLength(
      0,
    );
  });

  it('reuses one OAuth token across tasks', async () => {
    expectStatus(await portal.run('create-key', values), 'completed');
    expectStatus(await portal.run('rotate-key', values), 'completed');
    expect(portal.ts.tokensIssued()).toBe(1);
  });
});
