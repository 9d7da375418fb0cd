import { MaintenanceWindow } from '@inferadb-regions/plugin-inferadb-common';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WINDOW =
  /^(sun|mon|tue|wed|thu|fri|sat)[a-z]*\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s+UTC$/i;

/**
 * Whether `now` falls in a weekly window such as `Sun 02:00-04:00 UTC` (a window may run
 * past midnight into the next day). Anything else is kept, with `active: null`.
 */
export function maintenanceWindowAt(
  spec: string,
  now: number,
): MaintenanceWindow {
  const m = WINDOW.exec(spec.trim());
  if (!m) return { spec, active: null };
  const day = DAYS.indexOf(m[1].toLowerCase());
  const start = Number(m[2]) * 60 + Number(m[3]);
  let end = Number(m[4]) * 60 + Number(m[5]);
  if (start >= 24 * 60 || end > 24 * 60) return { spec, active: null };
  if (end <= start) end += 24 * 60;
  const week = 7 * 24 * 60;
  const d = new Date(now);
  const minuteOfWeek =
    d.getUTCDay() * 24 * 60 + d.getUTCHours() * 60 + d.getUTCMinutes();
  const from = day * 24 * 60 + start;
  const offset = (((minuteOfWeek - from) % week) + week) % week;
  return { spec, active: offset < end - start };
}
