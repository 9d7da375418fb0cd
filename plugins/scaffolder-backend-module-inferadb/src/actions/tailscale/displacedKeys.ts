import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { TAILSCALE_KEYS_CONSOLE } from '@inferadb-regions/plugin-inferadb-node';
import type { TailscaleActionDeps } from './deps';

/**
 * Revokes the keys a newly stored key displaced from its Secret, each under a checkpoint
 * so a retried task finishes the job, and says in the task log which ones. A key no Secret
 * holds any more would otherwise stay usable until it expires.
 */
export async function revokeDisplacedKeys(
  ctx: Pick<ActionContext<any, any>, 'logger' | 'checkpoint' | 'user'>,
  deps: TailscaleActionDeps,
  displaced: {
    keyIds: Array<string | null | undefined>;
    newKeyId: string;
    /** The Secret, as the log names it. */
    where: string;
    region: string;
  },
): Promise<string[]> {
  const ids = [...new Set(displaced.keyIds)].filter(
    (id): id is string => !!id && id !== displaced.newKeyId,
  );
  for (const keyId of ids) {
    await ctx.checkpoint({
      key: `revoke.${keyId}`,
      fn: async () => {
        try {
          await deps.tailscale().revokeKey(keyId);
        } catch (e) {
          throw new Error(
            `The new key ${displaced.newKeyId} is in ${
              displaced.where
            }, but revoking the previous key ${keyId} failed: ${
              (e as Error).message
            }. Retry the task to revoke it, or revoke key ${keyId} in the Tailscale admin console (${TAILSCALE_KEYS_CONSOLE}).`,
          );
        }
        ctx.logger.info(
          `Revoked the previous Tailscale auth key ${keyId}, which ${displaced.where} held before this run replaced it`,
        );
        await deps.audit(
          'revoke',
          { keyId, region: displaced.region, reason: 'replaced' },
          ctx.user?.ref,
        );
      },
    });
  }
  return ids;
}
