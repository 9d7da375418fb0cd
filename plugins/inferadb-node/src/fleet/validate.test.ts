/* eslint jest/expect-expect: ["error", { "assertFunctionNames": ["expect", "expectRefused"] }] */
import { promises as fs } from 'fs';
import { join } from 'path';
import { FleetRegionInput } from '@inferadb-regions/plugin-inferadb-common';
import {
  addRegion,
  initFleet,
  removeRegion,
  renderFleetDirectory,
  validateFleetDirectory,
} from './operations';
import { FleetValidationError } from './problems';
import { readTree, tempDir } from './__testdata__/tree';

async function fdbFleet() {
  const dir = await tempDir();
  await initFleet(dir, {
    name: 'inferadb-demo',
    storage: 'foundationdb',
    primary: {
      id: 'us-west-1',
      cluster: 'demo-us-west-1',
      maintenanceWindow: 'Sun 02:00-04:00 UTC',
      serviceCidr: '10.96.0.0/16',
    },
  });
  await addRegion(dir, {
    region: {
      id: 'eu-central-1',
      role: 'dr',
      cluster: 'demo-eu-central-1',
      maintenanceWindow: 'Sun 10:00-12:00 UTC',
      serviceCidr: '10.97.0.0/16',
    },
    seedConnectionString: 'inferadb_demo:abc@10.0.0.1:4501',
  });
  return dir;
}

async function ledgerFleet() {
  const dir = await tempDir();
  await initFleet(dir, {
    name: 'ledger-fleet',
    storage: 'ledger',
    primary: { id: 'us-west-1', cluster: 'k1' },
  });
  return dir;
}

/** Runs a change that must fail, and proves it failed naming the field and left every byte alone. */
async function expectRefused(
  dir: string,
  change: () => Promise<unknown>,
  field: string,
  message: RegExp,
) {
  const before = await readTree(dir);
  const error = await change().then(
    () => undefined,
    e => e,
  );
  expect(error).toBeInstanceOf(FleetValidationError);
  const problems = (error as FleetValidationError).problems;
  expect(problems).toContainEqual({
    field,
    message: expect.stringMatching(message),
  });
  expect((error as Error).message).toContain('nothing was written');
  expect(await readTree(dir)).toEqual(before);
}

const dr = (overrides: Partial<FleetRegionInput>): FleetRegionInput => ({
  id: 'ap-southeast-1',
  role: 'replica',
  cluster: 'demo-ap-southeast-1',
  serviceCidr: '10.98.0.0/16',
  ...overrides,
});

async function editFleet(dir: string, edit: (text: string) => string) {
  const path = join(dir, 'fleet.yaml');
  await fs.writeFile(path, edit(await fs.readFile(path, 'utf8')));
}

