import {
  HealthStatus,
  RegionHealth,
} from '@inferadb-regions/plugin-inferadb-common';
import { withObservedUptime } from './observedUptime';

const NOW = '2026-11-22T06:00:00.000Z';

function region(status: HealthStatus): RegionHealth {
  return { status, collectedAt: NOW, actuals: {} } as RegionHealth;
}

describe('withObservedUptime', () => {
  const past = {
    up: 99,
    counted: 100,
    unknown: 0,
    since: Date.parse('2026-11-21T06:00:00Z'),
  };

  it('counts this collection with the stored ones', () => {
    expect(withObservedUptime(region('degraded'), past).actuals).toEqual({
      uptimePercent: 99.01,
      uptimeSince: '2026-11-21T06:00:00.000Z',
      uptimeUnknownPercent: 0,
    });
    expect(
      withObservedUptime(region('critical'), past).actuals.uptimePercent,
    ).toBe(98.02);
  });

  it('leaves out a collection that reached no source, and says how much was unknown', () => {
    expect(withObservedUptime(region('unknown'), past).actuals).toMatchObject({
      uptimePercent: 99,
      uptimeUnknownPercent: 0.99,
    });
    // Every source unreachable for three quarters of the window: never "100 % up".
    const mostlyDark = { up: 1, counted: 1, unknown: 2, since: past.since };
    expect(withObservedUptime(region('unknown'), mostlyDark).actuals).toEqual({
      uptimePercent: 100,
      uptimeSince: '2026-11-21T06:00:00.000Z',
      uptimeUnknownPercent: 75,
    });
  });

  it('starts the window at the first collection', () => {
    expect(withObservedUptime(region('critical'), undefined).actuals).toEqual({
      uptimePercent: 0,
      uptimeSince: NOW,
      uptimeUnknownPercent: 0,
    });
    expect(withObservedUptime(region('unknown'), undefined).actuals).toEqual({
      uptimePercent: null,
      uptimeSince: null,
      uptimeUnknownPercent: 100,
    });
  });
});
