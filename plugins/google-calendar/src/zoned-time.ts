import { InvalidInputError } from '@mcpist/plugin-sdk';

/**
 * Wall-clock times in an IANA time zone, with only `Intl` (no time zone
 * library): the offset at an instant, the instant of a local date and time,
 * and RFC 3339 text with the zone's offset. Working hours are wall-clock
 * times, so a day's window moves with daylight saving time.
 */

const MINUTE_MS = 60_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Refuses a time zone `Intl` does not know, naming `field`. */
export function checkTimeZone(timeZone: string, field: string): void {
  try {
    formatter(timeZone);
  } catch {
    throw new InvalidInputError(`unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin`, { field });
  }
}

/** The local calendar fields of `instant` in `timeZone`. */
export function localParts(instant: number, timeZone: string) {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
    weekday: (parts.weekday ?? '').toLowerCase().slice(0, 3),
    asUtc: Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  };
}

/** Minutes `timeZone` is ahead of UTC at `instant` (e.g. 60 for Berlin in winter). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  return Math.round((localParts(seconds, timeZone).asUtc - seconds) / MINUTE_MS);
}

/** The instant of local `date` (YYYY-MM-DD) at `time` (HH:MM) in `timeZone`. */
export function zonedInstant(date: string, time: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // The offset at the wall time read as UTC is right except within hours of a change; one more pass fixes that.
  const first = wall - offsetMinutes(wall, timeZone) * MINUTE_MS;
  return wall - offsetMinutes(first, timeZone) * MINUTE_MS;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** RFC 3339 text of `instant`: with `timeZone`'s offset when given (2026-03-10T09:00:00+01:00), else in UTC (…Z). */
export function formatInstant(instant: number, timeZone?: string): string {
  if (!timeZone) return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const { date, time } = localParts(instant, timeZone);
  return `${date}T${time}${formatOffset(offsetMinutes(instant, timeZone))}`;
}

/** An RFC 3339 offset: 60 → +01:00, -330 → -05:30. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const absolute = Math.abs(minutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}
