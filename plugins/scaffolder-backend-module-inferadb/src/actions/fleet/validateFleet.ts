import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import {
  formatProblems,
  validateFleetDirectory,
} from '@inferadb-regions/plugin-inferadb-node';
import { fleetDirectory } from './fleetDirectory';
import { FLEET_PATH_DESCRIPTION } from './inputs';
import { refusalsAsMessages } from '../refusals';

export const VALIDATE_FLEET_ACTION_ID = 'inferadb:fleet:validate';

const examples = [
  {
    description: 'Check the fetched deployment repository before changing it',
    example: `steps:
  - id: validate
    action: ${VALIDATE_FLEET_ACTION_ID}
    name: Validate the fleet
    input:
      path: inferadb
`,
  },
];

/**
 * `inferadb:fleet:validate`: checks fleet.yaml against every rule (ids, roles, FDB region
 * limits, process counts, maintenance windows) and the generated files against it (hand
 * edits, files out of date). Fails the step on a problem unless `failOnProblems` is false.
 */
export function createValidateFleetAction() {
  return createTemplateAction({
    id: VALIDATE_FLEET_ACTION_ID,
    description:
      'Validates an InferaDB fleet directory (fleet.yaml and its generated files). Input: path (folder of the workspace holding fleet.yaml, default "."), failOnProblems (default true). Outputs: valid, problems [{field, message}], warnings [{field, message}].',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        path: z => z.string().default('.').describe(FLEET_PATH_DESCRIPTION),
        failOnProblems: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Fail the step when the fleet has a problem (default true).',
            ),
      },
      output: {
        valid: z => z.boolean().describe('True when the fleet has no problem.'),
        problems: z =>
          z
            .array(z.object({ field: z.string(), message: z.string() }))
            .describe('Each problem: the field or file at fault and the fix.'),
        warnings: z =>
          z
            .array(z.object({ field: z.string(), message: z.string() }))
            .describe('Things to settle before merging.'),
      },
    },
    async handler(ctx) {
      await refusalsAsMessages(async () => {
        const dir = fleetDirectory(ctx.workspacePath, ctx.input.path ?? '.');
        const result = await validateFleetDirectory(dir);
        ctx.output('valid', result.problems.length === 0);
        ctx.output('problems', result.problems);
        ctx.output('warnings', result.warnings);
        if (result.warnings.length > 0) {
          ctx.logger.warn(
            `Fleet warnings:\n${formatProblems(result.warnings)}`,
          );
        }
        if (result.problems.length > 0) {
          const message = `The fleet in ${
            ctx.input.path ?? '.'
          } is invalid:\n${formatProblems(result.problems)}`;
          if (ctx.input.failOnProblems ?? true) {
            throw new InputError(message);
          }
          ctx.logger.warn(message);
          return;
        }
        ctx.logger.info(
          `Fleet ${result.fleet!.metadata.name} is valid (${
            result.fleet!.spec.regions.length
          } regions).`,
        );
      });
    },
  });
}
