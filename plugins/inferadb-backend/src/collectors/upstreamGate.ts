import { Semaphore } from 'async-mutex';

/** How many upstream requests may be in flight at once. */
export interface UpstreamLimits {
  /** To all Kubernetes API servers together. */
  kubernetes: number;
  /** To one API server (one `inferadb.clusters` entry). */
  perApiServer: number;
  /** To one Prometheus URL (a federated one serves every region). */
  prometheus: number;
  /** To the Tailscale API. */
  tailscale: number;
}

type Kind = 'kubernetes' | 'prometheus' | 'tailscale';

/**
 * Bounds the requests a collection sends. A source takes as many slots as the requests it
 * will send, from its kind's pool and then its server's (always in that order, so two
 * sources never wait on each other), and its timeout starts once it has them: a large
 * fleet waits its turn instead of timing out in a queue.
 */
export class UpstreamGate {
  private readonly pools = new Map<string, Semaphore>();
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(private readonly limits: UpstreamLimits) {}

  private pool(key: string, size: number) {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = new Semaphore(size);
      this.pools.set(key, pool);
    }
    return { pool, size };
  }

  private poolsFor(kind: Kind, server: string) {
    const l = this.limits;
    if (kind === 'kubernetes')
      return [
        this.pool('kubernetes', l.kubernetes),
        this.pool(`kubernetes:${server}`, l.perApiServer),
      ];
    if (kind === 'prometheus')
      return [this.pool(`prometheus:${server}`, l.prometheus)];
    return [this.pool('tailscale', l.tailscale)];
  }

  /** Runs `work` holding `requests` slots of `kind` towards `server`. */
  async run<T>(
    kind: Kind,
    server: string,
    requests: number,
    work: () => Promise<T>,
  ): Promise<T> {
    const held: Array<() => void> = [];
    try {
      for (const { pool, size } of this.poolsFor(kind, server)) {
        const [, release] = await pool.acquire(Math.min(requests, size));
        held.push(release);
      }
      this.inFlight += requests;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      try {
        return await work();
      } finally {
        this.inFlight -= requests;
      }
    } finally {
      for (const release of held.reverse()) release();
    }
  }

  /** The most requests this gate has let out at once (for benchmarks and tests). */
  peak(): number {
    return this.peakInFlight;
  }
}
