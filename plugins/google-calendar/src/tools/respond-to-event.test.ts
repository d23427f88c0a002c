import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('respond_to_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const respond = (input: Record<string, unknown>) =>
    runTool(plugin, 'respond_to_event', input, { baseUrl: google.url, credential: google.token }) as Promise<
      Record<string, unknown>
    >;
  const invitation = () => google.seed.events.get(google.seed.email)?.find((e) => e.summary === 'Invitation 1');

  it('reads the event, then PATCHes the guest list with only the user’s answer changed', async () => {
    google = await startFakeGoogleCalendar({ events: 1, invitations: 1 });
    const event = invitation();
    const record = await respond({
      event_id: event?.id,
      response: 'declined',
      comment: 'On leave',
      send_updates: 'all',
    });

    expect(google.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /calendar/v3/calendars/primary/events/${event?.id}`,
      `PATCH /calendar/v3/calendars/primary/events/${event?.id}`,
    ]);
    expect(google.requests[1]?.query.get('sendUpdates')).toBe('all');
    expect(google.requests[1]?.body).toEqual({
      attendees: [
        { email: 'organizer1@example.net', displayName: 'Organizer 1', organizer: true, responseStatus: 'accepted' },
        { email: 'ada@example.com', self: true, responseStatus: 'declined', comment: 'On leave' },
        { email: 'grace@example.org', responseStatus: 'tentative' },
      ],
    });
    expect(record).toMatchObject({
      id: event?.id,
      organizer: 'organizer1@example.net',
      attendees: 'organizer1@example.net (accepted), ada@example.com (declined), grace@example.org (tentative)',
    });
  });

  it('refuses an event the user organizes, without writing', async () => {
    google = await startFakeGoogleCalendar({ events: 4 });
    const own = google.seed.events.get(google.seed.email)?.[3];
    await expect(respond({ event_id: own?.id, response: 'accepted' })).rejects.toMatchObject({
      kind: 'invalid_input',
      field: 'event_id',
    });
    expect(google.count(GOOGLE_CALENDAR_ROUTES.patchEvent)).toBe(0);
  });

  it('refuses an answer that is not one of the three', async () => {
    google = await startFakeGoogleCalendar({ invitations: 1 });
    await expect(respond({ event_id: invitation()?.id, response: 'maybe' })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
    expect(google.count()).toBe(0);
  });
});
