import { afterEach, describe, expect, it } from 'vitest';
import {
  backendError,
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from './fake-google-calendar.js';

// The core's end-to-end tests rely on this fake behaving like Google Calendar, so its contract is tested too.
describe('startFakeGoogleCalendar', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const call = (path: string, init: RequestInit & { token?: string | null } = {}) => {
    const { token = google.token, ...rest } = init;
    return fetch(`${google.url}${path}`, {
      ...rest,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    });
  };

  it.each([
    ['no authorization', null],
    ['a wrong token', 'ya29.wrong'],
  ])('answers 401 with Google’s error envelope for %s', async (_case, token) => {
    google = await startFakeGoogleCalendar();
    const response = await call('/calendar/v3/users/me/calendarList', { token });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await response.json()).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ domain: 'global', reason: 'authError' }] },
    });
  });

  it('pages with pageToken/nextPageToken and ends with nextSyncToken', async () => {
    google = await startFakeGoogleCalendar({ calendars: 299 });
    const first = (await (await call('/calendar/v3/users/me/calendarList?maxResults=1000')).json()) as {
      kind: string;
      items: unknown[];
      nextPageToken?: string;
    };
    expect(first.kind).toBe('calendar#calendarList');
    expect(first.items).toHaveLength(250);
    expect(first.nextPageToken).toEqual(expect.any(String));
    const last = (await (
      await call(`/calendar/v3/users/me/calendarList?maxResults=250&pageToken=${first.nextPageToken}`)
    ).json()) as Record<string, unknown>;
    expect(last.items).toHaveLength(50);
    expect(last).not.toHaveProperty('nextPageToken');
    expect(last.nextSyncToken).toEqual(expect.any(String));
    const bad = await call('/calendar/v3/users/me/calendarList?pageToken=nope');
    expect(bad.status).toBe(400);
  });

  it('serves documented calendar list and event shapes', async () => {
    google = await startFakeGoogleCalendar({ events: 5 });
    const list = (await (await call('/calendar/v3/users/me/calendarList')).json()) as { items: unknown[] };
    expect(list.items[0]).toMatchObject({
      kind: 'calendar#calendarListEntry',
      id: 'ada@example.com',
      summary: 'ada@example.com',
      timeZone: 'Europe/London',
      accessRole: 'owner',
      primary: true,
    });
    const events = (await (
      await call('/calendar/v3/calendars/primary/events?singleEvents=true&orderBy=startTime')
    ).json()) as Record<string, unknown> & { items: Array<Record<string, unknown>> };
    expect(events).toMatchObject({ kind: 'calendar#events', summary: 'ada@example.com', timeZone: 'Europe/London' });
    // Sorted by start: the all-day event of 2 March (the fifth) starts at midnight, before Meeting 1.
    expect(events.items[0]).toMatchObject({
      summary: 'Offsite day 5',
      start: { date: '2026-03-02' },
      end: { date: '2026-03-03' },
    });
    expect(events.items[1]).toMatchObject({
      kind: 'calendar#event',
      id: expect.stringMatching(/^[0-9a-v]{5,}$/),
      status: 'confirmed',
      htmlLink: expect.stringMatching(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/),
      summary: 'Meeting 1',
      start: { dateTime: '2026-03-02T09:00:00Z', timeZone: 'Europe/London' },
      end: { dateTime: '2026-03-02T10:00:00Z' },
      organizer: { email: 'ada@example.com', self: true },
    });
  });

  it('refuses orderBy=startTime without singleEvents, as Google does', async () => {
    google = await startFakeGoogleCalendar();
    const response = await call('/calendar/v3/calendars/primary/events?orderBy=startTime');
    expect(response.status).toBe(400);
  });

  it('answers free/busy with merged busy intervals and per-calendar errors', async () => {
    google = await startFakeGoogleCalendar({ events: 3 });
    const response = await call('/calendar/v3/freeBusy', {
      method: 'POST',
      body: JSON.stringify({
        timeMin: '2026-03-02T00:00:00Z',
        timeMax: '2026-03-03T00:00:00Z',
        items: [{ id: 'primary' }, { id: 'nobody@example.com' }],
      }),
    });
    expect(await response.json()).toEqual({
      kind: 'calendar#freeBusy',
      timeMin: '2026-03-02T00:00:00.000Z',
      timeMax: '2026-03-03T00:00:00.000Z',
      calendars: {
        primary: {
          busy: [
            { start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z' },
            { start: '2026-03-02T11:00:00Z', end: '2026-03-02T12:00:00Z' },
            { start: '2026-03-02T13:00:00Z', end: '2026-03-02T14:00:00Z' },
          ],
        },
        'nobody@example.com': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
      },
    });
  });

  it('lets a test override a route and restore it', async () => {
    google = await startFakeGoogleCalendar();
    google.route(GOOGLE_CALENDAR_ROUTES.listCalendars, () => backendError());
    expect((await call('/calendar/v3/users/me/calendarList')).status).toBe(500);
    google.restoreRoutes();
    expect((await call('/calendar/v3/users/me/calendarList')).status).toBe(200);
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listCalendars)).toBe(2);
  });
});
