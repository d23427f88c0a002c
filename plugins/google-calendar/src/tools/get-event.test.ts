import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('get_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const getEvent = (input: Record<string, unknown>) =>
    runTool(plugin, 'get_event', input, { baseUrl: google.url, credential: google.token });

  it('reads one event with its guests and organizer', async () => {
    google = await startFakeGoogleCalendar({ events: 4 });
    const event = google.seed.events.get(google.seed.email)?.[3];
    const record = await getEvent({ calendar_id: google.seed.email, event_id: event?.id });

    expect(google.requests[0]).toMatchObject({
      method: 'GET',
      path: `/calendar/v3/calendars/ada%40example.com/events/${event?.id}`,
    });
    expect(record).toEqual({
      id: event?.id,
      summary: 'Meeting 4',
      start: '2026-03-02T15:00:00Z',
      end: '2026-03-02T16:00:00Z',
      status: 'confirmed',
      html_link: event?.htmlLink,
      location: null,
      description: 'Agenda for item 4: review, decisions, next steps.',
      attendees: 'ada@example.com (accepted), guest4@example.com (needsAction), grace@example.org (needsAction)',
      organizer: 'ada@example.com',
      updated: event?.updated,
    });
  });

  it('fails as not found for an unknown event', async () => {
    google = await startFakeGoogleCalendar();
    const error = await getEvent({ event_id: 'doesnotexist1' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(google.requests[0]?.path).toBe('/calendar/v3/calendars/primary/events/doesnotexist1');
  });
});
