import { evaluationContext } from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { replicationChecks } from './replicationChecks';

type Change = (ctx: EvaluationContext) => void;
const lagOf = (storage: 'foundationdb' | 'ledger', change: Change) =>
  replicationChecks(evaluationContext(storage, change))[0];

describe('replicationChecks', () => {
  it.each<[string, Change, string]>([
    ['lag under the threshold', () => {}, 'healthy'],
    [
      'lag at the threshold (5 s)',
      c => {
        c.obs.prometheus!.replicationLagSeconds = 5;
      },
      'healthy',
    ],
    [
      'lag above the threshold',
      c => {
        c.obs.prometheus!.replicationLagSeconds = 5.1;
      },
      'degraded',
    ],
    [
      "lag under the threshold but above the region's own target",
      c => {
        c.region.targets.replicationLagSeconds = 1;
      },
      'degraded',
    ],
    [
      'no sample for the configured query',
      c => {
        c.obs.prometheus!.replicationLagSeconds = null;
      },
      'unknown',
    ],
    [
      'no lag query (the default: no component exports one)',
      c => {
        c.obs.prometheus!.replicationLagSeconds = undefined;
      },
      'not-available',
    ],
  ])('FDB DR region, %s', (_, change, status) => {
    expect(lagOf('foundationdb', change)?.status).toBe(status);
  });

  it('says why lag is not available, and how to measure it', () => {
    expect(lagOf('ledger', () => {})).toMatchObject({
      status: 'not-available',
      reason: expect.stringMatching(
        /Ledger replicates through Raft.*inferadb\.health\.metrics\.replicationLagSeconds/,
      ),
    });
  });

  it('has no lag check for the primary, or without a Prometheus', () => {
    expect(
      replicationChecks(
        evaluationContext('foundationdb', c => {
          c.region = c.fleet.regions[0];
        }),
      ),
    ).toEqual([]);
    expect(
      replicationChecks(
        evaluationContext('foundationdb', c => {
          c.obs.sources[4] = { ...c.obs.sources[4], skipped: true };
        }),
      ),
    ).toEqual([]);
  });
});
