import { UpstreamGate } from './upstreamGate';

const LIMITS = { kubernetes: 6, perApiServer: 3, prometheus: 2, tailscale: 1 };

/** Runs `n` sources of `requests` each that take `ms`, counting what is in flight. */
async function burst(
  gate: UpstreamGate,
  sources: Array<{
    kind: 'kubernetes' | 'prometheus' | 'tailscale';
    server: string;
    requests: number;
  }>,
) {
  const inFlight = new Map<string, number>();
  const peak = new Map<string, number>();
  const track = (key: string, by: number) => {
    const now = (inFlight.get(key) ?? 0) + by;
    inFlight.set(key, now);
    peak.set(key, Math.max(peak.get(key) ?? 0, now));
  };
  await Promise.all(
    sources.map(s =>
      gate.run(s.kind, s.server, s.requests, async () => {
        track(s.kind, s.requests);
        track(`${s.kind}:${s.server}`, s.requests);
        // Hold the slots until every other run has had its turn to start.
        await new Promise(resolve => setImmediate(resolve));
        track(s.kind, -s.requests);
        track(`${s.kind}:${s.server}`, -s.requests);
      }),
    ),
  );
  return peak;
}

describe('UpstreamGate', () => {
  it('keeps every API server and all of Kubernetes within their bounds', async () => {
    const gate = new UpstreamGate(LIMITS);
    const sources = ['a', 'b', 'c', 'd'].flatMap(server => [
      { kind: 'kubernetes' as const, server, requests: 3 },
      { kind: 'kubernetes' as const, server, requests: 1 },
      { kind: 'kubernetes' as const, server, requests: 1 },
    ]);
    const peak = await burst(gate, sources);
    // Within the bound, yet more than one server's worth at once.
    expect(peak.get('kubernetes')).toBeLessThanOrEqual(6);
    expect(peak.get('kubernetes')).toBeGreaterThan(3);
    for (const server of ['a', 'b', 'c', 'd'])
      expect(peak.get(`kubernetes:${server}`)).toBeLessThanOrEqual(3);
    expect(gate.peak()).toBe(peak.get('kubernetes'));
  });

  it('bounds Prometheus per URL and the Tailscale API as a whole', async () => {
    const gate = new UpstreamGate(LIMITS);
    const peak = await burst(gate, [
      ...Array(5).fill({
        kind: 'prometheus',
        server: 'http://p1',
        requests: 1,
      }),
      ...Array(5).fill({
        kind: 'prometheus',
        server: 'http://p2',
        requests: 1,
      }),
      ...Array(4).fill({ kind: 'tailscale', server: 'api', requests: 1 }),
    ]);
    expect(peak.get('prometheus:http://p1')).toBe(2);
    expect(peak.get('prometheus:http://p2')).toBe(2);
    expect(peak.get('tailscale')).toBe(1);
  });

  it('releases its slots when the work fails', async () => {
    const gate = new UpstreamGate(LIMITS);
    await expect(
      gate.run('tailscale', 'api', 1, async () => {
        throw new Error('HTTP 500');
      }),
    ).rejects.toThrow('HTTP 500');
    await expect(
      gate.run('tailscale', 'api', 1, async () => 'ok'),
    ).resolves.toBe('ok');
  });
});
