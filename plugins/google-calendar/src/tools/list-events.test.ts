import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('list_events', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const listEvents = (input: Record<string, unknown> = {}, maxRecords?: number) =>
    runTool(plugin, 'list_events', input, {
      baseUrl: google.url,
      credential: google.token,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('lists single events by start time from the primary calendar, flattened', async () => {
    google = await startFakeGoogleCalendar({ events: 6 });
    const records = await listEvents();

    const [request] = google.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/calendar/v3/calendars/primary/events');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      singleEvents: 'true',
      orderBy: 'startTime',
      maxResults: '500',
    });
    const seeded = google.seed.events.get(google.seed.email) ?? [];
    expect(records.map((record) => record.summary)).toEqual([
      'Offsite day 5',
      'Meeting 1',
      'Meeting 2',
      'Meeting 3',
      'Meeting 4',
      'Meeting 6',
    ]);
    expect(records[0]).toEqual({
      id: seeded[4]?.id,
      summary: 'Offsite day 5',
      start: '2026-03-02',
      end: '2026-03-03',
      status: 'confirmed',
      html_link: seeded[4]?.htmlLink,
      location: null,
    });
    expect(records[3]).toEqual({
      id: seeded[2]?.id,
      summary: 'Meeting 3',
      start: '2026-03-02T13:00:00Z',
      end: '2026-03-02T14:00:00Z',
      status: 'confirmed',
      html_link: seeded[2]?.htmlLink,
      location: 'Room 103',
    });
  });

  it('passes the calendar, time range and search text to Google', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1, events: 40 });
    const records = await listEvents({
      time_min: '2026-03-03T00:00:00Z',
      time_max: '2026-03-04T00:00:00+00:00',
      q: 'meeting',
    });

    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({
      timeMin: '2026-03-03T00:00:00Z',
      timeMax: '2026-03-04T00:00:00+00:00',
      q: 'meeting',
      singleEvents: 'true',
      orderBy: 'startTime',
      maxResults: '500',
    });
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((record) => String(record.start).startsWith('2026-03-03'))).toBe(true);

    const team = google.seed.calendars[1]?.id ?? '';
    expect(await listEvents({ calendar_id: team })).toEqual([]);
    expect(google.requests[1]?.path).toBe(`/calendar/v3/calendars/${encodeURIComponent(team)}/events`);
  });

  it('lists each series once without an order when single_events is false', async () => {
    google = await startFakeGoogleCalendar({ events: 3 });
    await listEvents({ single_events: false });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({ singleEvents: 'false', maxResults: '500' });
  });

  it('leaves out cancelled occurrences Google lists with a series', async () => {
    google = await startFakeGoogleCalendar({ events: 2 });
    const [first, second] = google.seed.events.get(google.seed.email) ?? [];
    google.route(GOOGLE_CALENDAR_ROUTES.listEvents, () => ({
      json: {
        kind: 'calendar#events',
        items: [first, { kind: 'calendar#event', id: 'x1_20260302', status: 'cancelled' }, second],
      },
    }));
    const records = await listEvents({ single_events: false });
    expect(records.map((record) => record.id)).toEqual([first?.id, second?.id]);
  });

  it('stops at maxRecords: 700 events give 500 in one request', async () => {
    google = await startFakeGoogleCalendar({ events: 700 });
    const records = await listEvents();
    expect(records).toHaveLength(500);
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listEvents)).toBe(1);
  });

  it('follows nextPageToken through short pages until the limit', async () => {
    google = await startFakeGoogleCalendar({ events: 350, maxPageSize: 100 });
    const all = await listEvents();
    expect(all).toHaveLength(350);
    expect(new Set(all.map((record) => record.id)).size).toBe(350);
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listEvents)).toBe(4);

    google.requests.length = 0;
    const limited = await listEvents({}, 120);
    expect(limited).toHaveLength(120);
    expect(google.requests.map((request) => request.query.get('maxResults'))).toEqual(['120', '20']);
  });

  it('honours a smaller limit from the caller', async () => {
    google = await startFakeGoogleCalendar({ events: 30 });
    const records = await listEvents({ limit: 3 });
    expect(records).toHaveLength(3);
    expect(google.requests[0]?.query.get('maxResults')).toBe('3');
  });
});
