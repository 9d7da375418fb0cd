import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { posix, relative, sep } from 'path';

/** The fleet directory inside the task workspace; refuses paths that leave it. */
export function fleetDirectory(workspacePath: string, path: string): string {
  return resolveSafeChildPath(workspacePath, path);
}

/** A path relative to the fleet directory, as a POSIX path relative to the workspace. */
export function workspaceRelative(
  workspacePath: string,
  fleetDir: string,
  path: string,
): string {
  const prefix = relative(workspacePath, fleetDir).split(sep).join('/');
  return posix.normalize(prefix ? posix.join(prefix, path) : path);
}
