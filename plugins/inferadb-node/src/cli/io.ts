import { resolve } from 'path';

/**
 * Where the CLI writes and how it resolves relative paths.
 *
 * @public
 */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /**
   * Directory relative `--dir` values are resolved against: the folder the user ran the
   * command from. Yarn runs package scripts from the package folder and records the
   * caller's folder in INIT_CWD; but `yarn workspace X cli` (what the root script runs)
   * resets INIT_CWD to the workspace, so the root script passes the caller's folder on as
   * INFERADB_REGIONS_CWD.
   */
  cwd: string;
}

/** The process's own streams and working directory. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd:
      process.env.INFERADB_REGIONS_CWD ?? process.env.INIT_CWD ?? process.cwd(),
  };
}

/** Resolves a `--dir` value. */
export function resolveDir(io: CliIo, dir: string): string {
  return resolve(io.cwd, dir);
}
