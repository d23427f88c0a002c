import { InvalidInputError, NotFoundError, UpstreamTransientError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addBusyCalendar,
  type FakeGoogleCalendar,
  GOOGLE_CALENDAR_ROUTES,
  startFakeGoogleCalendar,
} from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('freebusy_query', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  const freeBusy = (input: Record<string, unknown>, maxRecords?: number) =>
    runTool(
      plugin,
      'freebusy_query',
      { time_min: '2026-03-02T00:00:00Z', time_max: '2026-03-02T12:00:00Z', ...input },
      { baseUrl: google.url, credential: google.token, maxRecords },
    );

  it('POSTs the range and calendars and returns one record per calendar and day, in local time', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1, events: 3 });
    const team = google.seed.calendars[1]?.id ?? '';
    const records = await freeBusy({ calendar_ids: ['primary', team, 'primary'], time_zone: 'Europe/Berlin' });

    expect(google.requests[0]).toMatchObject({ method: 'POST', path: '/calendar/v3/freeBusy' });
    expect(google.requests[0]?.body).toEqual({
      timeMin: '2026-03-02T00:00:00Z',
      timeMax: '2026-03-02T12:00:00Z',
      timeZone: 'Europe/Berlin',
      items: [{ id: 'primary' }, { id: team }],
    });
    // The meetings at 09:00 and 11:00 UTC; Berlin is an hour ahead in March. The team calendar is free.
    expect(records).toEqual([
      { calendar: 'primary', date: '2026-03-02', busy: '10:00-11:00 12:00-13:00', error: null },
    ]);
  });

  it('splits the busy times by calendar and local day, across midnight', async () => {
    google = await startFakeGoogleCalendar({ events: 0 });
    addBusyCalendar(google, 'edsger@example.com', [
      ['2026-03-02T08:00:00Z', '2026-03-02T09:30:00Z'],
      ['2026-03-02T22:00:00Z', '2026-03-03T07:15:00Z'],
    ]);
    addBusyCalendar(google, 'grace@example.org', [['2026-03-03T15:00:00Z', '2026-03-03T15:45:30Z']]);
    const records = await freeBusy({
      calendar_ids: ['edsger@example.com', 'grace@example.org'],
      time_max: '2026-03-04T00:00:00Z',
      time_zone: 'Europe/Berlin',
    });
    expect(records).toEqual([
      { calendar: 'edsger@example.com', date: '2026-03-02', busy: '09:00-10:30 23:00-24:00', error: null },
      { calendar: 'edsger@example.com', date: '2026-03-03', busy: '00:00-08:15', error: null },
      { calendar: 'grace@example.org', date: '2026-03-03', busy: '16:00-16:45:30', error: null },
    ]);
  });

  it('answers in UTC when no time zone is asked for', async () => {
    google = await startFakeGoogleCalendar({ events: 0 });
    addBusyCalendar(google, 'edsger@example.com', [['2026-03-02T08:00:00Z', '2026-03-02T09:30:00Z']]);
    const records = await freeBusy({ calendar_ids: ['edsger@example.com'] });
    expect(google.requests[0]?.body).not.toHaveProperty('timeZone');
    expect(records).toEqual([{ calendar: 'edsger@example.com', date: '2026-03-02', busy: '08:00-09:30', error: null }]);
  });

  it('refuses a time zone it does not know before asking Google', async () => {
    google = await startFakeGoogleCalendar({ events: 0 });
    const error = await freeBusy({ time_zone: 'Mars/Olympus' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(google.requests).toHaveLength(0);
  });

  it('checks the primary calendar by default', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    await freeBusy({});
    expect(google.requests[0]?.body).toMatchObject({ items: [{ id: 'primary' }] });
  });

  it('gives a calendar it cannot see a record with the error, never reports it as free', async () => {
    google = await startFakeGoogleCalendar({ events: 3 });
    const records = await freeBusy({ calendar_ids: ['primary', 'stranger@example.net'] });
    expect(records).toEqual([
      { calendar: 'primary', date: '2026-03-02', busy: '09:00-10:00 11:00-12:00', error: null },
      { calendar: 'stranger@example.net', date: null, busy: '', error: 'notFound' },
    ]);
  });

  it('fails as not found when no calendar can be read', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const error = await freeBusy({ calendar_ids: ['stranger@example.net', 'nobody@example.net'] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('stranger@example.net (notFound); nobody@example.net (notFound)');
  });

  it('reports a per-calendar backend error as transient', async () => {
    google = await startFakeGoogleCalendar();
    google.route(GOOGLE_CALENDAR_ROUTES.freeBusy, () => ({
      json: {
        kind: 'calendar#freeBusy',
        timeMin: '2026-03-02T00:00:00.000Z',
        timeMax: '2026-03-02T12:00:00.000Z',
        calendars: { primary: { errors: [{ domain: 'global', reason: 'backendError' }], busy: [] } },
      },
    }));
    await expect(freeBusy({})).rejects.toBeInstanceOf(UpstreamTransientError);
  });

  it('returns no more records than the limit', async () => {
    google = await startFakeGoogleCalendar({ events: 0 });
    const days = Array.from({ length: 4 }, (_, i): [string, string] => [
      `2026-03-0${2 + i}T09:00:00Z`,
      `2026-03-0${2 + i}T10:00:00Z`,
    ]);
    addBusyCalendar(google, 'edsger@example.com', days);
    const input = { calendar_ids: ['edsger@example.com'], time_max: '2026-03-06T00:00:00Z' };
    expect(await freeBusy(input)).toHaveLength(4);
    expect(await freeBusy(input, 2)).toHaveLength(2);
  });
});
