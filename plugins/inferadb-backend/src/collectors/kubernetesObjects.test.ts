import {
  desiredCoordinatorCount,
  foundationDbHealthOf,
} from './kubernetesObjects';

/** A FoundationDBCluster of the `eu` data center, status as the operator writes it. */
const cluster = (conditions: Record<string, string[]> = {}) => ({
  metadata: { name: 'inferadb-fdb-eu', generation: 3 },
  spec: { dataCenter: 'eu' },
  status: {
    generations: { reconciled: 3 },
    connectionString:
      'inferadb_fdb:abc@10.1.0.1:4501,10.1.0.2:4501,10.1.0.3:4501,10.1.0.4:4501,10.1.0.5:4501,10.2.0.1:4501:tls,10.2.0.2:4501:tls,10.2.0.3:4501:tls,10.2.0.4:4501:tls',
    databaseConfiguration: {
      redundancy_mode: 'double',
      usable_regions: 2,
      regions: [
        { datacenters: [{ id: 'us', priority: 1 }] },
        { datacenters: [{ id: 'eu', priority: 0 }] },
      ],
    },
    processGroups: [1, 2, 3, 4, 5, 6].map(i => ({
      processGroupID: `eu-storage-${i}`,
      processClass: 'storage',
      addresses: [`10.2.0.${i}`],
      ...(conditions[i]
        ? {
            processGroupConditions: conditions[i].map(type => ({
              type,
              timestamp: 1764547200,
            })),
          }
        : {}),
    })),
  },
});

describe('FoundationDBCluster coordinators', () => {
  it('finds the coordinators that are processes of this cluster', () => {
    const fdb = foundationDbHealthOf([cluster()], undefined, 'eu');
    expect(fdb?.coordinators).toEqual({
      total: 9,
      desired: 9,
      here: 4,
      unreachableHere: 0,
    });
  });

  it('counts a coordinator down when its process group misses its process or pod', () => {
    const fdb = foundationDbHealthOf(
      [
        cluster({
          1: ['MissingProcesses'],
          2: ['PodFailing', 'IncorrectConfigMap'],
          3: ['IncorrectConfigMap'],
          // Not a coordinator: not counted.
          6: ['MissingPod'],
        }),
      ],
      undefined,
      'eu',
    );
    expect(fdb?.coordinators?.unreachableHere).toBe(2);
  });

  it.each([
    [{ usable_regions: 2, redundancy_mode: 'double' }, 9],
    [{ usable_regions: 1, redundancy_mode: 'three_data_hall' }, 9],
    [{ usable_regions: 1, redundancy_mode: 'single' }, 1],
    [{ usable_regions: 1 }, 3],
    [{ usable_regions: 1, redundancy_mode: 'triple' }, 5],
  ])('recruits as the operator does for %j', (config, count) => {
    expect(desiredCoordinatorCount(config)).toBe(count);
  });
});
