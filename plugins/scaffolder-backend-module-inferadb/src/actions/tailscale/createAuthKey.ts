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

export const CREATE_AUTH_KEY_ACTION_ID = 'inferadb:tailscale:create-auth-key';

const examples = [
  {
    description:
      'Create the auth key of a new region and store it in its cluster',
    example: `steps:
  - id: tailscale-key
    action: ${CREATE_AUTH_KEY_ACTION_ID}
    name: Create the Tailscale auth key
    input:
      region: us-west-1
      cluster: demo-us-west-1
      namespace: inferadb
      secretName: tailscale-auth-engine
      tags: [tag:inferadb-engine, tag:inferadb-us-west-1]
      ephemeral: true
      expiryDays: 90
`,
  },
];

/**
 * `inferadb:tailscale:create-auth-key`: creates a reusable, preauthorized, tagged
 * (optionally ephemeral) Tailscale auth key and stores it in a Secret of a cluster named in app-config.
 * Outputs the key id, expiry and the Secret's reference, never the key.
 *
 * @public
 */
export function createTailscaleCreateAuthKeyAction(
  options: TailscaleActionOptions,
) {
  const deps = new TailscaleActionDeps(options);
  return createTemplateAction({
    id: CREATE_AUTH_KEY_ACTION_ID,
    description:
      "Creates a region's Tailscale auth key and stores it in a Kubernetes Secret; outputs only the key id, expiry and Secret reference",
    examples,
    supportsDryRun: true,
    schema: { input: keyInputs, output: keyOutputs },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        // the scaffolder checked ctx.input against the schema above
        const input = withDefaults(ctx.input as KeyInput);
        const spec = resolveKeySpec(input);
        // the cluster is chosen by name; an unknown one fails before any call
        deps.clusters().get(input.cluster);
        const secret = secretOf(input);

        if (ctx.isDryRun) {
          const expires = new Date(
            Date.now() + spec.expirySeconds * 1000,
          ).toISOString();
          ctx.logger.info(
            `Dry run: would create a reusable, preauthorized, ${
              spec.ephemeral ? 'ephemeral' : 'non-ephemeral'
            } Tailscale auth key tagged ${spec.tags.join(', ')} ` +
              `described "${spec.description}", expiring in ${input.expiryDays} days (about ${expires}), ` +
              `and store it in Secret ${secret.namespace}/${secret.name} (key "${secret.key}") of cluster ${secret.cluster}, ` +
              `labelled with region ${input.region}, the key id and expiry. If storing failed, the key would be revoked; if the Secret held an earlier key, that key would be revoked once the new one is stored. No API was called.`,
          );
          ctx.output('keyId', 'dry-run');
          ctx.output('expires', expires);
          ctx.output('secret', secret);
          ctx.output('previousKeyRevoked', false);
          return;
        }

        // Named after the Secret: a step with each: runs once per key under one step id.
        await deps.withSecretLock(ctx, secret, () =>
          provisionAuthKeyOutputs(
            ctx,
            deps,
            input,
            spec,
            `auth-key.${secret.cluster}.${secret.namespace}.${secret.name}`,
          ),
        );
      });
    },
  });
}
