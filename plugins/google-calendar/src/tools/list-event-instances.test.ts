import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('list_event_instances', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const instances = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(plugin, 'list_event_instances', input, {
      baseUrl: google.url,
      credential: google.token,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;
  const series = () => google.seed.events.get(google.seed.email)?.find((event) => event.recurrence);

  it('GETs the series’ instances in a time range and returns them as events', async () => {
    google = await startFakeGoogleCalendar({ events: 0, recurring: 10 });
    const id = series()?.id;
    const records = await instances({
      event_id: id,
      time_min: '2026-03-09T00:00:00Z',
      time_max: '2026-03-24T00:00:00+00:00',
    });

    expect(google.requests[0]).toMatchObject({
      method: 'GET',
      path: `/calendar/v3/calendars/primary/events/${id}/instances`,
    });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({
      timeMin: '2026-03-09T00:00:00Z',
      timeMax: '2026-03-24T00:00:00+00:00',
      maxResults: '500',
    });
    expect(records).toEqual([
      expect.objectContaining({
        id: `${id}_20260310T100000Z`,
        summary: 'Weekly sync',
        start: '2026-03-10T10:00:00Z',
        end: '2026-03-10T10:30:00Z',
        location: 'Room 7',
      }),
      expect.objectContaining({ id: `${id}_20260317T100000Z`, start: '2026-03-17T10:00:00Z' }),
    ]);
  });

  it('follows nextPageToken up to the record limit', async () => {
    google = await startFakeGoogleCalendar({ events: 0, recurring: 300, maxPageSize: 100 });
    expect(await instances({ event_id: series()?.id })).toHaveLength(300);
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listInstances)).toBe(3);

    google.requests.length = 0;
    expect(await instances({ event_id: series()?.id }, 120)).toHaveLength(120);
    expect(google.requests.map((request) => request.query.get('maxResults'))).toEqual(['120', '20']);
  });

  it('refuses an empty range before calling Google', async () => {
    google = await startFakeGoogleCalendar({ recurring: 2 });
    await expect(
      instances({ event_id: series()?.id, time_min: '2026-03-10T00:00:00Z', time_max: '2026-03-09T00:00:00Z' }),
    ).rejects.toMatchObject({ kind: 'invalid_input', field: 'time_max' });
    expect(google.count()).toBe(0);
  });
});
