import {
  evaluationContext,
  statusesOf,
} from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { storageChecks } from './storageChecks';

type Change = (ctx: EvaluationContext) => void;
const coordinators = (ctx: EvaluationContext) =>
  ctx.obs.foundationdb!.coordinators!;
const ledgerPods = (ctx: EvaluationContext) =>
  ctx.obs.kubernetes!.workloads.find(w => w.component === 'storage')!;

const statusOf = (
  storage: 'foundationdb' | 'ledger',
  change: Change,
  id: string,
) =>
  storageChecks(evaluationContext(storage, change)).find(c => c.id === id)
    ?.status;

describe('storageChecks', () => {
  it('passes a healthy FoundationDB region', () => {
    expect(
      statusesOf(storageChecks(evaluationContext('foundationdb'))),
    ).toEqual({
      'storage.available': 'healthy',
      'storage.healthy': 'healthy',
      'storage.full-replication': 'healthy',
      'storage.reconciled': 'healthy',
      'storage.coordinators': 'healthy',
      'storage.disk': 'healthy',
    });
  });

  it('passes a healthy Ledger region', () => {
    expect(statusesOf(storageChecks(evaluationContext('ledger')))).toEqual({
      'storage.leader': 'healthy',
      'storage.quorum': 'healthy',
      'storage.disk': 'healthy',
    });
  });

  it.each<[string, Change, string, string]>([
    [
      'database unavailable',
      c => {
        c.obs.foundationdb!.available = false;
      },
      'storage.available',
      'critical',
    ],
    [
      'not fully replicated',
      c => {
        c.obs.foundationdb!.fullReplication = false;
      },
      'storage.full-replication',
      'degraded',
    ],
    [
      'no health in the status yet',
      c => {
        delete c.obs.foundationdb!.healthy;
      },
      'storage.healthy',
      'unknown',
    ],
    [
      'spec not reconciled',
      c => {
        c.obs.foundationdb!.reconciled = false;
      },
      'storage.reconciled',
      'degraded',
    ],
    [
      'four of this data center coordinators down, five of nine still up',
      c => {
        coordinators(c).here = 4;
        coordinators(c).unreachableHere = 4;
      },
      'storage.coordinators',
      'degraded',
    ],
    [
      'five down, four of nine up: below the majority',
      c => {
        coordinators(c).here = 5;
        coordinators(c).unreachableHere = 5;
      },
      'storage.coordinators',
      'critical',
    ],
    [
      'three configured where FDB recruits nine',
      c => {
        coordinators(c).total = 3;
        coordinators(c).here = 1;
      },
      'storage.coordinators',
      'degraded',
    ],
    [
      'no connection string yet',
      c => {
        delete c.obs.foundationdb!.coordinators;
      },
      'storage.coordinators',
      'unknown',
    ],
    [
      'disk at the threshold (80 %)',
      c => {
        c.obs.prometheus!.diskUsedPercent = 80;
      },
      'storage.disk',
      'healthy',
    ],
    [
      'disk above the threshold',
      c => {
        c.obs.prometheus!.diskUsedPercent = 80.1;
      },
      'storage.disk',
      'degraded',
    ],
    [
      'disk just below critical',
      c => {
        c.obs.prometheus!.diskUsedPercent = 94.9;
      },
      'storage.disk',
      'degraded',
    ],
    [
      'disk at 95 %',
      c => {
        c.obs.prometheus!.diskUsedPercent = 95;
      },
      'storage.disk',
      'critical',
    ],
    [
      'Prometheus failed',
      c => {
        delete c.obs.prometheus;
        c.obs.sources[4] = {
          ...c.obs.sources[4],
          ok: false,
          error: 'HTTP 503',
        };
      },
      'storage.disk',
      'unknown',
    ],
  ])('FoundationDB: %s', (_, change, id, status) => {
    expect(statusOf('foundationdb', change, id)).toBe(status);
  });

  it.each<[string, Change, string, string | undefined]>([
    ['one leader', () => {}, 'storage.leader', 'healthy'],
    [
      'no leader',
      c => {
        c.obs.prometheus!.raftLeaders = 0;
      },
      'storage.leader',
      'critical',
    ],
    [
      'no leader sample',
      c => {
        c.obs.prometheus!.raftLeaders = null;
      },
      'storage.leader',
      'unknown',
    ],
    [
      'leader query turned off',
      c => {
        c.obs.prometheus!.raftLeaders = undefined;
      },
      'storage.leader',
      'not-available',
    ],
    [
      'no Prometheus for the region',
      c => {
        delete c.obs.prometheus;
        c.obs.sources[3] = { ...c.obs.sources[3], skipped: true };
      },
      'storage.leader',
      undefined,
    ],
    [
      'two of three voters ready: a majority',
      c => {
        ledgerPods(c).ready = 2;
      },
      'storage.quorum',
      'healthy',
    ],
    [
      'one of three voters ready',
      c => {
        ledgerPods(c).ready = 1;
      },
      'storage.quorum',
      'critical',
    ],
    [
      'two of four voters ready: half is not a majority',
      c => {
        ledgerPods(c).desired = 4;
        ledgerPods(c).ready = 2;
      },
      'storage.quorum',
      'critical',
    ],
    [
      'Kubernetes unreadable',
      c => {
        delete c.obs.kubernetes;
      },
      'storage.quorum',
      'unknown',
    ],
  ])('Ledger: %s', (_, change, id, status) => {
    expect(statusOf('ledger', change, id)).toBe(status);
  });

  it('names the coordinators reachable and the count FDB recruits', () => {
    const check = storageChecks(
      evaluationContext('foundationdb', c => {
        coordinators(c).unreachableHere = 2;
      }),
    ).find(c => c.id === 'storage.coordinators');
    expect(check).toMatchObject({ actual: 7, target: 9 });
    expect(check?.reason).toContain("2 of this data center's 3 coordinators");
  });
});
