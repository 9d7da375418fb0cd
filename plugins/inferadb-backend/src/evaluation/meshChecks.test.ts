import {
  evaluationContext,
  statusesOf,
} from '../__testUtils__/evaluationContext';
import { EvaluationContext } from './context';
import { meshChecks } from './meshChecks';

type Change = (ctx: EvaluationContext) => void;

describe('meshChecks', () => {
  it('passes a healthy region', () => {
    expect(statusesOf(meshChecks(evaluationContext('foundationdb')))).toEqual({
      'mesh.sidecars': 'healthy',
      'mesh.devices': 'healthy',
      'mesh.key-expiry': 'healthy',
    });
  });

  it.each<[string, Change, string, string | undefined]>([
    [
      'one sidecar not ready',
      c => {
        c.obs.kubernetes!.workloads[0].sidecarReady = 2;
      },
      'mesh.sidecars',
      'degraded',
    ],
    [
      'no sidecar ready',
      c => {
        for (const w of c.obs.kubernetes!.workloads) w.sidecarReady = 0;
      },
      'mesh.sidecars',
      'critical',
    ],
    [
      'one device offline',
      c => {
        c.obs.tailscale!.connected = 10;
      },
      'mesh.devices',
      'degraded',
    ],
    [
      'every device offline',
      c => {
        c.obs.tailscale!.connected = 0;
      },
      'mesh.devices',
      'critical',
    ],
    [
      'no device with the region tags',
      c => {
        c.obs.tailscale = { devices: 0, connected: 0 };
      },
      'mesh.devices',
      'critical',
    ],
    [
      'key expires in 14 days (the threshold)',
      c => {
        c.obs.tailscale!.keyExpiresInDays = 14;
      },
      'mesh.key-expiry',
      'healthy',
    ],
    [
      'key expires in 13 days',
      c => {
        c.obs.tailscale!.keyExpiresInDays = 13;
      },
      'mesh.key-expiry',
      'degraded',
    ],
    [
      'key expires in 1 day',
      c => {
        c.obs.tailscale!.keyExpiresInDays = 1;
      },
      'mesh.key-expiry',
      'degraded',
    ],
    [
      'key expired',
      c => {
        c.obs.tailscale!.keyExpiresInDays = 0;
      },
      'mesh.key-expiry',
      'critical',
    ],
    [
      'key not readable',
      c => {
        c.obs.tailscale = {
          devices: 3,
          connected: 3,
          keyError: 'HTTP 403 listing keys',
        };
      },
      'mesh.key-expiry',
      'unknown',
    ],
    [
      'Tailscale API failed',
      c => {
        delete c.obs.tailscale;
        c.obs.sources[5] = {
          ...c.obs.sources[5],
          ok: false,
          error: 'HTTP 502',
        };
      },
      'mesh.devices',
      'unknown',
    ],
    [
      'Tailscale not configured',
      c => {
        delete c.obs.tailscale;
        c.obs.sources[5] = { ...c.obs.sources[5], skipped: true };
      },
      'mesh.devices',
      undefined,
    ],
  ])('%s', (_, change, id, status) => {
    const checks = meshChecks(evaluationContext('foundationdb', change));
    expect(checks.find(c => c.id === id)?.status).toBe(status);
  });
});
