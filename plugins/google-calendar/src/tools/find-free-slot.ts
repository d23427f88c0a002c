import { defineTool, InvalidInputError, z } from '@mcpist/plugin-sdk';
import { createCalendarClient } from '../client.js';
import { checkTimeRange } from '../event-times.js';
import { findFreeSlots, type Interval, WEEKDAYS, workingWindows } from '../free-slots.js';
import { instantField, timeZoneField } from '../input-fields.js';
import { slotRecord } from '../normalize.js';
import { checkTimeZone, formatInstant } from '../zoned-time.js';
import { failedCalendars } from './freebusy-query.js';

/** Google's limit on calendars in one free/busy query. */
const MAX_CALENDARS = 50;
const MINUTE_MS = 60_000;
/** Slots start on the quarter hour, as people schedule. */
const STEP_MS = 15 * MINUTE_MS;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM');

export const findFreeSlot = defineTool({
  name: 'find_free_slot',
  description: `Finds the earliest times when several people (and by default the user) are all free for a meeting of a given length, within a time range and optionally within working hours, using Google's free/busy information.
Use it for "find 30 minutes for Ada, Grace and me next week" before create_event; freebusy_query shows each calendar's busy times per day instead. Attendees are email addresses (or calendar ids) whose free/busy the user can see, as in Google Calendar's "find a time"; it fails (not found) if one cannot be seen rather than assume them free. Times are RFC 3339 with an offset, e.g. 2026-03-09T00:00:00+01:00; slots start on the quarter hour.
Returns one record per free stretch (the earliest start in each time everyone is free), earliest first: start, end (start + duration). To see how long a stretch lasts, ask again with a longer duration.`,
  input: z.object({
    attendees: z
      .array(z.string().trim().min(1).max(1024))
      .min(1)
      .max(MAX_CALENDARS - 1)
      .describe('People who must be free, by email (or calendar id), e.g. ["ada@example.com", "grace@example.org"]'),
    include_self: z
      .boolean()
      .default(true)
      .describe("Also require the user's own primary calendar to be free (default true)"),
    time_min: instantField.describe('Search from this RFC 3339 time with offset, e.g. 2026-03-09T09:00:00+01:00'),
    time_max: instantField.describe('Search until this RFC 3339 time with offset, e.g. 2026-03-13T18:00:00+01:00'),
    duration_minutes: z
      .int()
      .min(5)
      .max(24 * 60)
      .describe('Length of the meeting in minutes, e.g. 30'),
    working_hours: z
      .object({
        start: clock.describe('Start of the working day, e.g. "09:00"'),
        end: clock.describe('End of the working day, e.g. "17:30"'),
        days: z
          .array(z.enum(WEEKDAYS))
          .min(1)
          .max(7)
          .default(['mon', 'tue', 'wed', 'thu', 'fri'])
          .describe('Working days; default mon–fri'),
      })
      .optional()
      .describe('Only look within these hours (in time_zone); omit to allow any time of day'),
    time_zone: timeZoneField
      .optional()
      .describe('IANA time zone for working_hours and for the returned times, e.g. "Europe/Berlin"; default UTC'),
    max_slots: z.int().min(1).max(100).default(5).describe('Return at most this many slots (default 5)'),
  }),
  output: slotRecord,
  readOnly: true,
  dangerous: false,
  handler: async (input, ctx) => {
    checkTimeRange(input.time_min, input.time_max);
    const range: Interval = [Date.parse(input.time_min), Date.parse(input.time_max)];
    const timeZone = input.time_zone ?? 'UTC';
    checkTimeZone(timeZone, 'time_zone');
    if (input.working_hours && input.working_hours.end <= input.working_hours.start) {
      throw new InvalidInputError('working_hours.end must be after working_hours.start on the same day', {
        field: 'working_hours',
      });
    }
    const ids = [...new Set([...(input.include_self ? ['primary'] : []), ...input.attendees])];
    const { api, call } = await createCalendarClient(ctx);
    const { data } = await api.freebusy.query(
      { requestBody: { timeMin: input.time_min, timeMax: input.time_max, items: ids.map((id) => ({ id })) } },
      call,
    );
    const failure = failedCalendars(data.calendars, ids);
    if (failure) throw failure;
    const busy = ids.flatMap((id) =>
      (data.calendars?.[id]?.busy ?? []).map(
        (period): Interval => [Date.parse(period.start ?? ''), Date.parse(period.end ?? '')],
      ),
    );
    const windows = input.working_hours ? workingWindows(range, { ...input.working_hours, timeZone }) : [range];
    const slots = findFreeSlots({
      windows,
      busy: busy.filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end)),
      durationMs: input.duration_minutes * MINUTE_MS,
      stepMs: STEP_MS,
      maxSlots: Math.min(input.max_slots, ctx.limits.maxRecords),
    });
    const shown = input.time_zone;
    return slots.map((slot) => ({ start: formatInstant(slot.start, shown), end: formatInstant(slot.end, shown) }));
  },
});
