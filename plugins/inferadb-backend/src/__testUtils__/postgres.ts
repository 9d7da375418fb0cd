import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The variable @backstage/backend-test-utils' TestDatabases reads for POSTGRES_15. */
export const POSTGRES_ENV =
  'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';

function debianBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter(v => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/**
 * Makes PostgreSQL available to TestDatabases, synchronously because TestDatabases reads
 * {@link POSTGRES_ENV} when it is created: a server named there is used as is; otherwise,
 * when Debian's `postgresql` is installed, a throwaway server is started that listens on a
 * Unix socket in a temporary directory only (as the `postgres` user when running as root).
 * Returns undefined when neither is available.
 */
export function ensurePostgres(): { stop(): void } | undefined {
  if (process.env[POSTGRES_ENV]) return { stop: () => {} };
  const bin = debianBinDir();
  if (!bin) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'inferadb-pg-'));
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], {
          stdio: 'pipe',
        })
      : execFileSync(cmd, args, { stdio: 'pipe' });
  if (asRoot) chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  // No TCP listener: the port only names the socket file, so it cannot clash.
  const port = 5432;
  try {
    as(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
    ]);
    as(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses= -c fsync=off`,
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.warn(
      `could not start a throwaway PostgreSQL: ${(error as Error).message}`,
    );
    return undefined;
  }
  process.env[
    POSTGRES_ENV
  ] = `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(
    dir,
  )}`;
  return {
    stop() {
      delete process.env[POSTGRES_ENV];
      try {
        as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
