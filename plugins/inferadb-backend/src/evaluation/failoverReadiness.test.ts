import { evaluationContext } from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { failoverCheck, failoverReadinessOf } from './failoverReadiness';
import { replicationChecks } from './replicationChecks';
import { storageChecks } from './storageChecks';
import { workloadChecks } from './workloadChecks';

type Change = (ctx: EvaluationContext) => void;

function readiness(
  storage: 'foundationdb' | 'ledger',
  change: Change = () => {},
) {
  const ctx = evaluationContext(storage, change);
  const checks = [
    ...workloadChecks(ctx),
    ...storageChecks(ctx),
    ...replicationChecks(ctx),
  ];
  return failoverReadinessOf(ctx, ctx.region.role, checks);
}

describe('failoverReadinessOf', () => {
  it.each(['foundationdb', 'ledger'] as const)(
    'is ready for a healthy %s DR region',
    storage => {
      const r = readiness(storage, c => {
        c.obs.prometheus!.replicationLagSeconds = 1.2;
      });
      expect(r).toMatchObject({ applicable: true, ready: true, blockers: [] });
      expect(r.missingInputs).toBeUndefined();
    },
  );

  it('does not apply to other roles', () => {
    expect(
      readiness('foundationdb', c => {
        c.region = c.fleet.regions[3];
      }),
    ).toEqual({ applicable: false, ready: null, blockers: [] });
  });

  it.each<[string, Change, RegExp]>([
    [
      'FDB priority -1',
      c => {
        c.obs.foundationdb!.priority = -1;
      },
      /FDB priority is -1/,
    ],
    [
      'usable_regions 1',
      c => {
        c.obs.foundationdb!.usableRegions = 1;
      },
      /holds no copy of the data/,
    ],
    [
      'not a main data center',
      c => {
        delete c.obs.foundationdb!.priority;
      },
      /not a main data center/,
    ],
    [
      'FDB unavailable',
      c => {
        c.obs.foundationdb!.available = false;
      },
      /FoundationDB is unavailable/,
    ],
    [
      'lag above the target',
      c => {
        c.obs.prometheus!.replicationLagSeconds = 6;
      },
      /replication lag 6 s is above 5 s/,
    ],
    [
      'no Engine pod ready',
      c => {
        c.obs.kubernetes!.workloads[0].ready = 0;
      },
      /Engine pods: no engine pod is ready/,
    ],
  ])('is blocked: %s', (_, change, blocker) => {
    const r = readiness('foundationdb', change);
    expect(r.ready).toBe(false);
    expect(r.blockers.join('; ')).toMatch(blocker);
  });

  it('takes priority 0 as a DR that FDB may promote', () => {
    expect(readiness('foundationdb').blockers).toEqual([]);
  });

  it('is blocked for Ledger without a quorum of voters', () => {
    const r = readiness('ledger', c => {
      c.obs.kubernetes!.workloads[2].ready = 1;
    });
    expect(r.ready).toBe(false);
    expect(r.blockers[0]).toMatch(/^Raft quorum: 1 of 3 Ledger voters ready/);
  });

  it.each<[string, Change, string]>([
    [
      'no FoundationDBCluster status',
      c => {
        delete c.obs.foundationdb;
      },
      'the FoundationDBCluster status',
    ],
    [
      'no full-replication flag yet',
      c => {
        delete c.obs.foundationdb!.fullReplication;
      },
      'full replication',
    ],
    [
      'a lag query without a sample',
      c => {
        c.obs.prometheus!.replicationLagSeconds = null;
      },
      'Replication lag',
    ],
    [
      "Engine's /healthz unreadable",
      c => {
        delete c.obs.services.engine;
      },
      'Engine /healthz',
    ],
  ])('is undecided, naming the input, with %s', (_, change, input) => {
    const r = readiness('foundationdb', change);
    expect(r.ready).toBeNull();
    expect(r.missingInputs).toContain(input);
    expect(failoverCheck(r)).toMatchObject({
      status: 'unknown',
      reason: expect.stringContaining(`cannot decide without ${input}`),
    });
  });

  it('stays ready without a lag series, saying lag is not measured', () => {
    const r = readiness('ledger');
    expect(r.ready).toBe(true);
    expect(r.caveats).toEqual([
      expect.stringMatching(/^replication lag is not measured: Ledger/),
    ]);
  });

  it('is degraded as a check when blocked, healthy with caveats when ready', () => {
    expect(
      failoverCheck(
        readiness('foundationdb', c => {
          c.obs.foundationdb!.priority = -1;
        }),
      ).status,
    ).toBe('degraded');
    expect(failoverCheck(readiness('ledger'))).toMatchObject({
      status: 'healthy',
      reason: expect.stringMatching(/replication lag is not measured/),
    });
  });
});
