import type * as k8s from '@kubernetes/client-node';
import { WorkloadHealth } from '@inferadb-regions/plugin-inferadb-common';

type Component = WorkloadHealth['component'];

/** One container's lifetime restart count, as the pod status gives it. */
export interface ContainerRestarts {
  /** `<pod uid>/<container name>`: a replaced pod is a new container. */
  key: string;
  component: Component;
  count: number;
  /** When the pod started (epoch ms). */
  podStartedAt?: number;
  /** When the container's previous run ended (epoch ms). */
  lastRestartAt?: number;
}

const time = (v: Date | string | undefined) => {
  const ms = v === undefined ? NaN : new Date(v).getTime();
  return Number.isFinite(ms) ? ms : undefined;
};

/** Every container of the pods, with the component each pod belongs to. */
export function containerRestartsOf(
  pods: k8s.V1Pod[],
  componentOf: (meta?: k8s.V1ObjectMeta) => Component | undefined,
): ContainerRestarts[] {
  const result: ContainerRestarts[] = [];
  for (const pod of pods) {
    const component = componentOf(pod.metadata);
    if (!component) continue;
    const uid = pod.metadata?.uid ?? pod.metadata?.name ?? '';
    for (const s of [
      ...(pod.status?.initContainerStatuses ?? []),
      ...(pod.status?.containerStatuses ?? []),
    ]) {
      result.push({
        key: `${uid}/${s.name}`,
        component,
        count: s.restartCount ?? 0,
        podStartedAt: time(pod.status?.startTime),
        lastRestartAt: time(s.lastState?.terminated?.finishedAt),
      });
    }
  }
  return result;
}

interface Sample {
  at: number;
  counts: Map<string, number>;
}

/**
 * Restarts within a recent window, from the lifetime counts Kubernetes gives: each
 * container's count now minus its count at the oldest collection inside the window. A
 * container seen for the first time counts all its restarts if its pod started inside the
 * window, else one if its last restart was inside the window (a lower bound).
 */
export class RestartWindow {
  private readonly samples = new Map<string, Sample[]>();

  constructor(private readonly windowMs: number) {}

  /** Restarts per component within the window for `scope` (a region), remembering `now`. */
  restartsWithin(
    scope: string,
    containers: ContainerRestarts[],
    now: number,
  ): Map<Component, number> {
    const since = now - this.windowMs;
    const kept = (this.samples.get(scope) ?? []).filter(s => s.at >= since);
    const result = new Map<Component, number>();
    for (const c of containers) {
      const baseline = kept.find(s => s.counts.has(c.key))?.counts.get(c.key);
      let recent: number;
      if (baseline !== undefined) recent = Math.max(0, c.count - baseline);
      else if (c.podStartedAt !== undefined && c.podStartedAt >= since)
        recent = c.count;
      else
        recent =
          c.count > 0 &&
          c.lastRestartAt !== undefined &&
          c.lastRestartAt >= since
            ? 1
            : 0;
      result.set(c.component, (result.get(c.component) ?? 0) + recent);
    }
    kept.push({
      at: now,
      counts: new Map(containers.map(c => [c.key, c.count])),
    });
    this.samples.set(scope, kept);
    return result;
  }
}
