/**
 * The fake's `POST /calendar/v3/freeBusy`: busy intervals per requested
 * calendar within `[timeMin, timeMax)`, merged and clipped as Google returns
 * them, and a per-calendar `errors` list (`notFound`) for calendars the user
 * cannot see — the request as a whole still succeeds, as with Google.
 */
import type { FakeRequest, FakeResponse } from '@mcpist/plugin-sdk/testing';
import type { FakeGoogleCalendarSeed } from './fake-google-calendar.js';
import { instant } from './fake-google-calendar-data.js';
import { badRequest } from './fake-google-calendar-responses.js';

/** Google's limit on calendars per free/busy query. */
const MAX_ITEMS = 50;

interface FreeBusyBody {
  timeMin?: unknown;
  timeMax?: unknown;
  timeZone?: unknown;
  items?: unknown;
}

function merged(intervals: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Answers a free/busy query against the seed. */
export function freeBusy(request: FakeRequest, seed: FakeGoogleCalendarSeed): FakeResponse {
  const body = (request.body ?? {}) as FreeBusyBody;
  if (typeof body.timeMin !== 'string') return badRequest('Missing timeMin.', 'required', 'timeMin');
  if (typeof body.timeMax !== 'string') return badRequest('Missing timeMax.', 'required', 'timeMax');
  const from = Date.parse(body.timeMin);
  const to = Date.parse(body.timeMax);
  if (Number.isNaN(from) || Number.isNaN(to)) return badRequest('Bad Request', 'badRequest');
  if (to <= from) return badRequest('The specified time range is empty.', 'timeRangeEmpty', 'timeMax');
  const ids = Array.isArray(body.items)
    ? body.items.map((item) => (item as { id?: unknown }).id).filter((id) => typeof id === 'string')
    : [];
  if (ids.length > MAX_ITEMS) return badRequest('Too many calendars requested.', 'tooManyCalendarsRequested');

  const calendars: Record<string, unknown> = {};
  for (const id of ids) {
    const calendarId = id === 'primary' ? seed.email : id;
    const events = seed.events.get(calendarId);
    if (!events) {
      calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
      continue;
    }
    const intervals = events
      .filter((event) => event.status !== 'cancelled' && event.transparency !== 'transparent')
      .map((event): [number, number] => [Math.max(from, instant(event.start)), Math.min(to, instant(event.end))])
      .filter(([start, end]) => start < end);
    calendars[id] = {
      busy: merged(intervals).map(([start, end]) => ({
        start: new Date(start).toISOString().replace('.000Z', 'Z'),
        end: new Date(end).toISOString().replace('.000Z', 'Z'),
      })),
    };
  }
  return {
    json: {
      kind: 'calendar#freeBusy',
      timeMin: new Date(from).toISOString(),
      timeMax: new Date(to).toISOString(),
      calendars,
    },
  };
}
