import {
  FleetChangeResult,
  formatProblems,
} from '@inferadb-regions/plugin-inferadb-node';

/** Writes a fleet change's warnings and plan to the task log. */
export function logPlan(
  ctx: {
    isDryRun?: boolean;
    logger: { info(message: string): void; warn(message: string): void };
  },
  result: FleetChangeResult,
  heading: string,
) {
  if (result.warnings.length > 0) {
    ctx.logger.warn(`Before merging:\n${formatProblems(result.warnings)}`);
  }
  ctx.logger.info(
    `${ctx.isDryRun ? 'Dry run, nothing written. ' : ''}${heading}\n${
      result.plan.markdown
    }`,
  );
}
