import type * as k8s from '@kubernetes/client-node';
import { componentOf } from './kubernetesObjects';
import {
  ContainerRestarts,
  containerRestartsOf,
  RestartWindow,
} from './restartWindow';

const MIN = 60_000;
const T0 = Date.parse('2026-12-01T10:00:00Z');

const engine = (count: number, extra: Partial<ContainerRestarts> = {}) => ({
  key: 'pod-a/engine',
  component: 'engine' as const,
  count,
  podStartedAt: T0 - 60 * MIN,
  ...extra,
});

describe('RestartWindow', () => {
  it('counts restarts since the oldest collection inside the window', () => {
    const w = new RestartWindow(15 * MIN);
    expect(w.restartsWithin('r', [engine(40)], T0).get('engine')).toBe(0);
    expect(
      w.restartsWithin('r', [engine(43)], T0 + 5 * MIN).get('engine'),
    ).toBe(3);
    expect(
      w.restartsWithin('r', [engine(46)], T0 + 10 * MIN).get('engine'),
    ).toBe(6);
    // T0's sample has left the window: counted from T0 + 5 min.
    expect(
      w.restartsWithin('r', [engine(46)], T0 + 16 * MIN).get('engine'),
    ).toBe(3);
    // No restart for a whole window: the check clears although the lifetime count is 46.
    expect(
      w.restartsWithin('r', [engine(46)], T0 + 31 * MIN).get('engine'),
    ).toBe(0);
  });

  it('counts every restart of a pod that started inside the window', () => {
    const w = new RestartWindow(15 * MIN);
    const fresh = engine(4, {
      key: 'pod-b/engine',
      podStartedAt: T0 - 2 * MIN,
    });
    expect(w.restartsWithin('r', [fresh], T0).get('engine')).toBe(4);
  });

  it('counts one for an old pod first seen with a recent restart', () => {
    const w = new RestartWindow(15 * MIN);
    expect(
      w
        .restartsWithin('r', [engine(40, { lastRestartAt: T0 - MIN })], T0)
        .get('engine'),
    ).toBe(1);
    expect(
      new RestartWindow(15 * MIN)
        .restartsWithin('r', [engine(40, { lastRestartAt: T0 - 20 * MIN })], T0)
        .get('engine'),
    ).toBe(0);
  });

  it('keeps regions apart', () => {
    const w = new RestartWindow(15 * MIN);
    w.restartsWithin('a', [engine(1)], T0);
    expect(w.restartsWithin('b', [engine(9)], T0 + MIN).get('engine')).toBe(0);
  });
});

describe('containerRestartsOf', () => {
  it('reads every container of InferaDB pods, keyed by pod uid', () => {
    const pod: k8s.V1Pod = {
      metadata: {
        uid: 'u1',
        name: 'inferadb-engine-0',
        labels: { 'app.kubernetes.io/component': 'engine' },
      },
      status: {
        startTime: new Date('2026-12-01T09:00:00Z'),
        initContainerStatuses: [
          {
            name: 'tailscale',
            restartCount: 1,
            ready: true,
            image: 'x',
            imageID: '',
          },
        ],
        containerStatuses: [
          {
            name: 'inferadb-engine',
            restartCount: 3,
            ready: true,
            image: 'y',
            imageID: '',
            lastState: {
              terminated: {
                exitCode: 1,
                finishedAt: new Date('2026-12-01T09:58:00Z'),
              },
            },
          },
        ],
      },
    };
    const other: k8s.V1Pod = { metadata: { uid: 'u2', name: 'coredns' } };
    expect(containerRestartsOf([pod, other], componentOf)).toEqual([
      {
        key: 'u1/tailscale',
        component: 'engine',
        count: 1,
        podStartedAt: Date.parse('2026-12-01T09:00:00Z'),
        lastRestartAt: undefined,
      },
      {
        key: 'u1/inferadb-engine',
        component: 'engine',
        count: 3,
        podStartedAt: Date.parse('2026-12-01T09:00:00Z'),
        lastRestartAt: Date.parse('2026-12-01T09:58:00Z'),
      },
    ]);
  });
});
