/**
 * Recurring events in the fake Google Calendar: a series carries
 * `recurrence: ["RRULE:…"]` and is expanded into instances the way the
 * Calendar API shows them — id `<series id>_<start in UTC, basic format>`
 * (`_<date>` for all-day series), `recurringEventId`, `originalStartTime` —
 * for `events.list` with `singleEvents=true` and for `events.instances`.
 * The fake understands `FREQ=DAILY|WEEKLY` with `COUNT` and `INTERVAL`.
 */
import { eventLink, type GoogleEvent, type GoogleEventDateTime, instant } from './fake-google-calendar-data.js';

/** Instances of a series without COUNT: as many as a year of weekly meetings. */
const OPEN_ENDED = 52;

const DAY_MS = 86_400_000;

/** A recurring event as Google returns an instance of it. */
export type GoogleInstance = GoogleEvent & {
  recurringEventId: string;
  originalStartTime: GoogleEventDateTime;
};

function shift(when: GoogleEventDateTime, ms: number): GoogleEventDateTime {
  if (when.date) return { date: new Date(Date.parse(`${when.date}T00:00:00Z`) + ms).toISOString().slice(0, 10) };
  const moved = new Date(Date.parse(when.dateTime ?? '') + ms).toISOString().replace('.000Z', 'Z');
  return { ...when, dateTime: moved };
}

/** `20260302T090000Z` (timed) or `20260302` (all-day), as Google suffixes instance ids. */
function idSuffix(when: GoogleEventDateTime): string {
  if (when.date) return when.date.replace(/-/g, '');
  return new Date(Date.parse(when.dateTime ?? '')).toISOString().replace(/[-:]/g, '').replace('.000', '');
}

/** The RRULE of a series, or undefined for a single event. */
function rule(event: GoogleEvent): { stepMs: number; count: number } | undefined {
  const line = event.recurrence?.find((entry) => entry.startsWith('RRULE:'));
  if (!line) return undefined;
  const parts = Object.fromEntries(
    line
      .slice('RRULE:'.length)
      .split(';')
      .map((part) => part.split('=') as [string, string]),
  );
  const days = parts.FREQ === 'DAILY' ? 1 : parts.FREQ === 'WEEKLY' ? 7 : undefined;
  if (days === undefined) throw new Error(`the fake does not expand ${line}`);
  const interval = Number(parts.INTERVAL ?? 1);
  return { stepMs: days * interval * DAY_MS, count: Number(parts.COUNT ?? OPEN_ENDED) };
}

/** True when `event` is a series (has an RRULE). */
export function isSeries(event: GoogleEvent): boolean {
  return rule(event) !== undefined;
}

/** The instances of a series, in order; a single event is returned as it is. */
export function expand(event: GoogleEvent, calendarId: string): GoogleEvent[] {
  const recurrence = rule(event);
  if (!recurrence) return [event];
  const { recurrence: _rule, ...base } = event;
  return Array.from({ length: recurrence.count }, (_, i): GoogleInstance => {
    const start = shift(event.start, i * recurrence.stepMs);
    const id = `${event.id}_${idSuffix(start)}`;
    return {
      ...base,
      id,
      htmlLink: eventLink(id, calendarId),
      start,
      end: shift(event.end, i * recurrence.stepMs),
      recurringEventId: event.id,
      originalStartTime: start,
    };
  });
}

/** Filters instances to those overlapping `[timeMin, timeMax)`, as `timeMin`/`timeMax` do. */
export function inRange(events: GoogleEvent[], timeMin: string | null, timeMax: string | null): GoogleEvent[] {
  return events
    .filter((event) => !timeMin || instant(event.end) > Date.parse(timeMin))
    .filter((event) => !timeMax || instant(event.start) < Date.parse(timeMax));
}
