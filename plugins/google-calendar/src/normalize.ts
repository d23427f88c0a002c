import type { calendar_v3 } from '@googleapis/calendar';
import { z } from '@mcpist/plugin-sdk';
import { busyDays } from './busy-days.js';
import type { Interval } from './free-slots.js';

/**
 * Normalized records (DESIGN §3): the flat, small field sets an LLM needs,
 * instead of Google's nested JSON. An event's `start`/`end` objects become
 * one string each (the date-time, or the date of an all-day event), and
 * attendees are joined into one string, so every record stays one TOON row.
 */

/** One calendar of the user's calendar list. */
export const calendarRecord = z.object({
  id: z.string().describe('Calendar id; pass it as calendar_id to the event tools'),
  summary: z.string().nullable().describe('Calendar name as the user sees it'),
  primary: z.boolean().describe('True for the user’s own main calendar'),
  access_role: z.string().describe('owner, writer, reader or freeBusyReader: what the user may do with it'),
  time_zone: z.string().nullable().describe('IANA time zone of the calendar'),
});

/** One event, as list_events returns it. */
export const eventRecord = z.object({
  id: z.string().describe('Event id; pass it as event_id to get_event, update_event, delete_event'),
  summary: z.string().nullable().describe('Event title; null when the event has none'),
  start: z.string().nullable().describe('Start: RFC 3339 date-time, or YYYY-MM-DD for an all-day event'),
  end: z
    .string()
    .nullable()
    .describe('End (exclusive): RFC 3339 date-time, or YYYY-MM-DD (the day after) for an all-day event'),
  status: z.string().describe('confirmed, tentative or cancelled'),
  html_link: z.string().nullable().describe('Link to the event in Google Calendar'),
  location: z.string().nullable(),
});

/** One event with its details, as get_event and the write tools return it. */
export const eventDetailRecord = eventRecord.extend({
  description: z.string().nullable().describe('Event description; may contain HTML'),
  attendees: z.string().describe('Guests as "email (responseStatus)", comma-separated; empty when none'),
  organizer: z.string().nullable().describe('Email of the organizer'),
  updated: z.string().nullable().describe('Last modification time'),
});

/** One calendar's busy times on one day (or why the calendar could not be read). */
export const busyDayRecord = z.object({
  calendar: z.string().describe('Calendar id as it was asked for'),
  date: z.string().nullable().describe('The day, YYYY-MM-DD in time_zone; null when the calendar could not be read'),
  busy: z
    .string()
    .describe(
      'Busy times that day as local HH:MM-HH:MM ranges, space-separated, e.g. "09:00-10:30 13:00-14:00"; the rest of the day (within the range asked) is free',
    ),
  error: z.string().nullable().describe('Why Google could not read this calendar, e.g. notFound; null when it could'),
});

/** An event after move_event, with the calendar it is now in. */
export const movedEventRecord = eventDetailRecord.extend({
  calendar_id: z.string().describe('The calendar the event is in now (the destination)'),
});

/** One free slot found by find_free_slot. */
export const slotRecord = z.object({
  start: z.string().describe('Slot start (RFC 3339); pass start and end to create_event'),
  end: z.string().describe('Slot end: start plus the duration asked for'),
});

/** What delete_event returns. */
export const deletedRecord = z.object({
  id: z.string(),
  calendar_id: z.string(),
  deleted: z.boolean(),
});

export type CalendarRecord = z.output<typeof calendarRecord>;
export type EventRecord = z.output<typeof eventRecord>;
export type EventDetailRecord = z.output<typeof eventDetailRecord>;
export type BusyDayRecord = z.output<typeof busyDayRecord>;

/** `dateTime` for timed events, `date` for all-day ones. */
function when(value: calendar_v3.Schema$EventDateTime | undefined): string | null {
  return value?.dateTime ?? value?.date ?? null;
}

export function toCalendarRecord(entry: calendar_v3.Schema$CalendarListEntry): CalendarRecord {
  return {
    id: entry.id ?? '',
    // The user's own name for a calendar wins over its owner's, as in Google Calendar's sidebar.
    summary: entry.summaryOverride ?? entry.summary ?? null,
    primary: entry.primary === true,
    access_role: entry.accessRole ?? 'reader',
    time_zone: entry.timeZone ?? null,
  };
}

export function toEventRecord(event: calendar_v3.Schema$Event): EventRecord {
  return {
    id: event.id ?? '',
    summary: event.summary ?? null,
    start: when(event.start),
    end: when(event.end),
    status: event.status ?? 'confirmed',
    html_link: event.htmlLink ?? null,
    location: event.location ?? null,
  };
}

export function toEventDetailRecord(event: calendar_v3.Schema$Event): EventDetailRecord {
  return {
    ...toEventRecord(event),
    description: event.description ?? null,
    attendees: (event.attendees ?? [])
      .filter((attendee) => typeof attendee.email === 'string')
      .map((attendee) => `${attendee.email} (${attendee.responseStatus ?? 'needsAction'})`)
      .join(', '),
    organizer: event.organizer?.email ?? null,
    updated: event.updated ?? null,
  };
}

/**
 * A free/busy answer as one record per calendar and local day that has busy
 * times, in the order the calendars were asked for, then by date; a calendar
 * Google could not read gets one record with its error reasons instead.
 */
export function toBusyDayRecords(
  calendarIds: readonly string[],
  calendars: calendar_v3.Schema$FreeBusyResponse['calendars'],
  timeZone: string,
): BusyDayRecord[] {
  return calendarIds.flatMap((calendar): BusyDayRecord[] => {
    const answer = calendars?.[calendar];
    const reasons = (answer?.errors ?? []).map((error) => error.reason ?? 'unknown');
    if (reasons.length > 0) return [{ calendar, date: null, busy: '', error: reasons.join(', ') }];
    const intervals = (answer?.busy ?? [])
      .map((period): Interval => [Date.parse(period.start ?? ''), Date.parse(period.end ?? '')])
      .filter(([start, end]) => Number.isFinite(start) && Number.isFinite(end));
    return busyDays(intervals, timeZone).map(({ date, busy }) => ({ calendar, date, busy, error: null }));
  });
}
