import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { removeRegion } from '@inferadb-regions/plugin-inferadb-node';
import { fleetDirectory, workspaceRelative } from '../fleet/fleetDirectory';
import { FLEET_PATH_DESCRIPTION } from '../fleet/inputs';
import { refusalsAsMessages } from '../refusals';
import { logPlan } from './logPlan';

export const REMOVE_REGION_ACTION_ID = 'inferadb:region:remove';

const examples = [
  {
    description:
      'Remove a replica region from the fleet of the fetched deployment repository',
    example: `steps:
  - id: remove-region
    action: ${REMOVE_REGION_ACTION_ID}
    name: Remove ap-southeast-1
    input:
      path: inferadb
      id: ap-southeast-1
`,
  },
];

/**
 * `inferadb:region:remove`: removes a region and reverses what adding it changed; the plan
 * explains the FoundationDB stages when a DR region or satellite leaves.
 */
export function createRemoveRegionAction() {
  return createTemplateAction({
    id: REMOVE_REGION_ACTION_ID,
    description:
      'Removes a region from the InferaDB fleet in the workspace and updates the remaining regions\' files. Inputs: path (folder holding fleet.yaml, default "."), id. Outputs: changedPaths and deletedPaths (relative to the workspace; give deletedPaths to publish:github:pull-request as filesToDelete), plan (Markdown with unified diffs and FoundationDB stages, for the pull request body). The primary cannot be removed. Dry run writes nothing.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z => z.string().default('.').describe(FLEET_PATH_DESCRIPTION),
        id: z => z.string().describe('Id of the region to remove.'),
      },
      output: {
        changedPaths: z =>
          z
            .array(z.string())
            .describe('Files changed or deleted, relative to the workspace.'),
        deletedPaths: z =>
          z
            .array(z.string())
            .describe(
              "The deleted files among changedPaths, relative to the workspace: the publishing step's filesToDelete.",
            ),
        plan: z =>
          z
            .string()
            .describe(
              'The plan in Markdown: files with unified diffs and FoundationDB stages, for the pull request body.',
            ),
      },
    },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        const dir = fleetDirectory(ctx.workspacePath, ctx.input.path ?? '.');
        const result = await removeRegion(dir, ctx.input.id, {
          dryRun: ctx.isDryRun,
        });
        logPlan(ctx, result, result.plan.title);
        const relative = (paths: string[]) =>
          paths.map(p => workspaceRelative(ctx.workspacePath, dir, p));
        ctx.output('changedPaths', relative(result.changedPaths));
        ctx.output('deletedPaths', relative(result.deletedPaths));
        ctx.output('plan', result.plan.markdown);
      });
    },
  });
}
