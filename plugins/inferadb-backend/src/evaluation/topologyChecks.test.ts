import {
  evaluationContext,
  statusesOf,
} from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { topologyChecks } from './topologyChecks';

type Change = (ctx: EvaluationContext) => void;
const fdb = (ctx: EvaluationContext) => ctx.obs.foundationdb!;

describe('topologyChecks', () => {
  it('passes a DR region deployed as DR with three data centers', () => {
    expect(
      statusesOf(topologyChecks(evaluationContext('foundationdb'))),
    ).toEqual({
      'topology.role': 'healthy',
      'topology.usable-regions': 'healthy',
      'topology.coordinator-placement': 'healthy',
    });
  });

  it('has nothing to compare for Ledger', () => {
    expect(topologyChecks(evaluationContext('ledger'))).toEqual([]);
  });

  it.each<[string, Change, string, string | undefined]>([
    [
      'priorities make this region primary',
      c => {
        fdb(c).regions[1].priority = 2;
        fdb(c).priority = 2;
      },
      'topology.role',
      'degraded',
    ],
    [
      'data center missing from the deployed regions',
      c => {
        fdb(c).regions = [fdb(c).regions[0]];
        delete fdb(c).priority;
      },
      'topology.role',
      'unknown',
    ],
    [
      'usable_regions 1',
      c => {
        fdb(c).usableRegions = 1;
      },
      'topology.usable-regions',
      'degraded',
    ],
    [
      'four of nine coordinators here',
      c => {
        fdb(c).coordinators!.here = 4;
      },
      'topology.coordinator-placement',
      'healthy',
    ],
    [
      'five of nine coordinators here: a majority',
      c => {
        fdb(c).coordinators!.here = 5;
      },
      'topology.coordinator-placement',
      'degraded',
    ],
    [
      'two data centers (the DR caveat says it instead)',
      c => {
        fdb(c).regions[0].satellites = [];
        fdb(c).coordinators!.here = 5;
      },
      'topology.coordinator-placement',
      undefined,
    ],
    [
      'a replica (no Fearless DR role)',
      c => {
        c.region = c.fleet.regions[3];
      },
      'topology.usable-regions',
      undefined,
    ],
  ])('%s', (_, change, id, status) => {
    const checks = topologyChecks(evaluationContext('foundationdb', change));
    expect(checks.find(c => c.id === id)?.status).toBe(status);
  });
});
