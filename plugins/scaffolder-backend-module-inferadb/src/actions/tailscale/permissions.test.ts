import {
  CLUSTER,
  expectStatus,
  KeyPortal,
  startKeyPortal,
} from './__testUtils__/keyPortal';
import { keyInSecret } from './__testUtils__/leaks';

jest.setTimeout(180_000);

describe('a permission policy restricts the Tailscale actions (policy in the permissions service)', () => {
  let portal: KeyPortal;
  beforeAll(async () => {
    portal = await startKeyPortal({ deniedUsers: ['user:default/mallory'] });
  });
  afterAll(() => portal?.stop());

  const values = {
    region: 'us-west-1',
    cluster: CLUSTER,
    namespace: 'inferadb',
  };

  it.each(['create-key', 'rotate-key'])(
    'a denied user cannot run %s: the task fails before any Tailscale or Kubernetes call',
    async template => {
      portal.ts.requests.length = 0;
      portal.kube.requests.length = 0;
      const run = await portal.run(template, values, 'user:default/mallory');
      expectStatus(run, 'failed');
      expect(run.log.join('\n')).toMatch(
        /NotAllowedError: Unauthorized action: inferadb:tailscale:(create|rotate)-auth-key\. The action is not allowed\./,
      );
      expect(portal.ts.requests).toHaveLength(0);
      expect(portal.kube.requests).toHaveLength(0);
    },
  );

  it('an allowed user can', async () => {
    const run = await portal.run('create-key', values, 'user:default/alice');
    expectStatus(run, 'completed');
    expect(keyInSecret(portal, 'inferadb')).toBe(
      portal.ts.key(run.output.keyId)!.key,
    );
  });
});
