import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import { join, relative, resolve } from 'path';
import { initFleet } from '../fleet/operations';
import { readTree, tempDir } from '../fleet/__testdata__/tree';

const BIN = resolve(__dirname, '../../bin/inferadb-regions');
const REPO_ROOT = resolve(__dirname, '../../../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real bin in a child process, as a user or CI job would. */
function run(
  args: string[],
  options: { cwd?: string; command?: string[] } = {},
): Promise<Run> {
  const [file, ...prefix] = options.command ?? [process.execPath, BIN];
  const env = { ...process.env };
  delete env.INIT_CWD;
  delete env.NODE_OPTIONS;
  return new Promise(done => {
    execFile(
      file,
      [...prefix, ...args],
      { cwd: options.cwd, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        let code = 0;
        if (error) {
          code = typeof error.code === 'number' ? error.code : 1;
        }
        done({ code, stdout, stderr });
      },
    );
  });
}

jest.setTimeout(120_000);

describe('inferadb-regions', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await tempDir('inferadb-cli-');
  });

  it('init, add-region, remove-region, render, plan and validate work as written', async () => {
    const init = await run([
      'init',
      '--dir',
      dir,
      '--fleet',
      'inferadb-demo',
      '--storage',
      'foundationdb',
      '--primary',
      'us-west-1',
      '--cluster',
      'demo-us-west-1',
      '--service-cidr',
      '10.96.0.0/16',
    ]);
    expect(init).toMatchObject({ code: 0, stderr: '' });
    expect(init.stdout).toContain(
      'regions/us-west-1/foundationdb-cluster.yaml',
    );
    expect(await fs.readFile(join(dir, 'fleet.yaml'), 'utf8')).toContain(
      'id: us-west-1',
    );

    const dr = await run([
      'add-region',
      '--dir',
      dir,
      '--id',
      'eu-central-1',
      '--role',
      'dr',
      '--cluster',
      'demo-eu-central-1',
      '--workload',
      'medium',
      '--service-cidr',
      '10.97.0.0/16',
      '--seed-connection-string',
      'inferadb_demo:abc@10.0.0.1:4501',
    ]);
    expect(dr).toMatchObject({ code: 0, stderr: '' });
    expect(
      await fs.readFile(
        join(dir, 'regions/eu-central-1/foundationdb-cluster.yaml'),
        'utf8',
      ),
    ).toContain('storage: 5');

    const before = await readTree(dir);
    const dry = await run([
      'add-region',
      '--dir',
      dir,
      '--id',
      'us-east-1',
      '--role',
      'satellite',
      '--cluster',
      'demo-us-east-1',
      '--service-cidr',
      '10.98.0.0/16',
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      '## Add satellite region us-east-1 to fleet inferadb-demo',
    );
    expect(dry.stdout).toContain(
      '+++ b/regions/us-east-1/foundationdb-cluster.yaml',
    );
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(await readTree(dir)).toEqual(before);

    expect(
      (
        await run([
          'add-region',
          '--dir',
          dir,
          '--id',
          'us-east-1',
          '--role',
          'satellite',
          '--cluster',
          'demo-us-east-1',
          '--service-cidr',
          '10.98.0.0/16',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await run([
          'add-region',
          '--dir',
          dir,
          '--id',
          'ap-southeast-1',
          '--role',
          'replica',
          '--cluster',
          'demo-ap',
          '--p95-latency-ms',
          '80',
        ])
      ).code,
    ).toBe(0);

    const valid = await run(['validate', '--dir', dir]);
    expect(valid).toMatchObject({ code: 0 });
    expect(valid.stdout).toContain('Fleet inferadb-demo is valid: 4 region(s)');

    const snapshot = await readTree(dir);
    const dryRemove = await run([
      'remove-region',
      '--dir',
      dir,
      '--id',
      'us-east-1',
      '--dry-run',
    ]);
    expect(dryRemove.code).toBe(0);
    expect(dryRemove.stdout).toContain(
      'Remove satellite data center us-east-1',
    );
    expect(await readTree(dir)).toEqual(snapshot);
    expect(
      (await run(['remove-region', '--dir', dir, '--id', 'us-east-1'])).code,
    ).toBe(0);
    await expect(fs.stat(join(dir, 'regions/us-east-1'))).rejects.toThrow();

    const render = await run(['render', '--dir', dir]);
    expect(render).toMatchObject({ code: 0 });
    expect(render.stdout).toContain('Nothing to change');

    const plan = await run(['plan', '--dir', dir, '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      written: false,
      changedPaths: [],
    });
  });

  it('exits 1 with the reason on stderr for an invalid request or fleet', async () => {
    const third = await run([
      'add-region',
      '--dir',
      dir,
      '--id',
      'sa-east-1',
      '--role',
      'dr',
      '--cluster',
      'k',
    ]);
    expect(third.code).toBe(1);
    expect(third.stderr).toMatch(
      /spec.regions\[\d\].role: FoundationDB supports at most two regions.*role satellite/,
    );

    const before = await readTree(dir);
    const path = join(dir, 'regions/us-west-1/control-values.yaml');
    await fs.appendFile(path, '# edited\n');
    const invalid = await run(['validate', '--dir', dir]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain(
      'regions/us-west-1/control-values.yaml: was edited by hand',
    );
    const render = await run(['render', '--dir', dir]);
    expect(render.code).toBe(1);
    expect(await fs.readFile(path, 'utf8')).toMatch(/# edited\n$/);
    await fs.writeFile(
      path,
      before.get('regions/us-west-1/control-values.yaml')!,
    );

    const missing = await run(['validate', '--dir', join(dir, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No fleet.yaml in .*nowhere/);
  });

  it('exits 2 on usage errors and 0 for help', async () => {
    expect(
      (
        await run([
          'add-region',
          '--dir',
          dir,
          '--id',
          'x',
          '--role',
          'primary',
          '--cluster',
          'k',
        ])
      ).code,
    ).toBe(2);
    const noCluster = await run([
      'add-region',
      '--dir',
      dir,
      '--id',
      'x',
      '--role',
      'dr',
    ]);
    expect(noCluster.code).toBe(2);
    expect(noCluster.stderr).toContain(
      "required option '--cluster <name>' not specified",
    );
    expect(
      (
        await run([
          'add-region',
          '--dir',
          dir,
          '--id',
          'x',
          '--role',
          'dr',
          '--cluster',
          'k',
          '--workload',
          'huge',
        ])
      ).code,
    ).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('add-region');
  });

  it('resolves a relative --dir against the folder yarn was run from', async () => {
    // What the root script `yarn inferadb-regions` runs, from the repository's docs folder.
    const yarn = join(
      REPO_ROOT,
      '.yarn/releases',
      (await fs.readdir(join(REPO_ROOT, '.yarn/releases')))[0],
    );
    const cwd = join(REPO_ROOT, 'docs');
    const own = await tempDir('inferadb-cli-yarn-');
    await initFleet(own, {
      name: 'inferadb-demo',
      storage: 'ledger',
      primary: { id: 'us-west-1', cluster: 'k1' },
    });
    const result = await run(
      [
        'exec',
        `INFERADB_REGIONS_CWD=$INIT_CWD yarn workspace @inferadb-regions/plugin-inferadb-node cli validate --dir ${relative(
          cwd,
          own,
        )}`,
      ],
      { cwd, command: [process.execPath, yarn] },
    );
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('Fleet inferadb-demo is valid');
  });
});
