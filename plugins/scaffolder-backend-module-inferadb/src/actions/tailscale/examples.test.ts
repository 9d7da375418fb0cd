import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { DEFAULT_AUTH_KEY_SECRET_KEY } from '@inferadb-regions/plugin-inferadb-node';
import { parse } from 'yaml';
import { createTailscaleCreateAuthKeyAction } from './createAuthKey';
import { createTailscaleRotateAuthKeyAction } from './rotateAuthKey';
import {
  ActionEmulators,
  startActionEmulators,
} from './__testUtils__/actionEmulators';

jest.setTimeout(30_000);

/** The input of an action's example, as a template author copies it. */
function exampleInput(action: { examples?: { example: string }[] }): any {
  return parse(action.examples![0].example).steps[0].input;
}

/**
 * The documented examples, run as they are written: each action on its own with a mock
 * action context, against loopback Tailscale and Kubernetes emulators through the real
 * clients, no backend in between.
 */
describe('the Tailscale actions’ examples', () => {
  let emulators: ActionEmulators;
  beforeAll(async () => {
    emulators = await startActionEmulators();
  });
  afterAll(() => emulators?.stop());

  it('create-auth-key stores a new key in the Secret its example names', async () => {
    const action = createTailscaleCreateAuthKeyAction(emulators.options);
    const input = exampleInput(action);
    const ctx = createMockActionContext({ input });
    await action.handler(ctx);

    const keyId = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'keyId',
    )?.[1];
    const key = emulators.ts.key(keyId)!;
    expect(key.revoked).toBeUndefined();
    expect(key.capabilities.devices.create).toMatchObject({
      tags: input.tags,
      ephemeral: true,
      reusable: true,
      preauthorized: true,
    });
    const secret = emulators.kube.get(
      'v1',
      'Secret',
      'inferadb',
      input.secretName,
    )!;
    expect(
      Buffer.from(
        (secret as any).data[DEFAULT_AUTH_KEY_SECRET_KEY],
        'base64',
      ).toString(),
    ).toBe(key.key);
  });

  it('rotate-auth-key replaces the key of the Secret and revokes the old one', async () => {
    // The rotation's example names the default Secret: give it a key to rotate.
    const create = createTailscaleCreateAuthKeyAction(emulators.options);
    const rotate = createTailscaleRotateAuthKeyAction(emulators.options);
    const input = exampleInput(rotate);
    const created = createMockActionContext({
      input: { ...input, tags: ['tag:inferadb-us-west-1'] },
    });
    await create.handler(created);
    const oldKeyId = (created.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'keyId',
    )?.[1];

    const ctx = createMockActionContext({ input });
    await rotate.handler(ctx);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toMatchObject({
      previousKeyId: oldKeyId,
      previousKeyRevoked: true,
    });
    expect(emulators.ts.key(oldKeyId)!.revoked).toBeDefined();
    expect(emulators.ts.key(outputs.keyId)!.revoked).toBeUndefined();
  });
});
