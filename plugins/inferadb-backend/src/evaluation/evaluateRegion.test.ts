import { evaluationContext } from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { evaluateRegion } from './evaluateRegion';

const evaluate = (
  storage: 'foundationdb' | 'ledger',
  change?: (ctx: EvaluationContext) => void,
) => {
  const ctx = evaluationContext(storage, change);
  return evaluateRegion(ctx.fleet, ctx.region, ctx.obs, ctx.thresholds);
};

describe('evaluateRegion', () => {
  it('is healthy with checks that are not available left out of the count', () => {
    const health = evaluate('ledger');
    const notAvailable = health.checks.filter(
      c => c.status === 'not-available',
    );
    expect(notAvailable.map(c => c.id)).toEqual(['replication.lag']);
    expect(health.status).toBe('healthy');
    expect(health.summary).toBe(`all ${health.checks.length - 1} checks pass`);
  });

  it('takes the worst check as the status and names it first', () => {
    const health = evaluate('foundationdb', c => {
      c.obs.prometheus!.diskUsedPercent = 97;
      c.obs.kubernetes!.workloads[0].ready = 2;
    });
    expect(health.status).toBe('critical');
    expect(health.summary).toBe('Storage used: storage 97 % used, above 80 %');
  });

  it('reads Ledger leaders and voters from their real signals', () => {
    const health = evaluate('ledger', c => {
      c.obs.kubernetes!.workloads[2].ready = 2;
    });
    expect(health.ledger).toEqual({
      leaders: 1,
      quorum: true,
      votersReady: 2,
      voters: 3,
    });
  });

  it('is unknown, not healthy, when no source answers', () => {
    const health = evaluate('foundationdb', c => {
      c.obs = {
        sources: c.obs.sources.map(s => ({
          ...s,
          ok: false,
          error: 'timed out after 5000 ms',
          timedOut: true,
        })),
        services: {},
        startedAt: c.obs.startedAt,
        durationMs: 5000,
      };
    });
    expect(health.status).toBe('unknown');
    expect(health.failover.ready).toBeNull();
    expect(health.checks.every(c => c.status === 'unknown')).toBe(true);
  });
});
