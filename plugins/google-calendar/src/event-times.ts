import type { calendar_v3 } from '@googleapis/calendar';
import { InvalidInputError } from '@mcpist/plugin-sdk';

/**
 * Turns the `start`/`end` strings a tool takes into Google's `EventDateTime`
 * objects, and refuses combinations Google would reject anyway (a date with
 * a date-time, an end not after the start, a time with no zone), with a
 * message that says how to fix them — before any request is made.
 */

type EventDateTime = calendar_v3.Schema$EventDateTime;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/i;

/** One `start` or `end` value: `YYYY-MM-DD` → `{ date }`, a date-time → `{ dateTime[, timeZone] }`. */
export function toEventDateTime(value: string, field: string, timeZone: string | undefined): EventDateTime {
  if (DATE.test(value)) return { date: value };
  // Google's RFC 3339 parser wants seconds; "2026-03-10T09:30" is what people (and LLMs) write.
  const dateTime = /T\d{2}:\d{2}$/.test(value) ? `${value}:00` : value;
  if (OFFSET.test(dateTime)) return timeZone ? { dateTime, timeZone } : { dateTime };
  if (!timeZone) {
    throw new InvalidInputError(
      `${field} "${value}" has no UTC offset: add one (e.g. "${dateTime}+01:00" or "${dateTime}Z") or give time_zone`,
      { field },
    );
  }
  return { dateTime, timeZone };
}

/** Comparable instants, when both ends can be compared without time zone rules. */
function comparable(start: EventDateTime, end: EventDateTime): [number, number] | undefined {
  if (start.date && end.date) return [Date.parse(start.date), Date.parse(end.date)];
  const a = start.dateTime ?? '';
  const b = end.dateTime ?? '';
  if (OFFSET.test(a) && OFFSET.test(b)) return [Date.parse(a), Date.parse(b)];
  // Both wall-clock times in the same zone: compare them as if UTC.
  if (!OFFSET.test(a) && !OFFSET.test(b)) return [Date.parse(`${a}Z`), Date.parse(`${b}Z`)];
  return undefined;
}

/** The `start`/`end` objects for an insert or patch; only the ends given are returned. */
export function eventTimes(input: {
  start?: string | undefined;
  end?: string | undefined;
  time_zone?: string | undefined;
}): {
  start?: EventDateTime;
  end?: EventDateTime;
} {
  const start = input.start === undefined ? undefined : toEventDateTime(input.start, 'start', input.time_zone);
  const end = input.end === undefined ? undefined : toEventDateTime(input.end, 'end', input.time_zone);
  if (start && end) {
    if (Boolean(start.date) !== Boolean(end.date)) {
      throw new InvalidInputError(
        'start and end must both be dates (an all-day event) or both be date-times (a timed event)',
        { field: 'end' },
      );
    }
    const instants = comparable(start, end);
    if (instants && !(instants[1] > instants[0])) {
      throw new InvalidInputError(
        start.date
          ? 'end must be after start: for an all-day event, end is the day after the last day (e.g. start 2026-03-10, end 2026-03-11 for one day)'
          : 'end must be after start',
        { field: 'end' },
      );
    }
  }
  return { ...(start ? { start } : {}), ...(end ? { end } : {}) };
}

/**
 * Refuses a query range whose end is not after its start (when both are
 * given), naming `time_max`, before any request is made.
 */
export function checkTimeRange(timeMin: string | undefined, timeMax: string | undefined): void {
  if (timeMin && timeMax && Date.parse(timeMax) <= Date.parse(timeMin)) {
    throw new InvalidInputError('time_max must be after time_min', { field: 'time_max' });
  }
}
