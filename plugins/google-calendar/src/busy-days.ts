import { type Interval, mergeIntervals } from './free-slots.js';
import { formatOffset, localParts, offsetMinutes, zonedInstant } from './zoned-time.js';

/**
 * Busy intervals as a person reads a calendar: per local day, as wall-clock
 * ranges ("09:00-10:30 13:00-14:00"), instead of pairs of RFC 3339 instants.
 * An interval across midnight is split between its days (…-24:00, 00:00-…).
 * Nothing is lost: on a day whose UTC offset changes (daylight saving time),
 * every time carries its offset ("01:30+01:00"), so even the hour that
 * happens twice stays unambiguous.
 */

/** One day's busy ranges in a time zone. */
export interface BusyDay {
  date: string;
  busy: string;
}

const DAY_MS = 86_400_000;

/** The local date after `date` (YYYY-MM-DD), by the calendar, not by adding 24 hours. */
function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
}

/** HH:MM, or HH:MM:SS when the seconds are not zero. */
function clock(instant: number, timeZone: string): string {
  const time = localParts(instant, timeZone).time;
  return time.endsWith(':00') ? time.slice(0, 5) : time;
}

/** Each local day that `intervals` touch, with that day's ranges, in time order. */
export function busyDays(intervals: readonly Interval[], timeZone: string): BusyDay[] {
  const days = new Map<string, Array<[start: number, end: number, endsAtMidnight: boolean]>>();
  for (const [start, end] of mergeIntervals(intervals)) {
    for (let cursor = start; cursor < end; ) {
      const date = localParts(cursor, timeZone).date;
      const midnight = zonedInstant(nextDate(date), '00:00', timeZone);
      const until = Math.min(end, midnight);
      const segments = days.get(date) ?? [];
      segments.push([cursor, until, until === midnight]);
      days.set(date, segments);
      // A zone without that midnight (a change at 00:00) must still move on.
      cursor = until > cursor ? until : end;
    }
  }
  return [...days].map(([date, segments]) => {
    const dayStart = zonedInstant(date, '00:00', timeZone);
    const dayEnd = zonedInstant(nextDate(date), '00:00', timeZone) - 1;
    const offsetChanges = offsetMinutes(dayStart, timeZone) !== offsetMinutes(dayEnd, timeZone);
    const time = (instant: number) =>
      offsetChanges
        ? `${clock(instant, timeZone)}${formatOffset(offsetMinutes(instant, timeZone))}`
        : clock(instant, timeZone);
    const busy = segments.map(([start, end, endsAtMidnight]) => {
      const last = endsAtMidnight
        ? `24:00${offsetChanges ? formatOffset(offsetMinutes(end, timeZone)) : ''}`
        : time(end);
      return `${time(start)}-${last}`;
    });
    return { date, busy: busy.join(' ') };
  });
}
