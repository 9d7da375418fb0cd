import {
  secretMayHaveBeenWritten,
  TAILSCALE_KEYS_CONSOLE,
  type CreatedAuthKey,
  type WrittenAuthKeySecret,
} from '@inferadb-regions/plugin-inferadb-node';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { TailscaleActionDeps } from './deps';
import { revokeDisplacedKeys } from './displacedKeys';

/** The part of the action context provisioning uses. */
export type ProvisionContext = Pick<
  ActionContext<any, any>,
  'logger' | 'checkpoint' | 'user'
>;

export interface ProvisionSpec {
  region: string;
  cluster: string;
  namespace: string;
  secretName: string;
  secretKey: string;
  tags: string[];
  /** Ephemeral devices vanish when they go offline (pods nobody dials by name). */
  ephemeral: boolean;
  description: string;
  expirySeconds: number;
}

/** What a provisioned key leaves in checkpoints and outputs: ids and dates only. */
export type ProvisionedKey = {
  keyId: string;
  expires: string;
  secret: { cluster: string; namespace: string; name: string; key: string };
  /** The key the replaced Secret held; still live until revoked. */
  replacedKeyId?: string;
};

/** How many times an earlier run's unstored key may be replaced before giving up. */
const MAX_ORPHANS = 3;

async function revokeAfterFailure(
  ctx: ProvisionContext,
  deps: TailscaleActionDeps,
  keyId: string,
  region: string,
): Promise<string> {
  try {
    await deps.tailscale().revokeKey(keyId);
    ctx.logger.info(
      `Revoked Tailscale auth key ${keyId}, so no unstored key is left usable`,
    );
    await deps.audit(
      'revoke',
      { keyId, region, reason: 'not stored' },
      ctx.user?.ref,
    );
    return `The new Tailscale auth key ${keyId} was revoked, so nothing usable was left behind.`;
  } catch (e) {
    return `The new Tailscale auth key ${keyId} could NOT be revoked (${
      (e as Error).message
    }): revoke it in the Tailscale admin console (${TAILSCALE_KEYS_CONSOLE}).`;
  }
}

/**
 * Creates an auth key and stores it in its Secret, each under a checkpoint holding only
 * the key id. A retried task therefore never makes a second key once one is stored. A
 * key whose value is gone (created by an earlier run that failed before storing it) is
 * revoked and replaced, so at most one usable key exists.
 */
