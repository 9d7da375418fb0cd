import { InvalidArgumentError, Option } from 'commander';
import { WORKLOAD_SIZES } from '@inferadb-regions/plugin-inferadb-common';

/** Parses a positive number, or fails as a usage error. */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError('expected a positive number.');
  }
  return n;
}

/** Parses a positive integer, or fails as a usage error. */
export function positiveInteger(value: string): number {
  const n = positiveNumber(value);
  if (!Number.isInteger(n)) {
    throw new InvalidArgumentError('expected a whole number.');
  }
  return n;
}

export const dirOption = () =>
  new Option(
    '--dir <dir>',
    'folder holding fleet.yaml (relative to where you run the command)',
  ).makeOptionMandatory();

export const workloadOption = () =>
  new Option(
    '--workload <size>',
    'process or replica counts from the sizing table',
  ).choices(WORKLOAD_SIZES);

export const dryRunOption = () =>
  new Option(
    '--dry-run',
    'print the plan (files with unified diffs, FDB stages) and write nothing',
  );

export const jsonOption = () =>
  new Option('--json', 'print the plan as JSON instead of Markdown');
