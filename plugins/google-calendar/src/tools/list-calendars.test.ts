import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('list_calendars', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const listCalendars = (input: Record<string, unknown> = {}, maxRecords?: number) =>
    runTool(plugin, 'list_calendars', input, {
      baseUrl: google.url,
      credential: google.token,
      maxRecords,
    }) as Promise<Record<string, unknown>[]>;

  it('returns normalized records, primary first', async () => {
    google = await startFakeGoogleCalendar({ calendars: 2 });
    const records = await listCalendars();

    const [request] = google.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/calendar/v3/users/me/calendarList');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ maxResults: '250' });
    expect(records).toEqual([
      {
        id: 'ada@example.com',
        summary: 'ada@example.com',
        primary: true,
        access_role: 'owner',
        time_zone: 'Europe/London',
      },
      {
        id: google.seed.calendars[1]?.id,
        summary: 'Team 1',
        primary: false,
        access_role: 'writer',
        time_zone: 'Europe/London',
      },
      {
        id: google.seed.calendars[2]?.id,
        summary: 'Team 2',
        primary: false,
        access_role: 'reader',
        time_zone: 'Europe/London',
      },
    ]);
  });

  it('shows the user’s own name for a calendar when it has one', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1 });
    const team = google.seed.calendars[1];
    if (team) team.summaryOverride = 'My team';
    const records = await listCalendars();
    expect(records[1]).toMatchObject({ summary: 'My team' });
  });

  it('passes min_access_role and show_hidden to Google', async () => {
    google = await startFakeGoogleCalendar({ calendars: 4 });
    const hidden = google.seed.calendars[3];
    if (hidden) hidden.hidden = true;

    const writable = await listCalendars({ min_access_role: 'writer' });
    expect(google.requests[0]?.query.get('minAccessRole')).toBe('writer');
    expect(writable.map((record) => record.access_role)).toEqual(['owner', 'writer']);

    const all = await listCalendars({ show_hidden: true });
    expect(google.requests[1]?.query.get('showHidden')).toBe('true');
    expect(all).toHaveLength(5);
    expect(await listCalendars()).toHaveLength(4);
  });

  it('follows nextPageToken across pages: 300 calendars in 2 requests of 250', async () => {
    google = await startFakeGoogleCalendar({ calendars: 299 });
    const records = await listCalendars();

    expect(records).toHaveLength(300);
    expect(new Set(records.map((record) => record.id)).size).toBe(300);
    expect(google.requests.map((request) => [request.query.get('maxResults'), request.query.has('pageToken')])).toEqual(
      [
        ['250', false],
        ['250', true],
      ],
    );
  });

  it('stops at maxRecords, asking only for what is still wanted', async () => {
    google = await startFakeGoogleCalendar({ calendars: 599 });
    const records = await listCalendars({}, 300);

    expect(records).toHaveLength(300);
    expect(google.requests.map((request) => request.query.get('maxResults'))).toEqual(['250', '50']);
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listCalendars)).toBe(2);
  });

  it('honours a smaller limit from the caller', async () => {
    google = await startFakeGoogleCalendar({ calendars: 20 });
    const records = await listCalendars({ limit: 5 });
    expect(records).toHaveLength(5);
    expect(google.requests.map((request) => request.query.get('maxResults'))).toEqual(['5']);
  });
});
