import { HealthMetrics, MetricQuery, PrometheusTarget } from '../config/types';
import { allAnswered } from './allAnswered';
import { yieldWhenBusy } from '../cooperative';
import { Measurement, PrometheusObservation } from './types';
import { failureOfStatus, SourceError } from './sourceError';

/**
 * Fills a query template with the region's label matcher: `{selector}` alone, or
 * `selector` as the last matcher of a list (`{quantile="0.95",selector}`).
 */
export function renderQuery(template: string, selector: string) {
  return template
    .split('{selector}')
    .join(`{${selector}}`)
    .split(',selector}')
    .join(selector ? `,${selector}}` : '}');
}

/**
 * `fetch` refuses a URL with user info (`https://user:password@prometheus/`), and would
 * put it in its error: it goes as a Basic `Authorization` header instead.
 */
function withoutUserInfo(raw: string): { url: string; authorization?: string } {
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: raw };
  const user = `${decodeURIComponent(url.username)}:${decodeURIComponent(
    url.password,
  )}`;
  url.username = '';
  url.password = '';
  return {
    url: url.toString(),
    authorization: `Basic ${Buffer.from(user).toString('base64')}`,
  };
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
  const { url, authorization } = withoutUserInfo(
    `${baseUrl}/api/v1/query?${new URLSearchParams({ query })}`,
  );
  const res = await fetchImpl(url, {
    signal,
    headers: {
      accept: 'application/json',
      ...(authorization && { authorization }),
    },
  });
  const text = await res.text();
  await yieldWhenBusy();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SourceError(
      `Prometheus answered HTTP ${res.status} with a body that is not JSON`,
      res.ok ? 'bad-answer' : failureOfStatus(res.status),
    );
  }
  if (!res.ok || body?.status !== 'success') {
    throw new SourceError(
      `Prometheus answered HTTP ${res.status}: ${String(
        body?.error ?? 'no error text',
      ).slice(0, 200)}`,
      res.ok ? 'bad-answer' : failureOfStatus(res.status),
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

const queriesOf = (metric: MetricQuery) =>
  [metric.query, ...metric.aliases].filter((q): q is string => !!q);

/** How many instant queries a region's collection sends. */
export const queryCount = (metrics: HealthMetrics) =>
  Object.values(metrics).reduce((n, m) => n + queriesOf(m).length, 0);

/**
 * One measurement: the query and its aliases go out together; the first in order with a
 * sample wins. `undefined` when no query is configured (not available).
 */
async function measure(
  target: PrometheusTarget,
  metric: MetricQuery,
  signal: AbortSignal,
  fetchImpl?: typeof fetch,
): Promise<Measurement> {
  const queries = queriesOf(metric);
  if (!queries.length) return undefined;
  const values = await allAnswered(
    queries.map(q =>
      instantQuery(
        target.url,
        renderQuery(q, target.selector),
        signal,
        fetchImpl,
      ),
    ),
  );
  return values.find(v => v !== null) ?? null;
}

const scaled = (v: Measurement, factor: number, digits: number) =>
  v === null || v === undefined
    ? v
    : Math.round(v * factor * 10 ** digits) / 10 ** digits;

/** Reads every measurement of a region in parallel. */
export async function collectPrometheus(
  target: PrometheusTarget,
  metrics: HealthMetrics,
  signal: AbortSignal,
  fetchImpl?: typeof fetch,
): Promise<PrometheusObservation> {
  const [lag, p95, leaders, disk] = await allAnswered([
    measure(target, metrics.replicationLagSeconds, signal, fetchImpl),
    measure(target, metrics.p95LatencySeconds, signal, fetchImpl),
    measure(target, metrics.raftLeaders, signal, fetchImpl),
    measure(target, metrics.diskUsedRatio, signal, fetchImpl),
  ]);
  return {
    replicationLagSeconds: scaled(lag, 1, 3),
    p95LatencyMs: scaled(p95, 1000, 1),
    raftLeaders: leaders,
    diskUsedPercent: scaled(disk, 100, 1),
  };
}