export async function provisionAuthKey(
  ctx: ProvisionContext,
  deps: TailscaleActionDeps,
  spec: ProvisionSpec,
  checkpointKey: string,
  orphans = 0,
): Promise<ProvisionedKey> {
  let fresh: CreatedAuthKey | undefined;
  const created = await ctx.checkpoint<{ keyId: string; expires: string }>({
    key: `${checkpointKey}.created`,
    fn: async () => {
      fresh = await deps.tailscale().createAuthKey({
        tags: spec.tags,
        expirySeconds: spec.expirySeconds,
        description: spec.description,
        reusable: true,
        ephemeral: spec.ephemeral,
        preauthorized: true,
      });
      ctx.logger.info(
        `Created Tailscale auth key ${fresh.id} (reusable, ${
          spec.ephemeral ? 'ephemeral' : 'non-ephemeral'
        }, preauthorized, tags ${spec.tags.join(', ')}, expires ${
          fresh.expires
        })`,
      );
      await deps.audit(
        'create',
        {
          keyId: fresh.id,
          region: spec.region,
          cluster: spec.cluster,
          secret: `${spec.namespace}/${spec.secretName}`,
        },
        ctx.user?.ref,
      );
      return { keyId: fresh.id, expires: fresh.expires ?? '' };
    },
  });

  const stored = await ctx.checkpoint<ProvisionedKey | { orphaned: string }>({
    key: `${checkpointKey}.stored.${created.keyId}`,
    fn: async () => {
      if (!fresh) {
        // an earlier run made this key and never stored it; its value is lost
        await deps.tailscale().revokeKey(created.keyId);
        ctx.logger.info(
          `Revoked Tailscale auth key ${created.keyId}: an earlier attempt created it but did not store it`,
        );
        await deps.audit(
          'revoke',
          { keyId: created.keyId, region: spec.region, reason: 'not stored' },
          ctx.user?.ref,
        );
        return { orphaned: created.keyId };
      }
      let written: WrittenAuthKeySecret;
      try {
        written = await deps.secretStore().write({
          cluster: spec.cluster,
          namespace: spec.namespace,
          name: spec.secretName,
          key: spec.secretKey,
          region: spec.region,
          keyId: fresh.id,
          created: fresh.created,
          expires: fresh.expires,
          tags: spec.tags,
          ephemeral: spec.ephemeral,
          authKey: fresh.secret,
        });
      } catch (e) {
        const revoked = await revokeAfterFailure(
          ctx,
          deps,
          fresh.id,
          spec.region,
        );
        // Kubernetes may have stored it all the same: then the Secret holds a revoked key.
        const maybeWritten = secretMayHaveBeenWritten(e)
          ? ` Kubernetes may have written Secret ${spec.namespace}/${spec.secretName} anyway, holding that revoked key: check it, and run again to store a working key.`
          : '';
        const error = new Error(
          `Storing the Tailscale auth key failed: ${
            (e as Error).message
          }. ${revoked}${maybeWritten}`,
        );
        error.name = (e as Error).name ?? 'Error';
        throw error;
      }
      const { ref: secret, replacedKeyId } = written;
      ctx.logger.info(
        `Stored the auth key in Secret ${secret.namespace}/${
          secret.name
        } (key "${secret.key}") of cluster ${secret.cluster}${
          replacedKeyId
            ? `, replacing the Secret that held key ${replacedKeyId}`
            : ''
        }`,
      );
      return {
        keyId: fresh.id,
        expires: fresh.expires ?? '',
        secret: { ...secret },
        ...(replacedKeyId && { replacedKeyId }),
      };
    },
  });

  if ('orphaned' in stored) {
    if (orphans + 1 >= MAX_ORPHANS) {
      throw new Error(
        `Gave up after revoking ${
          orphans + 1
        } auth keys that earlier attempts created but could not store`,
      );
    }
    return provisionAuthKey(
      ctx,
      deps,
      spec,
      `${checkpointKey}.after-${created.keyId}`,
      orphans + 1,
    );
  }
  return stored;
}

/**
 * Provisions the key an action's input describes, sets the action's outputs (the key id,
 * its expiry and where it is stored, never the key), then revokes the keys it displaced:
 * `previousKeyId` (what the Secret held when a rotation began) and the key of the Secret it
 * actually replaced, which differs when another run wrote the Secret in between.
 */
export async function provisionAuthKeyOutputs(
  ctx: ProvisionContext & Pick<ActionContext<any, any>, 'output'>,
  deps: TailscaleActionDeps,
  input: Pick<
    ProvisionSpec,
    'region' | 'cluster' | 'namespace' | 'secretName' | 'secretKey'
  >,
  key: Pick<
    ProvisionSpec,
    'tags' | 'ephemeral' | 'description' | 'expirySeconds'
  >,
  checkpointKey: string,
  previousKeyId?: string | null,
): Promise<ProvisionedKey & { revoked: string[] }> {
  const provisioned = await provisionAuthKey(
    ctx,
    deps,
    {
      region: input.region,
      cluster: input.cluster,
      namespace: input.namespace,
      secretName: input.secretName,
      secretKey: input.secretKey,
      ...key,
    },
    checkpointKey,
  );
  ctx.output('keyId', provisioned.keyId);
  ctx.output('expires', provisioned.expires);
  ctx.output('secret', provisioned.secret);
  const { secret } = provisioned;
  const revoked = await revokeDisplacedKeys(ctx, deps, {
    keyIds: [previousKeyId, provisioned.replacedKeyId],
    newKeyId: provisioned.keyId,
    where: `Secret ${secret.namespace}/${secret.name} in cluster ${secret.cluster}`,
    region: input.region,
  });
  if (revoked.length) ctx.output('previousKeyId', revoked[0]);
  ctx.output('previousKeyRevoked', revoked.length > 0);
  return { ...provisioned, revoked };
}
