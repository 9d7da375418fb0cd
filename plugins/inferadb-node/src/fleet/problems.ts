import { InputError } from '@backstage/errors';

/**
 * One thing wrong with a fleet: the field at fault and what to do about it.
 *
 * @public
 */
export interface FleetProblem {
  /** The field, e.g. `spec.regions[1].role`, or a file path for file problems. */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/**
 * Formats problems one per line: `field: message`.
 *
 * @public
 */
export function formatProblems(problems: FleetProblem[]): string {
  return problems.map(p => `${p.field}: ${p.message}`).join('\n');
}

/**
 * The fleet (or the requested change) is invalid; nothing was written.
 *
 * @public
 */
export class FleetValidationError extends InputError {
  readonly problems: FleetProblem[];

  constructor(problems: FleetProblem[], what = 'The fleet is invalid') {
    super(`${what}; nothing was written.\n${formatProblems(problems)}`);
    this.problems = problems;
  }
}
