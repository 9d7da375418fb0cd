import { SourceResult } from '@inferadb-regions/plugin-inferadb-common';
import { whereToLook } from './format';

const failed = (
  source: SourceResult['source'],
  error: string,
  timedOut = false,
): SourceResult => ({ source, ok: false, error, timedOut, durationMs: 1 });

describe('whereToLook', () => {
  it('sends an unanswered or refused request to the server and the network, not the credentials', () => {
    expect(
      whereToLook(failed('kubernetes', 'timed out after 1000 ms', true)),
    ).toBe(
      "check that the region's Kubernetes API server is up and that the backend can reach it",
    );
    expect(whereToLook(failed('prometheus', 'connection refused'))).toBe(
      "check that the region's Prometheus is up and that the backend can reach it",
    );
  });

  it('sends a 401 or 403 to the credentials, a TLS failure to the certificate', () => {
    expect(whereToLook(failed('tailscale', 'HTTP 401'))).toBe(
      "check the backend's credentials for the Tailscale API",
    );
    expect(
      whereToLook(
        failed('kubernetes', 'TLS failed (DEPTH_ZERO_SELF_SIGNED_CERT)'),
      ),
    ).toMatch(/^check the certificate of the region's Kubernetes API server/);
  });
});
