import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createTailscaleCreateAuthKeyAction } from './createAuthKey';
import {
  ActionEmulators,
  EXAMPLE_CLUSTER,
  startActionEmulators,
} from './__testUtils__/actionEmulators';

jest.setTimeout(30_000);

const SECRETS = '/api/v1/namespaces/inferadb/secrets';

/**
 * Kubernetes fails to store a key Tailscale has already made: the action, alone with a mock
 * action context, revokes the key and says so. Kubernetes requests time out after 1 s here.
 */
describe('create-auth-key when storing the key fails', () => {
  let emulators: ActionEmulators;
  beforeAll(async () => {
    emulators = await startActionEmulators({ kubernetesTimeoutMs: 1000 });
  });
  afterAll(() => emulators?.stop());
  beforeEach(() => emulators.kube.clearFaults());

  it.each([
    [
      '500',
      { status: 500 },
      /Kubernetes failed to create Secret inferadb\/tailscale-auth in cluster demo-us-west-1 \(HTTP 500/,
    ],
    [
      '403',
      { status: 403 },
      /Kubernetes refused to create Secret inferadb\/tailscale-auth in cluster demo-us-west-1 \(HTTP 403.*needs create, get and update on secrets/,
    ],
    [
      'no answer',
      { hang: true },
      /Kubernetes did not answer within 1s to create Secret inferadb\/tailscale-auth.*Kubernetes may have written Secret inferadb\/tailscale-auth anyway, holding that revoked key: check it, and run again/s,
    ],
    [
      'an answer that is not JSON',
      { malformed: true },
      /Kubernetes answered the request to create Secret inferadb\/tailscale-auth in cluster demo-us-west-1 with a body that is not valid JSON.*Kubernetes may have written Secret inferadb\/tailscale-auth anyway/s,
    ],
  ])(
    'Kubernetes %s: the key ends revoked and the error says so',
    async (_name, fault, expected) => {
      emulators.kube.addFault({
        method: 'POST',
        path: SECRETS,
        ...fault,
        times: 1,
      });
      const action = createTailscaleCreateAuthKeyAction(emulators.options);
      const ctx = createMockActionContext({
        input: {
          region: 'us-west-1',
          cluster: EXAMPLE_CLUSTER,
          namespace: 'inferadb',
        },
      });
      const error: Error = await action.handler(ctx).then(
        () => {
          throw new Error('the action succeeded');
        },
        e => e,
      );
      const key = emulators.ts.keys().slice(-1)[0];
      expect(key.revoked).toBeDefined();
      expect(error.message).toMatch(/Storing the Tailscale auth key failed/);
      expect(error.message).toMatch(expected);
      expect(error.message).toContain(
        `The new Tailscale auth key ${key.id} was revoked, so nothing usable was left behind.`,
      );
      expect(
        emulators.kube.get('v1', 'Secret', 'inferadb', 'tailscale-auth'),
      ).toBeUndefined();
      expect(ctx.output).not.toHaveBeenCalled();
    },
  );
});
