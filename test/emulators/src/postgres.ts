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

/** The variable @backstage/backend-test-utils' TestDatabases reads for a major version. */
const envOf = (major: string) =>
  `BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`;

/** A PostgreSQL server for TestDatabases, and the TestDatabases id that reaches it. */
export interface TestPostgres {
  /** `POSTGRES_<major>`, a TestDatabaseId. */
  id: string;
  stop(): void;
}

function debianBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter(v => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

/**
 * The one way the tests get PostgreSQL: synchronously, because TestDatabases reads its
 * connection string when it is created. A server named in a
 * `BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING` is used as is; otherwise,
 * when Debian's `postgresql` is installed, a throwaway server of its newest version is
 * started that listens on a Unix socket in a temporary directory only (as the `postgres`
 * user when running as root), and the variable of its version is set. Returns undefined,
 * after saying why, when neither is available.
 */
export function startTestPostgres(): TestPostgres | undefined {
  const given = Object.keys(process.env)
    .map(name =>
      /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(name),
    )
    .find(Boolean);
  if (given) return { id: `POSTGRES_${given[1]}`, stop: () => {} };
  const bin = debianBinDir();
  if (!bin) {
    // eslint-disable-next-line no-console
    console.warn(
      'PostgreSQL unavailable: the database tests run on SQLite only. apt-get install postgresql, or name a server in BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING',
    );
    return undefined;
  }
  const major = bin.split('/').slice(-2)[0];
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
    envOf(major)
  ] = `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(
    dir,
  )}`;
  return {
    id: `POSTGRES_${major}`,
    stop() {
      delete process.env[envOf(major)];
      try {
        as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