describe('validation refuses bad fleets and writes nothing', () => {
  it('region ids must be DNS-1123 labels', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ id: 'AP_Southeast' }) }),
      'spec.regions[2].id',
      /DNS-1123 label.*for example us-west-1/,
    );
  });

  it('region ids must be unique', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ id: 'eu-central-1' }) }),
      'spec.regions[2].id',
      /duplicate region id eu-central-1 \(also spec.regions\[1\]\): give every region its own id/,
    );
  });

  it('a fleet has exactly one primary', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ role: 'primary' }) }),
      'spec.regions',
      /exactly one primary, found 2 .*keep one/,
    );
    await editFleet(dir, t => t.replace('role: primary', 'role: replica'));
    await expectRefused(
      dir,
      () => renderFleetDirectory(dir),
      'spec.regions',
      /exactly one region with role primary: set role: primary on one region/,
    );
  });

  it('a third FoundationDB main region is refused, pointing to satellite or replica', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ role: 'dr' }) }),
      'spec.regions[2].role',
      /at most two regions.*add it with role satellite.*or replica/,
    );
  });

  it("process counts are never below the FDB operator's defaults", async () => {
    const dir = await fdbFleet();
    await editFleet(dir, t =>
      t
        .replace(
          '    type: foundationdb',
          '    type: foundationdb\n    redundancyMode: triple',
        )
        .replace(
          '      cluster: demo-us-west-1',
          '      cluster: demo-us-west-1\n      processCounts:\n        storage: 3\n        stateless: 9',
        ),
    );
    await expectRefused(
      dir,
      () => renderFleetDirectory(dir),
      'spec.regions[0].processCounts.storage',
      /3 storage processes are too few for redundancy mode triple, which needs at least 5 \(the FDB operator's default\): raise processCounts.storage or remove it/,
    );
    // Two usable regions: 9 log routers + the fault tolerance of triple.
    await expectRefused(
      dir,
      () => renderFleetDirectory(dir),
      'spec.regions[0].processCounts.stateless',
      /9 stateless processes are too few for redundancy mode triple, which needs at least 11/,
    );
  });

  it('every data center of a fleet spanning clusters names a Service CIDR, none overlapping', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () =>
        addRegion(dir, {
          region: dr({ role: 'satellite', serviceCidr: undefined }),
        }),
      'spec.regions[2].serviceCidr',
      /data center ap-southeast-1 needs its cluster's Service CIDR once the fleet spans clusters/,
    );
    await expectRefused(
      dir,
      () =>
        addRegion(dir, {
          region: dr({ role: 'satellite', serviceCidr: '10.96.128.0/17' }),
        }),
      'spec.regions[2].serviceCidr',
      /10.96.128.0\/17 overlaps 10.96.0.0\/16 of region us-west-1/,
    );
  });

  it('images are pinned: latest or no tag is refused', async () => {
    const dir = await ledgerFleet();
    await editFleet(dir, t =>
      t.replace(
        '    type: ledger',
        '    type: ledger\n    image: inferadb/ledger:latest',
      ),
    );
    await expectRefused(
      dir,
      () => renderFleetDirectory(dir),
      'spec.storage.image',
      /'inferadb\/ledger:latest' is not pinned: give a release tag/,
    );
  });

  it('satellite log counts must suit satellite_logs and the satellite redundancy mode', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () =>
        addRegion(dir, {
          region: dr({ role: 'satellite', processCounts: { log: 1 } }),
        }),
      'spec.regions[2].processCounts.log',
      /runs 1 log processes but spec.storage.satelliteLogs recruits 3, and the FDB operator runs 4 there by default/,
    );
    await editFleet(dir, t =>
      t.replace(
        '    type: foundationdb',
        '    type: foundationdb\n    satelliteRedundancyMode: two_satellite_safe',
      ),
    );
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ role: 'satellite' }) }),
      'spec.storage.satelliteLogs',
      /keeps 4 copies, so satelliteLogs must be at least 4/,
    );
  });

  it('maintenance windows may not leave fewer than half the regions up', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () =>
        addRegion(dir, {
          region: dr({ maintenanceWindow: 'Sun 11:00-13:00 UTC' }),
        }),
      'spec.regions[2].maintenanceWindow',
      /at Sun 11:00 UTC the windows of eu-central-1, ap-southeast-1 overlap, leaving 1 of 3 regions up \(fewer than half\): stagger the maintenance windows/,
    );
    // Windows that wrap past midnight into the next week count too.
    await expectRefused(
      dir,
      () =>
        addRegion(dir, {
          region: dr({ maintenanceWindow: 'Sat 23:00-03:00 UTC' }),
        }),
      'spec.regions[2].maintenanceWindow',
      /windows of us-west-1, ap-southeast-1 overlap/,
    );
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ maintenanceWindow: 'Sunday 2am' }) }),
      'spec.regions[2].maintenanceWindow',
      /must look like 'Sun 02:00-04:00 UTC'/,
    );
  });

  it('a hand-edited generated file is reported, not overwritten', async () => {
    const dir = await fdbFleet();
    const path = join(dir, 'regions/us-west-1/engine-values.yaml');
    await fs.writeFile(
      path,
      `${await fs.readFile(path, 'utf8')}# tuned by hand\n`,
    );
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({}) }),
      'regions/us-west-1/engine-values.yaml',
      /edited by hand .*left alone: move the edit into fleet.yaml/,
    );
    await expectRefused(
      dir,
      () => removeRegion(dir, 'eu-central-1'),
      'regions/us-west-1/engine-values.yaml',
      /edited by hand/,
    );
    const validation = await validateFleetDirectory(dir);
    expect(validation.problems).toContainEqual({
      field: 'regions/us-west-1/engine-values.yaml',
      message: expect.stringMatching(/edited by hand/),
    });
  });

  it('a file not generated by the tool is never overwritten', async () => {
    const dir = await fdbFleet();
    await fs.mkdir(join(dir, 'regions/ap-southeast-1'), { recursive: true });
    await fs.writeFile(
      join(dir, 'regions/ap-southeast-1/engine-values.yaml'),
      'replicaCount: 1\n',
    );
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({}) }),
      'regions/ap-southeast-1/engine-values.yaml',
      /not generated by inferadb-regions.*move or delete it/,
    );
  });

  it('satellites exist only in FoundationDB fleets', async () => {
    const dir = await ledgerFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ role: 'satellite' }) }),
      'spec.regions[1].role',
      /does not exist in a ledger fleet: use replica/,
    );
  });

  it('Ledger replica counts must be odd', async () => {
    const dir = await ledgerFleet();
    await expectRefused(
      dir,
      () => addRegion(dir, { region: dr({ ledgerReplicas: 4 }) }),
      'spec.regions[1].ledgerReplicas',
      /use an odd count \(3, 5 or 7\)/,
    );
  });

  it('unknown fields and values are named', async () => {
    const dir = await fdbFleet();
    await editFleet(dir, t =>
      t.replace('cluster: demo-eu-central-1', 'clusterName: demo-eu-central-1'),
    );
    const before = await readTree(dir);
    const error = (await renderFleetDirectory(dir).catch(
      e => e,
    )) as FleetValidationError;
    expect(error.problems).toEqual(
      expect.arrayContaining([
        {
          field: 'spec.regions[1]',
          message: expect.stringMatching(
            /unknown field\(s\) clusterName: remove them or check the spelling/,
          ),
        },
        {
          field: 'spec.regions[1].cluster',
          message: expect.stringMatching(/cluster is required/),
        },
      ]),
    );
    expect(await readTree(dir)).toEqual(before);
  });

  it('fleet.yaml that is not YAML is reported', async () => {
    const dir = await fdbFleet();
    await editFleet(dir, t => `${t}\n  - : : [\n`);
    await expectRefused(
      dir,
      () => renderFleetDirectory(dir),
      'fleet.yaml',
      /is not valid YAML/,
    );
  });

  it('the primary cannot be removed, nor a region that does not exist', async () => {
    const dir = await fdbFleet();
    await expectRefused(
      dir,
      () => removeRegion(dir, 'us-west-1'),
      'spec.regions[0].role',
      /is the primary: fail over/,
    );
    await expectRefused(
      dir,
      () => removeRegion(dir, 'mars-1'),
      'id',
      /no region mars-1 .*choose one of us-west-1, eu-central-1/,
    );
  });

  it('validate reports generated files that are out of date with fleet.yaml', async () => {
    const dir = await fdbFleet();
    await editFleet(dir, t =>
      t.replace(
        'cluster: demo-eu-central-1',
        'cluster: demo-eu-central-1\n      workload: medium',
      ),
    );
    const validation = await validateFleetDirectory(dir);
    expect(validation.problems).toContainEqual({
      field: 'regions/eu-central-1/foundationdb-cluster.yaml',
      message:
        'is out of date with fleet.yaml: run inferadb-regions render and commit the result',
    });
    await fs.rm(join(dir, 'regions/us-west-1/catalog-info.yaml'));
    expect((await validateFleetDirectory(dir)).problems).toContainEqual({
      field: 'regions/us-west-1/catalog-info.yaml',
      message: 'is missing: run inferadb-regions render and commit the result',
    });
  });

  it('a dry run computes the plan and writes nothing', async () => {
    const dir = await fdbFleet();
    const before = await readTree(dir);
    const result = await addRegion(
      dir,
      { region: dr({ role: 'satellite' }) },
      { dryRun: true },
    );
    expect(result.written).toBe(false);
    expect(result.changedPaths).toContain(
      'regions/ap-southeast-1/foundationdb-cluster.yaml',
    );
    expect(result.plan.markdown).toContain(
      'Add satellite data center ap-southeast-1',
    );
    expect(await readTree(dir)).toEqual(before);
  });

  it('warns when data centers would start a new database for want of a seed connection string', async () => {
    const dir = await tempDir();
    await initFleet(dir, {
      name: 'f',
      storage: 'foundationdb',
      primary: { id: 'us-west-1', cluster: 'k1', serviceCidr: '10.96.0.0/16' },
    });
    const result = await addRegion(dir, {
      region: {
        id: 'eu-central-1',
        role: 'dr',
        cluster: 'k2',
        serviceCidr: '10.97.0.0/16',
      },
    });
    expect(result.warnings).toEqual([
      {
        field: 'spec.storage.seedConnectionString',
        message: expect.stringMatching(
          /eu-central-1 would start a new database instead of joining f-us-west-1: copy ConfigMap f-us-west-1-config key cluster-file/,
        ),
      },
    ]);
    expect(result.plan.markdown).toContain('### Before merging');
  });
});
