import { z } from '@mcpist/plugin-sdk';

/**
 * Input fields several tools share. Formats are checked here, so a malformed
 * time or id fails validation instead of costing an upstream request.
 */

/** `.` and `..` would be path traversal; Google's client refuses them with a bare Error. */
const notDotSegment = (value: string) => value !== '.' && value !== '..';

export const calendarIdField = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .refine(notDotSegment, 'not a calendar id')
  .default('primary')
  .describe('Calendar id from list_calendars (often an email address); default "primary", the user\'s own calendar');

export const eventIdField = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .regex(/^[^\s/]+$/, 'not an event id')
  .refine(notDotSegment, 'not an event id')
  .describe('Event id as list_events returns it');

/**
 * Dates and times are checked with short patterns plus a calendar check,
 * rather than zod's ISO validators: their patterns are several hundred
 * characters each, and every schema is listed to the LLM in tokens.
 */
const TIME = '([01]\\d|2[0-3]):[0-5]\\d';
const OFFSET = `(Z|[+-]${TIME})`;

/** True when the leading YYYY-MM-DD is a day that exists (V8's Date.parse accepts 2026-02-30). */
function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An RFC 3339 instant with an offset, as Google requires for ranges, e.g. 2026-03-10T09:00:00+01:00. */
export const instantField = z
  .string()
  .regex(new RegExp(`^\\d{4}-\\d{2}-\\d{2}T${TIME}:[0-5]\\d(\\.\\d+)?${OFFSET}$`), 'an RFC 3339 date-time with offset')
  .refine(isCalendarDate, 'not a calendar date');

/** A date (all-day) or a date-time; date-times without an offset need `time_zone`. */
export const whenField = z
  .string()
  .regex(
    new RegExp(`^\\d{4}-\\d{2}-\\d{2}(T${TIME}(:[0-5]\\d(\\.\\d+)?)?${OFFSET}?)?$`),
    'a date (YYYY-MM-DD) or a date-time (YYYY-MM-DDThh:mm:ss with an offset or time_zone)',
  )
  .refine(isCalendarDate, 'not a calendar date');

export const timeZoneField = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone such as Europe/Berlin')
  .describe('IANA time zone (e.g. "Europe/Berlin") for start/end given without an offset');

export const sendUpdatesField = z
  .enum(['all', 'externalOnly', 'none'])
  .optional()
  .describe('Email guests about the change: all, externalOnly (non-Google guests), or none (Google default)');

export const attendeesField = z.array(z.email()).max(100);

/** Caller's own cap on records, below the server's limit; lets an LLM ask for "the next 5". */
export const limitField = z.number().int().min(1).max(10_000).optional();
