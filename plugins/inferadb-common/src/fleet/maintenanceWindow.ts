const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/**
 * The accepted form of a maintenance window, e.g. `Sun 02:00-04:00 UTC`.
 *
 * @public
 */
export const MAINTENANCE_WINDOW_PATTERN =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d) UTC$/;

/**
 * A weekly maintenance window as minutes since Monday 00:00 UTC.
 *
 * @public
 */
export interface WeeklyWindow {
  /** Minute of the week the window opens (0 = Monday 00:00 UTC). */
  start: number;
  /** Length in minutes; a window whose end is before its start runs past midnight. */
  minutes: number;
}

const MINUTES_PER_WEEK = 7 * 24 * 60;

/**
 * Parses `Sun 02:00-04:00 UTC`; returns undefined when the text is not in that form.
 *
 * @public
 */
export function parseMaintenanceWindow(text: string): WeeklyWindow | undefined {
  const m = MAINTENANCE_WINDOW_PATTERN.exec(text);
  if (!m) {
    return undefined;
  }
  const day = DAYS.indexOf(m[1] as (typeof DAYS)[number]);
  const from = Number(m[2]) * 60 + Number(m[3]);
  const to = Number(m[4]) * 60 + Number(m[5]);
  if (to > 24 * 60) {
    return undefined;
  }
  const minutes = to > from ? to - from : to + 24 * 60 - from;
  return { start: day * 24 * 60 + from, minutes };
}

/**
 * True when `minute` (of the week) falls inside the window, wrapping at week end.
 *
 * @public
 */
export function isInWindow(window: WeeklyWindow, minute: number): boolean {
  const offset =
    (((minute - window.start) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) %
    MINUTES_PER_WEEK;
  return offset < window.minutes;
}

/**
 * Formats a minute of the week as `Sun 03:00 UTC`.
 *
 * @public
 */
export function formatMinuteOfWeek(minute: number): string {
  const m = ((minute % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  const day = DAYS[Math.floor(m / (24 * 60))];
  const hh = String(Math.floor((m % (24 * 60)) / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${day} ${hh}:${mm} UTC`;
}
