import { NotFoundError, UpstreamTransientError } from '@mcpist/plugin-sdk';
import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import {
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

  it('POSTs the range and calendars and returns one record per busy interval', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1, events: 3 });
    const team = google.seed.calendars[1]?.id ?? '';
    const records = await freeBusy({ calendar_ids: ['primary', team, 'primary'], time_zone: 'Europe/London' });

    expect(google.requests[0]).toMatchObject({ method: 'POST', path: '/calendar/v3/freeBusy' });
    expect(google.requests[0]?.body).toEqual({
      timeMin: '2026-03-02T00:00:00Z',
      timeMax: '2026-03-02T12:00:00Z',
      timeZone: 'Europe/London',
      items: [{ id: 'primary' }, { id: team }],
    });
    expect(records).toEqual([
      { calendar: 'primary', start: '2026-03-02T09:00:00Z', end: '2026-03-02T10:00:00Z' },
      { calendar: 'primary', start: '2026-03-02T11:00:00Z', end: '2026-03-02T12:00:00Z' },
    ]);
  });

  it('checks the primary calendar by default', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    await freeBusy({});
    expect(google.requests[0]?.body).toMatchObject({ items: [{ id: 'primary' }] });
  });

  it('fails as not found rather than report an unreadable calendar as free', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const error = await freeBusy({ calendar_ids: ['primary', 'stranger@example.net'] }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain('stranger@example.net (notFound)');
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
    google = await startFakeGoogleCalendar({ events: 4 });
    expect(await freeBusy({ time_max: '2026-03-02T18:00:00Z' })).toHaveLength(4);
    expect(await freeBusy({ time_max: '2026-03-02T18:00:00Z' }, 2)).toHaveLength(2);
  });
});
