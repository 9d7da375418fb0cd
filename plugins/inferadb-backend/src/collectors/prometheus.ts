import { StorageKind } from '@internal/plugin-inferadb-common';
import { HealthMetrics, MetricQuery, PrometheusTarget } from '../config/types';
import { PrometheusObservation } from './types';

/** Fills a query template with the region's label matcher. */
export function renderQuery(template: string, selector: string) {
  return template.split('{selector}').join(`{${selector}}`);
}

/**
 * One instant query (`GET /api/v1/query`). Returns the first sample's value, or `null`
 * when the result is empty (the metric is not exported there).
 */
export async function instantQuery(
  baseUrl: string,
  query: string,
  signal: AbortSignal,
  fetchImpl: typeof fetch = fetch,
): Promise<number | null> {
  const url = `${baseUrl}/api/v1/query?${new URLSearchParams({ query })}`;
  const res = await fetchImpl(url, {
    signal,
    headers: { accept: 'application/json' },
  });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(
      `Prometheus answered HTTP ${res.status} with a body that is not JSON`,
    );
  }
  if (!res.ok || body?.status !== 'success') {
    throw new Error(
      `Prometheus answered HTTP ${res.status}: ${String(
        body?.error ?? 'no error text',
      ).slice(0, 200)}`,
    );
  }
  const data = body.data;
  let raw: unknown;
  if (data?.resultType === 'vector') raw = data.result?.[0]?.value?.[1];
  else if (data?.resultType === 'scalar') raw = data.result?.[1];
  if (raw === undefined) return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

async function measure(
  target: PrometheusTarget,
  metric: MetricQuery,
  signal: AbortSignal,
  fetchImpl?: typeof fetch,
): Promise<number | null> {
  const queries = [metric.query, ...metric.aliases].filter(
    (q): q is string => !!q,
  );
  for (const q of queries) {
    const value = await instantQuery(
      target.url,
      renderQuery(q, target.selector),
      signal,
      fetchImpl,
    );
    if (value !== null) return value;
  }
  return null;
}

const round = (v: number | null, digits: number) =>
  v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits;

/** Reads every measurement of a region in parallel. */
export async function collectPrometheus(
  target: PrometheusTarget,
  metrics: HealthMetrics,
  storage: StorageKind,
  signal: AbortSignal,
  fetchImpl?: typeof fetch,
): Promise<PrometheusObservation> {
  const none = Promise.resolve(null);
  const [lag, p95, leaders, quorum, disk, coordinators] = await Promise.all([
    measure(target, metrics.replicationLagSeconds, signal, fetchImpl),
    measure(target, metrics.p95LatencySeconds, signal, fetchImpl),
    storage === 'ledger'
      ? measure(target, metrics.raftLeaders, signal, fetchImpl)
      : none,
    measure(target, metrics.quorum, signal, fetchImpl),
    measure(target, metrics.diskUsedRatio, signal, fetchImpl),
    storage === 'foundationdb'
      ? measure(target, metrics.coordinatorsReachable, signal, fetchImpl)
      : none,
  ]);
  return {
    replicationLagSeconds: round(lag, 3),
    p95LatencyMs: round(p95 === null ? null : p95 * 1000, 1),
    raftLeaders: leaders,
    quorum: quorum === null ? null : quorum > 0,
    diskUsedPercent: round(disk === null ? null : disk * 100, 1),
    coordinatorsReachable: coordinators,
  };
}
