import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('delete_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const deleteEvent = (input: Record<string, unknown>) =>
    runTool(plugin, 'delete_event', input, { baseUrl: google.url, credential: google.token });

  it('DELETEs the event and says so', async () => {
    google = await startFakeGoogleCalendar({ events: 2 });
    const event = google.seed.events.get(google.seed.email)?.[0];
    const record = await deleteEvent({ event_id: event?.id, send_updates: 'none' });

    expect(google.requests[0]).toMatchObject({
      method: 'DELETE',
      path: `/calendar/v3/calendars/primary/events/${event?.id}`,
      body: undefined,
    });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({ sendUpdates: 'none' });
    expect(record).toEqual({ id: event?.id, calendar_id: 'primary', deleted: true });
    expect(event?.status).toBe('cancelled');
  });

  it('fails as not found when the event was already deleted (410)', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const id = google.seed.events.get(google.seed.email)?.[0]?.id;
    await deleteEvent({ event_id: id });
    const error = await deleteEvent({ event_id: id }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 410 });
    expect(google.count(GOOGLE_CALENDAR_ROUTES.deleteEvent)).toBe(2);
  });
});
