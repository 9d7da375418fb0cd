import { SourceResult } from '@inferadb-regions/plugin-inferadb-common';
import { whereToLook } from './format';

const failed = (
  source: SourceResult['source'],
  error: string,
  failure: SourceResult['failure'],
): SourceResult => ({ source, ok: false, error, failure, durationMs: 1 });

describe('whereToLook', () => {
  it('sends an unanswered or refused request to the server and the network, not the credentials', () => {
    expect(
      whereToLook(failed('kubernetes', 'timed out after 1000 ms', 'timeout')),
    ).toBe(
      "check that the region's Kubernetes API server is up and that the backend can reach it",
    );
    expect(
      whereToLook(failed('prometheus', 'connection refused', 'network')),
    ).toBe(
      "check that the region's Prometheus is up and that the backend can reach it",
    );
  });

  it('sends a 401 or 403 to the credentials, a TLS failure to the certificate', () => {
    expect(
      whereToLook(
        failed(
          'tailscale',
          'Tailscale API refused to list devices (HTTP 401: invalid key)',
          'credentials',
        ),
      ),
    ).toBe("check the backend's credentials for the Tailscale API");
    expect(
      whereToLook(
        failed('kubernetes', 'TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)', 'tls'),
      ),
    ).toMatch(/^check the certificate of the region's Kubernetes API server/);
  });

  it("goes by the backend's kind of failure, not by the words of the error", () => {
    // A 5xx whose words mention 401 is still a server error.
    expect(
      whereToLook(
        failed(
          'prometheus',
          'Prometheus answered HTTP 503: 401 retries',
          'server-error',
        ),
      ),
    ).toBe(
      "check the region's Prometheus: it answered with an error or is unavailable",
    );
    expect(
      whereToLook(
        failed(
          'engine-healthz',
          '/healthz answered HTTP 200 with a body that is not JSON',
          'bad-answer',
        ),
      ),
    ).toMatch(/^check that the backend's address for Engine's \/healthz/);
  });

  it('reads a snapshot from before failure kinds as unreachable', () => {
    const old: SourceResult = {
      source: 'kubernetes',
      ok: false,
      error: 'HTTP 401',
      durationMs: 1,
    };
    expect(whereToLook(old)).toBe(
      "check that the region's Kubernetes API server is up and that the backend can reach it",
    );
  });
});
