import { NotFoundError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { addBusyCalendar, type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('find_free_slot', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const find = (input: Record<string, unknown>) =>
    runTool(
      plugin,
      'find_free_slot',
      { time_min: '2026-03-02T08:00:00Z', time_max: '2026-03-02T18:00:00Z', duration_minutes: 60, ...input },
      { baseUrl: google.url, credential: google.token },
    ) as Promise<Record<string, unknown>[]>;

  it('asks free/busy for the user and the attendees, and returns the common free stretches', async () => {
    // The user: busy 09–10, 11–12, 13–14, 15–16 (UTC) with the seeded meetings.
    google = await startFakeGoogleCalendar({ events: 4 });
    addBusyCalendar(google, 'grace@example.org', [['2026-03-02T08:00:00Z', '2026-03-02T09:00:00Z']]);
    addBusyCalendar(google, 'alan@example.org', [['2026-03-02T14:00:00Z', '2026-03-02T14:45:00Z']]);
    const slots = await find({ attendees: ['grace@example.org', 'alan@example.org'], max_slots: 3 });

    expect(google.requests[0]).toMatchObject({ method: 'POST', path: '/calendar/v3/freeBusy' });
    expect(google.requests[0]?.body).toEqual({
      timeMin: '2026-03-02T08:00:00Z',
      timeMax: '2026-03-02T18:00:00Z',
      items: [{ id: 'primary' }, { id: 'grace@example.org' }, { id: 'alan@example.org' }],
    });
    expect(slots).toEqual([
      { start: '2026-03-02T10:00:00Z', end: '2026-03-02T11:00:00Z' },
      { start: '2026-03-02T12:00:00Z', end: '2026-03-02T13:00:00Z' },
      { start: '2026-03-02T16:00:00Z', end: '2026-03-02T17:00:00Z' },
    ]);
  });

  it('keeps to working hours in a time zone and answers in that zone', async () => {
    google = await startFakeGoogleCalendar({ events: 0 });
    addBusyCalendar(google, 'grace@example.org', [['2026-03-06T08:00:00Z', '2026-03-06T15:30:00Z']]);
    const slots = await find({
      attendees: ['grace@example.org'],
      include_self: false,
      time_min: '2026-03-06T00:00:00+01:00',
      time_max: '2026-03-10T00:00:00+01:00',
      duration_minutes: 30,
      working_hours: { start: '09:00', end: '17:00' },
      time_zone: 'Europe/Berlin',
    });

    expect(google.requests[0]?.body).toMatchObject({ items: [{ id: 'grace@example.org' }] });
    // Friday after Grace's day of meetings, then Monday morning: the weekend is skipped.
    expect(slots).toEqual([
      { start: '2026-03-06T16:30:00+01:00', end: '2026-03-06T17:00:00+01:00' },
      { start: '2026-03-09T09:00:00+01:00', end: '2026-03-09T09:30:00+01:00' },
    ]);
  });

  it('fails as not found when an attendee’s free/busy cannot be seen, rather than assume them free', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const error = await find({ attendees: ['stranger@example.net'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('stranger@example.net (notFound)');
  });

  it.each([
    ['an empty range', { time_max: '2026-03-02T08:00:00Z' }, 'time_max'],
    ['working hours that end before they start', { working_hours: { start: '17:00', end: '09:00' } }, 'working_hours'],
    ['an unknown time zone', { time_zone: 'Mars/Olympus' }, 'time_zone'],
  ])('refuses %s before calling Google', async (_case, input, field) => {
    google = await startFakeGoogleCalendar();
    await expect(find({ attendees: ['grace@example.org'], ...input })).rejects.toMatchObject({
      kind: 'invalid_input',
      field,
    });
    expect(google.count()).toBe(0);
  });
});
