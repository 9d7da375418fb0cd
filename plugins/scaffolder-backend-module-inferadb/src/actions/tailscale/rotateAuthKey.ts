import { ConflictError, NotFoundError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { TailscaleActionDeps, TailscaleActionOptions } from './deps';
import {
  KeyInput,
  keyInputs,
  keyOutputs,
  resolveKeySpec,
  secretOf,
  withDefaults,
} from './inputs';
import { provisionAuthKeyOutputs } from './provision';
import { refusalsAsMessages } from '../refusals';

export const ROTATE_AUTH_KEY_ACTION_ID = 'inferadb:tailscale:rotate-auth-key';

const examples = [
  {
    description:
      "Rotate a region's auth key: new key, Secret replaced, then the old key revoked",
    example: `steps:
  - id: rotate
    action: ${ROTATE_AUTH_KEY_ACTION_ID}
    name: Rotate the Tailscale auth key
    input:
      region: us-west-1
      cluster: demo-us-west-1
      namespace: inferadb
`,
  },
];

/**
 * `inferadb:tailscale:rotate-auth-key`: makes a new key, replaces the Secret, and only
 * then revokes the key the Secret held before, so pods never see a revoked key.
 *
 * @public
 */
export function createTailscaleRotateAuthKeyAction(
  options: TailscaleActionOptions,
) {
  const deps = new TailscaleActionDeps(options);
  return createTemplateAction({
    id: ROTATE_AUTH_KEY_ACTION_ID,
    description:
      "Rotates a region's Tailscale auth key: creates a new key, replaces the Secret, then revokes the previous key",
    examples,
    supportsDryRun: true,
    schema: {
      input: keyInputs,
      output: keyOutputs,
    },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        // the scaffolder checked ctx.input against the schema above
        const input = withDefaults(ctx.input as KeyInput);
        deps.clusters().get(input.cluster);
        const ref = secretOf(input);
        const where = `Secret ${ref.namespace}/${ref.name} in cluster ${ref.cluster}`;
        // Checkpoints are named after the Secret: a step with each: runs once per key.
        const target = `${ref.cluster}.${ref.namespace}.${ref.name}`;

        if (ctx.isDryRun) {
          const spec = resolveKeySpec(input);
          ctx.logger.info(
            `Dry run: would read the key id from ${where}, create a new reusable, preauthorized Tailscale auth key tagged ` +
              `${
                input.tags?.length
                  ? spec.tags.join(', ')
                  : `like the current key (or ${spec.tags.join(', ')})`
              }, expiring in ${input.expiryDays} days, ` +
              `replace the Secret's "${ref.key}" with it, and only then revoke the previous key. No API was called.`,
          );
          ctx.output('keyId', 'dry-run');
          ctx.output(
            'expires',
            new Date(Date.now() + spec.expirySeconds * 1000).toISOString(),
          );
          ctx.output('secret', ref);
          ctx.output('previousKeyRevoked', false);
          return;
        }

        // another run on this Secret between our read and our write would leave a live key
        await deps.withSecretLock(ctx, ref, async () => {
          // remember the old key id before the Secret is replaced, for a retried task too
          const previous = await ctx.checkpoint<{
            keyId: string | null;
            tags: string[];
            ephemeral: boolean | null;
          }>({
            key: `rotate.previous.${target}`,
            fn: async () => {
              const info = await deps.secretStore().read(ref);
              if (!info) {
                throw new NotFoundError(
                  `${where} does not exist: nothing to rotate. Create it with inferadb:tailscale:create-auth-key`,
                );
              }
              if (!info.managed) {
                throw new ConflictError(
                  `${where} is not managed by InferaDB, so its key cannot be rotated here; create a managed one with inferadb:tailscale:create-auth-key under another name`,
                );
              }
              return {
                keyId: info.keyId ?? null,
                tags: info.tags ?? [],
                ephemeral: info.ephemeral ?? null,
              };
            },
          });
          const spec = resolveKeySpec(
            input,
            previous.tags.length ? previous.tags : undefined,
            previous.ephemeral ?? undefined,
          );

          const provisioned = await provisionAuthKeyOutputs(
            ctx,
            deps,
            input,
            spec,
            `rotate.auth-key.${target}`,
            previous.keyId,
          );
          if (!provisioned.revoked.length) {
            ctx.logger.info(
              'The Secret named no previous key; nothing to revoke',
            );
          }
          await deps.audit(
            'rotate',
            {
              keyId: provisioned.keyId,
              region: input.region,
              previousKeyIds: provisioned.revoked.join(','),
            },
            ctx.user?.ref,
          );
        });
      });
    },
  });
}
