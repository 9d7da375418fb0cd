import {
  CLUSTER,
  expectStatus,
  KeyPortal,
  startKeyPortal,
} from './__testUtils__/keyPortal';
import { keyInSecret } from './__testUtils__/leaks';

jest.setTimeout(180_000);

const values = { region: 'us-west-1', cluster: CLUSTER, namespace: 'inferadb' };

/**
 * The Tailscale actions in a whole backend: the scaffolder's own retries and checkpoints, and
 * its dry run. Faults are tested on each action alone, in actionFaults.test.ts; the
 * repository's rotation template runs in e2e/regionTemplates.test.ts.
 */
describe('Tailscale key actions in a whole backend (API access token)', () => {
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
