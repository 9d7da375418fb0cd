import { createTailscaleCreateAuthKeyAction } from './createAuthKey';
import { createTailscaleRotateAuthKeyAction } from './rotateAuthKey';
import {
  ActionEmulators,
  EXAMPLE_CLUSTER as CLUSTER,
  startActionEmulators,
} from './__testUtils__/actionEmulators';
import { keyInSecret as keyIn } from './__testUtils__/secrets';
import { ActionRun, mockTask } from './__testUtils__/mockTask';

/** The auth key value in the emulated cluster's Secret, decoded. */
const keyInSecret = (emulators: ActionEmulators, name?: string) =>
  keyIn(emulators, 'inferadb', name);

jest.setTimeout(60_000);

const SECRETS = '/api/v1/namespaces/inferadb/secrets';
const input = { region: 'us-west-1', cluster: CLUSTER, namespace: 'inferadb' };

function expectSucceeded(run: ActionRun) {
  expect(run.error?.message).toBeUndefined();
}

/**
 * The Tailscale actions under Tailscale and Kubernetes faults, each action alone with a mock
 * action context, through the real clients to loopback emulators.
 */
describe('Tailscale key actions under faults (API access token)', () => {
  let emulators: ActionEmulators;
  let create: ReturnType<typeof createTailscaleCreateAuthKeyAction>;
  let rotate: ReturnType<typeof createTailscaleRotateAuthKeyAction>;
  const warnings: string[] = [];
  beforeAll(async () => {
    emulators = await startActionEmulators({
      logger: { warn: m => warnings.push(m) },
    });
    create = createTailscaleCreateAuthKeyAction(emulators.options);
    rotate = createTailscaleRotateAuthKeyAction(emulators.options);
  });
  afterAll(() => emulators?.stop());
  beforeEach(() => {
    emulators.kube.clearFaults();
    emulators.ts.clearFaults();
    emulators.kube.remove('v1', 'Secret', 'inferadb', 'tailscale-auth');
    emulators.ts.requests.length = 0;
    emulators.kube.requests.length = 0;
    emulators.audits.length = 0;
  });
  const keyPosts = () =>
    emulators.ts.requests.filter(
      r => r.method === 'POST' && r.path === '/tailnet/-/keys',
    );
  /** Keys made since `since` that are still usable. */
  const liveKeys = (since: number) =>
    emulators.ts
      .keys()
      .slice(since)
      .filter(k => !k.revoked);
  const audited = (action: string, keyId: string) =>
    emulators.audits.filter(
      e =>
        e.eventId === 'tailscale-auth-key' &&
        e.meta.action === action &&
        Object.values(e.meta).includes(keyId),
    );

  it('Tailscale 429 then 200: waits for Retry-After and makes exactly one key', async () => {
    emulators.ts.addFault({
      method: 'POST',
      path: '/tailnet/-/keys',
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const before = emulators.ts.keys().length;
    const run = await mockTask(create, input).run();
    expectSucceeded(run);
    expect(keyPosts().map(r => r.status)).toEqual([429, 200]);
    expect(emulators.ts.keys()).toHaveLength(before + 1);
    expect(keyInSecret(emulators)).toBe(
      emulators.ts.key(run.outputs.keyId)!.key,
    );
    expect(warnings.join('\n')).toMatch(
      /answered 429 to the request to create an auth key; retrying .*Retry-After 1s/,
    );
  });

  it('Tailscale 401: a clear error at once, no retries, nothing stored', async () => {
    emulators.ts.addFault({
      path: /^\/tailnet\//,
      status: 401,
      message: 'API token invalid',
    });
    const run = await mockTask(create, input).run();
    expect(run.error?.name).toBe('AuthenticationError');
    expect(run.error?.message).toMatch(
      /Tailscale API refused to create an auth key \(HTTP 401: API token invalid\)\. The API access token in inferadb\.tailscale\.apiKey was rejected/,
    );
    expect(emulators.ts.requests).toHaveLength(1);
    expect(emulators.kube.requests).toHaveLength(0);
  });

  it('an unknown cluster (or a URL typed into the form) fails before any call', async () => {
    const run = await mockTask(create, {
      ...input,
      cluster: 'https://attacker.example:6443',
    }).run();
    expect(run.error?.message).toMatch(
      /Kubernetes cluster "https:\/\/attacker\.example:6443" is not in inferadb\.clusters of app-config; known clusters: demo-us-west-1/,
    );
    expect(emulators.ts.requests).toHaveLength(0);
    expect(emulators.kube.requests).toHaveLength(0);
  });

  it('a retried task does not create a second key once one is stored', async () => {
    const task = mockTask(create, input);
    const first = await task.run();
    expectSucceeded(first);
    const stored = keyInSecret(emulators);
    const retried = await task.run();
    expectSucceeded(retried);
    expect(keyPosts()).toHaveLength(1);
    expect(keyInSecret(emulators)).toBe(stored);
    expect(retried.outputs.keyId).toBe(first.outputs.keyId);
  });

  it('a task retried after storing failed makes one new key and leaves one usable key', async () => {
    emulators.kube.addFault({
      method: 'POST',
      path: SECRETS,
      status: 500,
      times: 1,
    });
    const since = emulators.ts.keys().length;
    const task = mockTask(create, input);
    const failed = await task.run();
    expect(failed.error?.message).toMatch(
      /Storing the Tailscale auth key failed/,
    );
    expect(liveKeys(since)).toEqual([]);
    const retried = await task.run();
    expectSucceeded(retried);
    expect(liveKeys(since).map(k => k.id)).toEqual([retried.outputs.keyId]);
    expect(keyInSecret(emulators)).toBe(
      emulators.ts.key(retried.outputs.keyId)!.key,
    );
  });

  it('a second run for the same region revokes the key the Secret held, and says so', async () => {
    const since = emulators.ts.keys().length;
    const first = await mockTask(create, input).run();
    expectSucceeded(first);
    const second = await mockTask(create, input).run();
    expectSucceeded(second);
    expect(liveKeys(since).map(k => k.id)).toEqual([second.outputs.keyId]);
    expect(keyInSecret(emulators)).toBe(
      emulators.ts.key(second.outputs.keyId)!.key,
    );
    expect(second.log.join('\n')).toContain(
      `Revoked the previous Tailscale auth key ${first.outputs.keyId}, which Secret inferadb/tailscale-auth in cluster ${CLUSTER} held before this run replaced it`,
    );
    // One audit event per key made and per key revoked, with ids only.
    for (const run of [first, second])
      expect(audited('create', run.outputs.keyId)).toHaveLength(1);
    expect(audited('revoke', first.outputs.keyId)).toHaveLength(1);
  });

  /**
   * Runs an action twice at once (key creation slowed, so the runs overlap) and checks that
   * one waited for the other and exactly one key made since `since` is live: the one in the
   * Secret.
   */
  async function twiceAtOnce(action: typeof create, since: number) {
    emulators.ts.addFault({
      method: 'POST',
      path: '/tailnet/-/keys',
      delayMs: 300,
    });
    const runs = await Promise.all([
      mockTask(action, input).run(),
      mockTask(action, input).run(),
    ]);
    runs.forEach(expectSucceeded);
    const live = liveKeys(since);
    expect(live).toHaveLength(1);
    expect(keyInSecret(emulators)).toBe(live[0].key);
    // The database lock made one run wait for the other.
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
    const runs = await twiceAtOnce(create, emulators.ts.keys().length);
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
    const created = await mockTask(create, input).run();
    expectSucceeded(created);
    await twiceAtOnce(rotate, emulators.ts.keys().length - 1);
    expect(emulators.ts.key(created.outputs.keyId)!.revoked).toBeDefined();
  });

  it('rotation revokes the old key only after the new Secret is in place', async () => {
    expectSucceeded(
      await mockTask(create, {
        ...input,
        tags: ['tag:inferadb-us-west-1', 'tag:fdb'],
      }).run(),
    );
    const old = emulators.ts
      .keys()
      .find(k => k.key === keyInSecret(emulators))!;
    emulators.ts.requests.length = 0;
    emulators.kube.requests.length = 0;

    const run = await mockTask(rotate, input).run();
    expectSucceeded(run);
    const fresh = emulators.ts.key(run.outputs.keyId)!;
    expect(keyInSecret(emulators)).toBe(fresh.key);
    expect(fresh.capabilities.devices.create.tags).toEqual([
      'tag:inferadb-us-west-1',
      'tag:fdb',
    ]);
    expect(emulators.ts.key(old.id)!.revoked).toBeDefined();
    const replaced = emulators.kube.requests.find(
      r => r.method === 'PUT' && r.path === `${SECRETS}/tailscale-auth`,
    )!;
    const revoked = emulators.ts.requests.find(
      r => r.method === 'DELETE' && r.path === `/tailnet/-/keys/${old.id}`,
    )!;
    expect(replaced.time).toBeLessThanOrEqual(revoked.time);
    expect(run.log.join('\n')).toContain(
      `Revoked the previous Tailscale auth key ${old.id}`,
    );
    expect(run.outputs).toMatchObject({
      previousKeyId: old.id,
      previousKeyRevoked: true,
    });
  });

  it('rotation that cannot replace the Secret keeps the old key working and revokes the new one', async () => {
    expectSucceeded(await mockTask(create, input).run());
    const old = emulators.ts
      .keys()
      .find(k => k.key === keyInSecret(emulators))!;
    const before = new Set(emulators.ts.keys().map(k => k.id));
    emulators.kube.addFault({
      method: 'PUT',
      path: `${SECRETS}/tailscale-auth`,
      status: 500,
      times: 1,
    });
    const run = await mockTask(rotate, input).run();
    expect(run.error?.message).toMatch(
      /Kubernetes failed to replace Secret inferadb\/tailscale-auth .*HTTP 500.*was revoked/,
    );
    expect(emulators.ts.key(old.id)!.revoked).toBeUndefined();
    expect(keyInSecret(emulators)).toBe(old.key);
    const made = emulators.ts.keys().filter(k => !before.has(k.id));
    expect(made).toHaveLength(1);
    expect(made[0].revoked).toBeDefined();
  });

  it('rotation whose old-key revocation fails says the new key is in place; a retry finishes it', async () => {
    expectSucceeded(await mockTask(create, input).run());
    const old = emulators.ts
      .keys()
      .find(k => k.key === keyInSecret(emulators))!;
    emulators.ts.addFault({
      method: 'DELETE',
      path: `/tailnet/-/keys/${old.id}`,
      status: 503,
    });
    const task = mockTask(rotate, input);
    const failed = await task.run();
    expect(failed.error?.message).toMatch(
      new RegExp(
        `The new key k\\w+ is in Secret inferadb/tailscale-auth in cluster demo-us-west-1, but revoking the previous key ${old.id} failed: .*HTTP 503`,
      ),
    );
    const newKey = keyInSecret(emulators);
    emulators.ts.clearFaults();
    const posts = keyPosts().length;
    expectSucceeded(await task.run());
    expect(keyPosts()).toHaveLength(posts);
    expect(keyInSecret(emulators)).toBe(newKey);
    expect(emulators.ts.key(old.id)!.revoked).toBeDefined();
  });
});

describe('Tailscale key actions with an OAuth client', () => {
  let emulators: ActionEmulators;
  beforeAll(async () => {
    emulators = await startActionEmulators({}, 'oauth');
  });
  afterAll(() => emulators?.stop());

  it('a tag the OAuth client does not own: a clear error, no key, no Secret', async () => {
    const create = createTailscaleCreateAuthKeyAction(emulators.options);
    const run = await mockTask(create, {
      ...input,
      tags: ['tag:other-team'],
    }).run();
    expect(run.error?.name).toBe('NotAllowedError');
    expect(run.error?.message).toMatch(
      /Tailscale API refused to create an auth key \(HTTP 400: requested tags \[tag:other-team\] are invalid or not permitted\)\. The OAuth client may only create keys with tags it owns: give it the tag\(s\) tag:other-team/,
    );
    expect(emulators.ts.keys()).toHaveLength(0);
    expect(
      emulators.kube.requests.filter(r => r.method !== 'GET'),
    ).toHaveLength(0);
  });

  it('reuses one OAuth token across tasks and actions', async () => {
    const create = createTailscaleCreateAuthKeyAction(emulators.options);
    const rotate = createTailscaleRotateAuthKeyAction(emulators.options);
    expectSucceeded(await mockTask(create, input).run());
    expectSucceeded(await mockTask(rotate, input).run());
    expect(emulators.ts.tokensIssued()).toBe(1);
  });
});
