import { HealthStatus, RegionHealth } from '@internal/plugin-inferadb-common';
import { withObservedUptime } from './observedUptime';

const NOW = '2026-11-22T06:00:00.000Z';

function region(status: HealthStatus): RegionHealth {
  return { status, collectedAt: NOW, actuals: {} } as RegionHealth;
}

describe('withObservedUptime', () => {
  const past = {
    up: 99,
    counted: 100,
    since: Date.parse('2026-11-21T06:00:00Z'),
  };

  it('counts this collection with the stored ones', () => {
    expect(withObservedUptime(region('degraded'), past).actuals).toEqual({
      uptimePercent: 99.01,
      uptimeSince: '2026-11-21T06:00:00.000Z',
    });
    expect(
      withObservedUptime(region('critical'), past).actuals.uptimePercent,
    ).toBe(98.02);
  });

  it('leaves out a collection that reached no source', () => {
    expect(
      withObservedUptime(region('unknown'), past).actuals.uptimePercent,
    ).toBe(99);
  });

  it('starts the window at the first collection', () => {
    expect(withObservedUptime(region('critical'), undefined).actuals).toEqual({
      uptimePercent: 0,
      uptimeSince: NOW,
    });
    expect(withObservedUptime(region('unknown'), undefined).actuals).toEqual({
      uptimePercent: null,
      uptimeSince: null,
    });
  });
});
