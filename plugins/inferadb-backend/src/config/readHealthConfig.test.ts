import { ConfigReader } from '@backstage/config';
import { readHealthConfig } from './readHealthConfig';

const base = (region: object, extra: object = {}) =>
  new ConfigReader({
    inferadb: {
      clusters: [{ name: 'k', url: 'https://k.example:6443' }],
      fleets: [
        {
          name: 'f',
          storage: 'foundationdb',
          regions: [
            { id: 'us-west-1', role: 'primary', cluster: 'k', ...region },
          ],
        },
      ],
      ...extra,
    },
  });

describe('readHealthConfig', () => {
  it('reads defaults: seed thresholds, documented series per storage kind, region selector', () => {
    const c = readHealthConfig(
      base({ prometheus: { url: 'http://p:9090/', regionLabel: 'region' } }),
    );
    expect(c.refreshIntervalMs).toBe(30_000);
    expect(c.sourceTimeoutMs).toBe(5_000);
    expect(c.thresholds).toMatchObject({
      replicationLagSeconds: 5,
      storageUsedPercent: 80,
      keyExpiryDays: 14,
      restartWindowMinutes: 15,
    });
    // No component exports a lag series: not available rather than a guessed name.
    expect(c.metrics.foundationdb.replicationLagSeconds).toEqual({
      aliases: [],
    });
    expect(c.metrics.ledger.raftLeaders.query).toBe(
      'sum(inferadb_ledger_raft_is_leader{selector})',
    );
    expect(c.metrics.ledger.diskUsedRatio.query).toContain(
      'ledger_disk_available_bytes',
    );
    expect(c.fleets[0].regions[0]).toMatchObject({
      namespace: 'inferadb',
      dataCenter: 'us-west-1',
      prometheus: { url: 'http://p:9090', selector: 'region="us-west-1"' },
    });
  });

  it('bounds upstream requests, with defaults', () => {
    expect(readHealthConfig(base({})).concurrency).toEqual({
      kubernetes: 128,
      perApiServer: 8,
      prometheus: 64,
      tailscale: 4,
    });
    const c = readHealthConfig(
      base({}, { health: { concurrency: { perApiServer: 2 } } }),
    );
    expect(c.concurrency.perApiServer).toBe(2);
    expect(() =>
      readHealthConfig(base({}, { health: { concurrency: { tailscale: 0 } } })),
    ).toThrow(
      'inferadb.health.concurrency.tailscale must be a whole number >= 1, got 0',
    );
  });

  it('applies a configured query to every storage kind', () => {
    const c = readHealthConfig(
      base(
        {},
        {
          health: {
            metrics: {
              replicationLagSeconds: 'max(my_lag{selector})',
              aliases: { diskUsedRatio: [] },
            },
          },
        },
      ),
    );
    for (const kind of ['foundationdb', 'ledger'] as const) {
      expect(c.metrics[kind].replicationLagSeconds.query).toBe(
        'max(my_lag{selector})',
      );
      expect(c.metrics[kind].diskUsedRatio.aliases).toEqual([]);
    }
  });

  it.each([
    [{ role: 'leader' }, 'inferadb.fleets[0].regions[0].role'],
    [{ cluster: 'nope' }, 'not a name in inferadb.clusters'],
    [
      { prometheus: { url: 'not a url' } },
      'inferadb.fleets[0].regions[0].prometheus.url',
    ],
    [
      { tailscaleTags: ['inferadb'] },
      "tailscaleTags[0] is 'inferadb'; Tailscale tags start with 'tag:'",
    ],
    [
      { targets: { p95LatencyMs: -1 } },
      'targets.p95LatencyMs must be a number >= 0',
    ],
  ])('rejects %j naming the field', (region, message) => {
    expect(() => readHealthConfig(base(region))).toThrow(message);
  });

  it('rejects two primaries and duplicate regions', () => {
    const cfg = new ConfigReader({
      inferadb: {
        fleets: [
          {
            name: 'f',
            storage: 'ledger',
            regions: [
              { id: 'a', role: 'primary', cluster: 'k' },
              { id: 'b', role: 'primary', cluster: 'k' },
            ],
          },
        ],
      },
    });
    expect(() => readHealthConfig(cfg)).toThrow(
      'declares 2 primary regions (a, b)',
    );
  });
});
