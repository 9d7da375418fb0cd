import {
  evaluationContext,
  statusesOf,
} from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { workloadChecks } from './workloadChecks';

type Change = (ctx: EvaluationContext) => void;
const workload = (ctx: EvaluationContext, component: string) =>
  ctx.obs.kubernetes!.workloads.find(w => w.component === component)!;

describe('workloadChecks', () => {
  it.each(['foundationdb', 'ledger'] as const)(
    'passes every check of a healthy %s region',
    storage => {
      const checks = workloadChecks(
        evaluationContext(storage, ctx => {
          ctx.region.targets.p95LatencyMs = 50;
        }),
      );
      expect(statusesOf(checks)).toEqual({
        'engine.workload': 'healthy',
        'engine.healthz': 'healthy',
        'control.workload': 'healthy',
        'control.healthz': 'healthy',
        'storage.workload': 'healthy',
        'pods.restarts': 'healthy',
        // The Ledger-era Engine serves no /metrics: nothing to read, nothing failed.
        'performance.p95-latency':
          storage === 'ledger' ? 'not-available' : 'healthy',
      });
    },
  );

  it.each<[string, Change, string, string]>([
    ['all pods ready', () => {}, 'engine.workload', 'healthy'],
    [
      'one pod of three not ready',
      c => {
        workload(c, 'engine').ready = 2;
      },
      'engine.workload',
      'degraded',
    ],
    [
      'no pod ready',
      c => {
        workload(c, 'engine').ready = 0;
      },
      'engine.workload',
      'critical',
    ],
    [
      'no Control workload at all',
      c => {
        c.obs.kubernetes!.workloads = c.obs.kubernetes!.workloads.filter(
          w => w.component !== 'control',
        );
      },
      'control.workload',
      'critical',
    ],
    [
      'Kubernetes unreadable',
      c => {
        delete c.obs.kubernetes;
        c.obs.sources[0] = {
          ...c.obs.sources[0],
          ok: false,
          error: 'HTTP 500',
        };
      },
      'storage.workload',
      'unknown',
    ],
    [
      'Engine reports degraded',
      c => {
        c.obs.services.engine!.status = 'degraded';
      },
      'engine.healthz',
      'degraded',
    ],
    [
      'Control reports unhealthy',
      c => {
        c.obs.services.control!.status = 'unhealthy';
      },
      'control.healthz',
      'critical',
    ],
    [
      'restarts at the threshold (5 in the window)',
      c => {
        workload(c, 'engine').restarts = 5;
      },
      'pods.restarts',
      'healthy',
    ],
    [
      'restarts above the threshold',
      c => {
        workload(c, 'storage').restarts = 6;
      },
      'pods.restarts',
      'degraded',
    ],
    [
      'p95 at the target',
      c => {
        c.region.targets.p95LatencyMs = 21.5;
      },
      'performance.p95-latency',
      'healthy',
    ],
    [
      'p95 above the target',
      c => {
        c.region.targets.p95LatencyMs = 20;
      },
      'performance.p95-latency',
      'degraded',
    ],
    [
      'no p95 sample in Prometheus',
      c => {
        c.region.targets.p95LatencyMs = 50;
        c.obs.prometheus!.p95LatencyMs = null;
      },
      'performance.p95-latency',
      'unknown',
    ],
  ])('FDB region, %s', (_, change, id, status) => {
    const checks = workloadChecks(evaluationContext('foundationdb', change));
    expect(checks.find(c => c.id === id)?.status).toBe(status);
  });

  it('says how many restarts in which window, and of which workload', () => {
    const [check] = workloadChecks(
      evaluationContext('ledger', c => {
        workload(c, 'storage').restarts = 7;
      }),
    ).filter(c => c.id === 'pods.restarts');
    expect(check).toMatchObject({
      component: 'storage',
      actual: 7,
      target: 5,
      reason:
        'inferadb-ledger containers restarted 7 times in the last 15 minutes (more than 5)',
    });
  });

  it('has no latency check without a p95 target', () => {
    const ids = workloadChecks(evaluationContext('foundationdb')).map(
      c => c.id,
    );
    expect(ids).not.toContain('performance.p95-latency');
  });
});
