import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

/**
 * Where the Prometheus binary is: `PROMETHEUS_BIN`, else Debian's `/usr/bin/prometheus`.
 * Returns undefined when neither exists.
 */
export function findPrometheus(): string | undefined {
  const candidates = [process.env.PROMETHEUS_BIN, '/usr/bin/prometheus'];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

export interface PrometheusServerOptions {
  /** `host:port` targets to scrape (loopback). */
  targets: string[];
  /** Scrape interval in seconds (default 1). */
  scrapeIntervalSeconds?: number;
  /** Loopback port; 0 or omitted picks a free one. */
  port?: number;
  /** Extra labels on every scraped series. */
  labels?: Record<string, string>;
}

export interface PrometheusServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number;
  /**
   * Resolves once every target is up and has been scraped at least `scrapes` times
   * (default 1); `rate()` and histogram quantiles need two.
   */
  waitForTargetsUp(timeoutMs?: number, scrapes?: number): Promise<void>;
  /** Stops Prometheus by its PID and removes its data directory. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/**
 * Starts a real Prometheus on a loopback port with a configuration of its own, scraping
 * the given loopback targets. Throws when no binary is installed (see findPrometheus).
 */
export async function startPrometheus(
  options: PrometheusServerOptions,
): Promise<PrometheusServer> {
  const bin = findPrometheus();
  if (!bin) {
    throw new Error(
      'Prometheus is not installed: apt-get install -y prometheus, or set PROMETHEUS_BIN',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'inferadb-prometheus-'));
  const interval = `${options.scrapeIntervalSeconds ?? 1}s`;
  await writeFile(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: interval, evaluation_interval: interval },
      scrape_configs: [
        {
          job_name: 'inferadb',
          static_configs: [
            {
              targets: options.targets,
              ...(options.labels ? { labels: options.labels } : {}),
            },
          ],
        },
      ],
    }),
  );
  const port = options.port || (await freePort());
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', d => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(
        () => child.pid && process.kill(child.pid, 'SIGKILL'),
        5000,
      );
      await exited;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(
        `Prometheus exited with code ${child.exitCode}: ${stderr}`,
      );
    }
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready on ${url}: ${stderr}`);
    }
    await sleep(100);
  }

  // True when every target's `up` series holds at least `count` samples, all up.
  async function scrapedAtLeast(count: number): Promise<boolean> {
    const query = encodeURIComponent('count_over_time(up[1h]) and up == 1');
    const res = await fetch(`${url}/api/v1/query?query=${query}`);
    const body: any = await res.json();
    const series: any[] = body?.data?.result ?? [];
    return (
      series.length === options.targets.length &&
      series.every(s => Number(s.value?.[1]) >= count)
    );
  }

  return {
    url,
    pid: child.pid!,
    async waitForTargetsUp(timeoutMs = 20_000, scrapes = 1) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const res = await fetch(`${url}/api/v1/targets?state=active`);
        const body: any = await res.json();
        const active: any[] = body?.data?.activeTargets ?? [];
        if (
          active.length === options.targets.length &&
          active.every(t => t.health === 'up') &&
          (await scrapedAtLeast(scrapes))
        ) {
          return;
        }
        if (Date.now() > until) {
          throw new Error(
            `Prometheus targets not up (or scraped fewer than ${scrapes} times) after ${timeoutMs} ms: ${JSON.stringify(
              active.map(t => ({
                url: t.scrapeUrl,
                health: t.health,
                error: t.lastError,
              })),
            )}`,
          );
        }
        await sleep(200);
      }
    },
    stop,
  };
}
