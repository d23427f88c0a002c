import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('move_event', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const move = (input: Record<string, unknown>) =>
    runTool(plugin, 'move_event', input, { baseUrl: google.url, credential: google.token }) as Promise<
      Record<string, unknown>
    >;

  it('POSTs to move with the destination, and the event is on the other calendar afterwards', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1, events: 2 });
    const event = google.seed.events.get(google.seed.email)?.[0];
    const team = google.seed.calendars[1]?.id ?? '';
    const record = await move({ event_id: event?.id, destination_calendar_id: team, send_updates: 'none' });

    expect(google.requests[0]).toMatchObject({
      method: 'POST',
      path: `/calendar/v3/calendars/primary/events/${event?.id}/move`,
    });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({ destination: team, sendUpdates: 'none' });
    expect(record).toMatchObject({ id: event?.id, summary: 'Meeting 1', organizer: team, calendar_id: team });
    expect(google.seed.events.get(team)?.map((moved) => moved.id)).toEqual([event?.id]);
    expect(google.seed.events.get(google.seed.email)?.map((left) => left.id)).not.toContain(event?.id);
  });

  it('passes on Google’s refusal of a calendar the user may only read', async () => {
    google = await startFakeGoogleCalendar({ calendars: 2, events: 1 });
    const readOnly = google.seed.calendars[2]?.id;
    await expect(
      move({ event_id: google.seed.events.get(google.seed.email)?.[0]?.id, destination_calendar_id: readOnly }),
    ).rejects.toMatchObject({ kind: 'upstream_permanent', status: 403 });
  });

  it('refuses moving onto the same calendar before calling Google', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    await expect(move({ event_id: 'abc123', destination_calendar_id: 'primary' })).rejects.toMatchObject({
      kind: 'invalid_input',
      field: 'destination_calendar_id',
    });
    expect(google.count(GOOGLE_CALENDAR_ROUTES.moveEvent)).toBe(0);
  });
});
