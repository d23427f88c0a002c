import { UpstreamPermanentError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('create_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const createEvent = (input: Record<string, unknown>) =>
    runTool(plugin, 'create_event', input, { baseUrl: google.url, credential: google.token });

  it('POSTs the event as JSON and returns the created record', async () => {
    google = await startFakeGoogleCalendar();
    const record = await createEvent({
      summary: 'Design review',
      start: '2026-03-10T14:00:00+01:00',
      end: '2026-03-10T15:00:00+01:00',
      description: 'Walk through the new onboarding flow.',
      location: 'Room 4.01',
      attendees: ['grace@example.org', 'alan@example.com'],
      send_updates: 'all',
    });

    expect(google.requests).toHaveLength(1);
    const [request] = google.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/calendar/v3/calendars/primary/events' });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ sendUpdates: 'all' });
    expect(request?.headers['content-type']).toMatch(/^application\/json/);
    expect(request?.body).toEqual({
      summary: 'Design review',
      start: { dateTime: '2026-03-10T14:00:00+01:00' },
      end: { dateTime: '2026-03-10T15:00:00+01:00' },
      description: 'Walk through the new onboarding flow.',
      location: 'Room 4.01',
      attendees: [{ email: 'grace@example.org' }, { email: 'alan@example.com' }],
    });
    const created = google.seed.events.get(google.seed.email)?.at(-1);
    expect(record).toEqual({
      id: created?.id,
      summary: 'Design review',
      start: '2026-03-10T14:00:00+01:00',
      end: '2026-03-10T15:00:00+01:00',
      status: 'confirmed',
      html_link: created?.htmlLink,
      location: 'Room 4.01',
      description: 'Walk through the new onboarding flow.',
      attendees: 'ada@example.com (accepted), grace@example.org (needsAction), alan@example.com (needsAction)',
      organizer: 'ada@example.com',
      updated: created?.updated,
    });
  });

  it('sends an all-day event as dates and a wall-clock time with its zone', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1 });
    const team = google.seed.calendars[1]?.id ?? '';
    await createEvent({ calendar_id: team, summary: 'Offsite', start: '2026-03-10', end: '2026-03-12' });
    await createEvent({
      summary: 'Call',
      start: '2026-03-10T09:30',
      end: '2026-03-10T10:00',
      time_zone: 'Europe/Berlin',
    });

    expect(google.requests[0]?.path).toBe(`/calendar/v3/calendars/${encodeURIComponent(team)}/events`);
    expect(google.requests[0]?.body).toEqual({
      summary: 'Offsite',
      start: { date: '2026-03-10' },
      end: { date: '2026-03-12' },
    });
    expect(google.requests[1]?.body).toEqual({
      summary: 'Call',
      start: { dateTime: '2026-03-10T09:30:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2026-03-10T10:00:00', timeZone: 'Europe/Berlin' },
    });
    expect(google.count(GOOGLE_CALENDAR_ROUTES.insertEvent)).toBe(2);
  });

  it('fails for good on a calendar the user may only read', async () => {
    google = await startFakeGoogleCalendar({ calendars: 2 });
    const readOnly = google.seed.calendars[2];
    expect(readOnly?.accessRole).toBe('reader');
    const error = await createEvent({
      calendar_id: readOnly?.id,
      summary: 'Nope',
      start: '2026-03-10',
      end: '2026-03-11',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamPermanentError);
    expect(error).toMatchObject({ status: 403 });
  });
});
