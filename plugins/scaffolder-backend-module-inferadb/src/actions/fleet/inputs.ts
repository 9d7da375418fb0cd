import type { createTemplateAction } from '@backstage/plugin-scaffolder-node';

/** The zod the scaffolder hands to schema callbacks (its own copy, not the workspace's). */
export type Z = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    (...args: any[]) => any
  >
>[0];

/** Description of the `path` input every fleet action takes. */
export const FLEET_PATH_DESCRIPTION =
  "Folder of the task workspace holding fleet.yaml (for example 'inferadb' after fetching the deployment repository). Defaults to the workspace root.";
