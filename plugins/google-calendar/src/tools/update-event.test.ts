import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('update_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const updateEvent = (input: Record<string, unknown>) =>
    runTool(plugin, 'update_event', input, { baseUrl: google.url, credential: google.token }) as Promise<
      Record<string, unknown>
    >;

  it('PATCHes only the fields given and returns the updated event', async () => {
    google = await startFakeGoogleCalendar({ events: 2 });
    const event = google.seed.events.get(google.seed.email)?.[1];
    const record = await updateEvent({ event_id: event?.id, summary: 'Renamed', location: '' });

    const [request] = google.requests;
    expect(request).toMatchObject({ method: 'PATCH', path: `/calendar/v3/calendars/primary/events/${event?.id}` });
    expect(request?.body).toEqual({ summary: 'Renamed', location: '' });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({});
    expect(record).toMatchObject({
      id: event?.id,
      summary: 'Renamed',
      start: '2026-03-02T11:00:00Z',
      description: 'Agenda for item 2: review, decisions, next steps.',
    });
  });

  it('moves an event and replaces its guest list, telling the guests', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const event = google.seed.events.get(google.seed.email)?.[0];
    const record = await updateEvent({
      event_id: event?.id,
      start: '2026-03-03T09:00:00Z',
      end: '2026-03-03T10:30:00Z',
      attendees: ['grace@example.org'],
      send_updates: 'externalOnly',
    });

    expect(google.requests[0]?.query.get('sendUpdates')).toBe('externalOnly');
    expect(google.requests[0]?.body).toEqual({
      start: { dateTime: '2026-03-03T09:00:00Z' },
      end: { dateTime: '2026-03-03T10:30:00Z' },
      attendees: [{ email: 'grace@example.org' }],
    });
    expect(record).toMatchObject({
      start: '2026-03-03T09:00:00Z',
      end: '2026-03-03T10:30:00Z',
      attendees: 'ada@example.com (accepted), grace@example.org (needsAction)',
    });
  });
});
