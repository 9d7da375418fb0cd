import {
  formatMinuteOfWeek,
  isInWindow,
  parseMaintenanceWindow,
} from './maintenanceWindow';

describe('maintenance windows', () => {
  it('parses a window as minutes since Monday 00:00 UTC', () => {
    expect(parseMaintenanceWindow('Sun 02:00-04:00 UTC')).toEqual({
      start: 6 * 1440 + 120,
      minutes: 120,
    });
    expect(parseMaintenanceWindow('Mon 23:30-24:00 UTC')).toEqual({
      start: 1410,
      minutes: 30,
    });
  });

  it('lets a window run past midnight and past the end of the week', () => {
    const window = parseMaintenanceWindow('Sun 23:00-01:00 UTC')!;
    expect(window.minutes).toBe(120);
    expect(isInWindow(window, 6 * 1440 + 23 * 60 + 30)).toBe(true); // Sun 23:30
    expect(isInWindow(window, 30)).toBe(true); // Mon 00:30, next week
    expect(isInWindow(window, 61)).toBe(false); // Mon 01:01
    expect(formatMinuteOfWeek(window.start)).toBe('Sun 23:00 UTC');
  });

  it('refuses other forms', () => {
    for (const text of [
      'Sunday 02:00-04:00 UTC',
      'Sun 2:00-4:00 UTC',
      'Sun 02:00-04:00 SGT',
      'Sun 25:00-26:00 UTC',
    ]) {
      expect(parseMaintenanceWindow(text)).toBeUndefined();
    }
  });
});
