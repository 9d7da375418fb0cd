import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** Labels of one series. */
export type Labels = Record<string, string>;

type MetricType = 'gauge' | 'counter' | 'summary';

interface Family {
  type: MetricType;
  help: string;
  series: Map<string, { labels: Labels; value: number }>;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabel(value: string) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/"/g, '\\"');
}

function seriesKey(labels: Labels) {
  return Object.keys(labels)
    .sort()
    .map(k => `${k}="${escapeLabel(labels[k])}"`)
    .join(',');
}

function formatValue(v: number) {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

/**
 * Metrics in Prometheus's text exposition format (version 0.0.4): gauges, counters and
 * histograms set by the test or demo, served on `/metrics`.
 */
export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  private family(name: string, type: MetricType, help: string): Family {
    if (!METRIC_NAME.test(name))
      throw new Error(`invalid metric name '${name}'`);
    let f = this.families.get(name);
    if (!f) {
      f = { type, help, series: new Map() };
      this.families.set(name, f);
    } else if (f.type !== type) {
      throw new Error(`metric '${name}' is a ${f.type}, not a ${type}`);
    }
    return f;
  }

  private put(f: Family, labels: Labels, value: number) {
    for (const k of Object.keys(labels)) {
      if (!LABEL_NAME.test(k)) throw new Error(`invalid label name '${k}'`);
    }
    f.series.set(seriesKey(labels), { labels: { ...labels }, value });
  }

  /** Sets a gauge. */
  gauge(name: string, labels: Labels, value: number, help = name) {
    this.put(this.family(name, 'gauge', help), labels, value);
  }

  /** Adds to a counter (counters only grow). */
  inc(name: string, labels: Labels, by = 1, help = name) {
    if (by < 0) throw new Error('counters only grow');
    const f = this.family(name, 'counter', help);
    const prev = f.series.get(seriesKey(labels))?.value ?? 0;
    this.put(f, labels, prev + by);
  }

  /**
   * Sets a summary's quantiles and adds `count` observations of mean `meanSeconds` to its
   * `_count` and `_sum`, the way Rust's `metrics-exporter-prometheus` renders a histogram
   * by default.
   */
  observeSummary(
    name: string,
    labels: Labels,
    quantiles: Record<string, number>,
    count: number,
    meanSeconds: number,
    help = name,
  ) {
    const f = this.family(name, 'summary', help);
    for (const [q, v] of Object.entries(quantiles))
      this.put(f, { ...labels, quantile: q }, v);
    const add = (suffix: string, by: number) => {
      const key = `${suffix}|${seriesKey(labels)}`;
      const prev = f.series.get(key)?.value ?? 0;
      f.series.set(key, {
        labels: { ...labels, __suffix: suffix },
        value: prev + by,
      });
    };
    add('_count', count);
    add('_sum', count * meanSeconds);
  }

  /** Removes every series with these labels (all of them matching), e.g. a region going dark. */
  removeWhere(match: Labels) {
    for (const f of this.families.values()) {
      for (const [key, s] of f.series) {
        if (Object.entries(match).every(([k, v]) => s.labels[k] === v))
          f.series.delete(key);
      }
    }
  }

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    for (const [name, f] of [...this.families].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      lines.push(`# HELP ${name} ${f.help.replace(/\n/g, ' ')}`);
      lines.push(`# TYPE ${name} ${f.type}`);
      for (const s of f.series.values()) {
        const { __suffix: suffix = '', ...labels } = s.labels;
        const l = seriesKey(labels);
        lines.push(
          `${name}${suffix}${l ? `{${l}}` : ''} ${formatValue(s.value)}`,
        );
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

export interface MetricsExporter {
  /** `http://127.0.0.1:<port>`; metrics on `/metrics`. */
  readonly url: string;
  /** `127.0.0.1:<port>`, as a Prometheus scrape target. */
  readonly target: string;
  readonly registry: MetricsRegistry;
  /** How many scrapes it has answered. */
  scrapes(): number;
  /** Called before each scrape is rendered, to update time-based values. */
  onScrape(listener: () => void): void;
  close(): Promise<void>;
}

/** Serves a {@link MetricsRegistry} on a loopback port (0 picks a free one). */
export async function startMetricsExporter(
  options: { port?: number; registry?: MetricsRegistry } = {},
): Promise<MetricsExporter> {
  const registry = options.registry ?? new MetricsRegistry();
  const listeners: Array<() => void> = [];
  let scrapes = 0;
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      scrapes += 1;
      for (const l of listeners) l();
      res.writeHead(200, {
        'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      });
      res.end(registry.render());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    target: `127.0.0.1:${port}`,
    registry,
    scrapes: () => scrapes,
    onScrape: l => listeners.push(l),
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
