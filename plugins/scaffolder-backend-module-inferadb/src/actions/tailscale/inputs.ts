import { InputError } from '@backstage/errors';
import {
  DEFAULT_AUTH_KEY_SECRET_KEY,
  DEFAULT_AUTH_KEY_SECRET_NAME,
  MAX_DESCRIPTION_LENGTH,
  validateKeyDescription,
  validateTags,
} from '@inferadb-regions/plugin-inferadb-node';
import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The zod the scaffolder hands to schema callbacks (its own copy, not ours). */
type Z = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    (...args: any[]) => any
  >
>[0];

const REGION = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const K8S_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const SECRET_DATA_KEY = /^[-._a-zA-Z0-9]+$/;

/** A schema callback; typed loosely so the declaration does not name the scaffolder's zod copy. */
type Field = (z: Z) => InstanceType<Z['ZodType']>;

/** Inputs both Tailscale actions take: where the key goes and what it may do. */
export const keyInputs: Record<keyof KeyInput, Field> = {
  region: (z: Z) =>
    z
      .string()
      .regex(REGION, 'region must be a DNS label, e.g. us-west-1')
      .describe(
        'Region id, e.g. us-west-1; labels the Secret and the default tag',
      ),
  cluster: (z: Z) =>
    z
      .string()
      .min(1)
      .describe(
        'Name of a Kubernetes cluster in inferadb.clusters of app-config (never a URL)',
      ),
  namespace: (z: Z) =>
    z
      .string()
      .regex(K8S_NAME, 'namespace must be a Kubernetes name, e.g. inferadb')
      .default('inferadb')
      .describe('Namespace of the Secret'),
  tags: (z: Z) =>
    z
      .array(z.string())
      .optional()
      .describe(
        'Tags for devices joining with the key; default tag:inferadb-<region>',
      ),
  ephemeral: (z: Z) =>
    z
      .boolean()
      .optional()
      .describe(
        'Make ephemeral devices, removed when they go offline: for pods nobody dials by name (default false)',
      ),
  expiryDays: (z: Z) =>
    z
      .number()
      .int()
      .min(1)
      .max(90)
      .default(90)
      .describe('Days until the key expires (1-90)'),
  secretName: (z: Z) =>
    z
      .string()
      .regex(K8S_NAME, 'secretName must be a Kubernetes name')
      .default(DEFAULT_AUTH_KEY_SECRET_NAME)
      .describe('Name of the Secret'),
  secretKey: (z: Z) =>
    z
      .string()
      .regex(SECRET_DATA_KEY, 'secretKey must be a valid Secret data key')
      .default(DEFAULT_AUTH_KEY_SECRET_KEY)
      .describe('Key of the auth key inside the Secret'),
  description: (z: Z) =>
    z
      .string()
      .max(MAX_DESCRIPTION_LENGTH)
      .optional()
      .describe(
        `Description of the key in Tailscale (at most ${MAX_DESCRIPTION_LENGTH} characters)`,
      ),
};

/** Outputs of both actions: identifiers and dates, never the key. */
export const keyOutputs: Record<
  'keyId' | 'expires' | 'secret' | 'previousKeyId' | 'previousKeyRevoked',
  Field
> = {
  keyId: (z: Z) => z.string().describe('Id of the Tailscale auth key'),
  expires: (z: Z) => z.string().describe('When the key expires (RFC 3339)'),
  secret: (z: Z) =>
    z
      .object({
        cluster: z.string(),
        namespace: z.string(),
        name: z.string(),
        key: z.string(),
      })
      .describe('Where the key is stored'),
  previousKeyId: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Id of the key the Secret held before, now revoked'),
  previousKeyRevoked: (z: Z) =>
    z.boolean().describe('Whether a previous key was revoked'),
};

export interface KeyInput {
  region: string;
  cluster: string;
  namespace?: string;
  tags?: string[];
  ephemeral?: boolean;
  expiryDays?: number;
  secretName?: string;
  secretKey?: string;
  description?: string;
}

/**
 * The input with its defaults filled in: the scaffolder checks inputs against the JSON
 * schema but hands the handler the raw values, without zod's defaults.
 */
export function withDefaults(
  input: KeyInput,
): Required<Omit<KeyInput, 'tags' | 'description' | 'ephemeral'>> &
  Pick<KeyInput, 'tags' | 'description' | 'ephemeral'> {
  return {
    ...input,
    namespace: input.namespace || 'inferadb',
    expiryDays: input.expiryDays ?? 90,
    secretName: input.secretName || DEFAULT_AUTH_KEY_SECRET_NAME,
    secretKey: input.secretKey || DEFAULT_AUTH_KEY_SECRET_KEY,
  };
}

/** The Secret an input names (its cluster, namespace, name and key). */
export function secretOf(input: ReturnType<typeof withDefaults>) {
  return {
    cluster: input.cluster,
    namespace: input.namespace,
    name: input.secretName,
    key: input.secretKey,
  };
}

/** Tags and description with their defaults, checked before anything is called. */
export function resolveKeySpec(
  input: ReturnType<typeof withDefaults>,
  fallbackTags?: string[],
  fallbackEphemeral?: boolean,
) {
  const tags = input.tags?.length
    ? input.tags
    : fallbackTags ?? [`tag:inferadb-${input.region}`];
  try {
    validateTags(tags);
  } catch (e) {
    throw new InputError(`Input "tags": ${(e as Error).message}`);
  }
  const description =
    input.description ??
    `inferadb ${input.region}`.slice(0, MAX_DESCRIPTION_LENGTH);
  try {
    validateKeyDescription(description);
  } catch (e) {
    throw new InputError(`Input "description": ${(e as Error).message}`);
  }
  return {
    tags,
    ephemeral: input.ephemeral ?? fallbackEphemeral ?? false,
    description,
    expirySeconds: input.expiryDays * 86400,
  };
}
