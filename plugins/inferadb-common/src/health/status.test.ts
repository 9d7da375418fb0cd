import { compareStatusSeverity, worstStatus } from './status';

describe('worstStatus', () => {
  it('never rates a region that cannot be read better than a degraded one', () => {
    expect(worstStatus(['healthy', 'degraded', 'unknown'])).toBe('unknown');
    expect(worstStatus(['unknown', 'degraded'])).toBe('unknown');
  });

  it('rates a known critical problem worst, and leaves out what is not available', () => {
    expect(worstStatus(['unknown', 'critical', 'degraded'])).toBe('critical');
    expect(worstStatus(['healthy', 'not-available'])).toBe('healthy');
    expect(worstStatus([])).toBe('healthy');
  });

  it('sorts worst first', () => {
    expect(
      (['healthy', 'unknown', 'critical', 'degraded'] as const)
        .slice()
        .sort(compareStatusSeverity),
    ).toEqual(['critical', 'unknown', 'degraded', 'healthy']);
  });
});
