import { AuthInvalidError, InvalidInputError, isPluginDefinition } from '@mcpist/plugin-sdk';
import { expectAnnotationsFollowNames, expectToolTableCurrent, runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../test/fake-google-calendar.js';
import defaultExport, { plugin } from './index.js';

const urlOf = (input: Parameters<typeof fetch>[0]) =>
  String(input instanceof Request ? input.url : input instanceof URL ? input.href : input);

describe('google-calendar plugin definition', () => {
  it('is the branded default export, and its README lists the tools as the definition declares them', async () => {
    expect(isPluginDefinition(defaultExport)).toBe(true);
    expect(defaultExport).toBe(plugin);
    await expectToolTableCurrent(plugin, new URL('../README.md', import.meta.url));
  });

  it('marks the reads (list, get, freebusy, find) readOnly, and only deletions dangerous', () => {
    expectAnnotationsFollowNames(plugin, { readOnly: /^(list|get|freebusy|find)_/, dangerous: /^delete_/ });
  });
});

describe('google-calendar client', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  it('sends the bearer token and its user agent through ctx.fetch to the base URL', async () => {
    google = await startFakeGoogleCalendar({ events: 1 });
    const seen: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      seen.push(urlOf(input));
      return fetch(input, init);
    };
    const eventId = google.seed.events.get(google.seed.email)?.[0]?.id ?? '';
    await runTool(
      plugin,
      'get_event',
      { event_id: eventId },
      { baseUrl: `${google.url}/`, credential: google.token, fetch: countingFetch },
    );

    expect(seen).toEqual([`${google.url}/calendar/v3/calendars/primary/events/${eventId}`]);
    const headers = google.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ${google.token}`);
    expect(headers['user-agent']).toMatch(/^mcpist-plugin-google-calendar\/0\.1\.0 google-api-nodejs-client\//);
  });

  it('calls www.googleapis.com when no base URL override is given', async () => {
    const seen: string[] = [];
    const stubFetch: typeof fetch = async (input) => {
      seen.push(urlOf(input));
      return Response.json({ kind: 'calendar#calendarList', items: [] });
    };
    await runTool(plugin, 'list_calendars', {}, { credential: 'ya29.x', fetch: stubFetch });
    expect(seen).toEqual(['https://www.googleapis.com/calendar/v3/users/me/calendarList?maxResults=250']);
  });

  it('keeps a path prefix of the base URL (e.g. a proxy) on reads and writes', async () => {
    const seen: string[] = [];
    const stubFetch: typeof fetch = async (input, init) => {
      seen.push(`${init?.method} ${urlOf(input)}`);
      return Response.json({ kind: 'calendar#event', id: 'abc123', start: { date: '2026-03-10' } });
    };
    const options = { baseUrl: 'https://proxy.example.com/google', credential: 'ya29.x', fetch: stubFetch };
    await runTool(plugin, 'get_event', { event_id: 'abc123' }, options);
    await runTool(plugin, 'quick_add', { calendar_id: 'team@example.com', text: 'Standup 9am' }, options);
    expect(seen).toEqual([
      'GET https://proxy.example.com/google/calendar/v3/calendars/primary/events/abc123',
      'POST https://proxy.example.com/google/calendar/v3/calendars/team%40example.com/events/quickAdd?text=Standup%209am',
    ]);
  });

  it('refuses to call Google without a credential', async () => {
    google = await startFakeGoogleCalendar();
    const error = await runTool(plugin, 'list_calendars', {}, { baseUrl: google.url }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(AuthInvalidError);
    expect(error).toMatchObject({ kind: 'auth_invalid' });
    expect(google.count()).toBe(0);
  });

  it.each([
    ['list_events', { time_min: 'yesterday' }, 'time_min'],
    ['list_events', { time_min: '2026-03-10T09:00:00' }, 'time_min'],
    ['list_events', { order_by: 'startTime', single_events: false }, 'order_by'],
    ['list_events', { time_min: '2026-03-10T00:00:00Z', time_max: '2026-03-09T00:00:00Z' }, 'time_max'],
    ['list_events', { calendar_id: '..' }, 'calendar_id'],
    ['list_calendars', { min_access_role: 'admin' }, 'min_access_role'],
    ['list_calendars', { limit: 0 }, 'limit'],
    ['get_event', { event_id: '' }, 'event_id'],
    ['get_event', { event_id: '../x' }, 'event_id'],
    ['create_event', { summary: 'x', start: '2026-03-10', end: '2026-03-10T10:00:00Z' }, 'end'],
    ['create_event', { summary: 'x', start: '2026-03-10', end: '2026-03-10' }, 'end'],
    ['create_event', { summary: 'x', start: '2026-03-10T10:00', end: '2026-03-10T11:00' }, 'start'],
    ['create_event', { summary: 'x', start: '10am', end: '11am' }, 'start'],
    ['create_event', { summary: 'x', start: '2026-02-30', end: '2026-03-01' }, 'start'],
    ['create_event', { summary: 'x', start: '2026-03-10', end: '2026-03-11', attendees: ['ada'] }, 'attendees.0'],
    ['update_event', { event_id: 'abc123' }, undefined],
    ['freebusy_query', { time_min: '2026-03-10T00:00:00Z', time_max: '2026-03-10T00:00:00Z' }, 'time_max'],
    [
      'freebusy_query',
      { time_min: '2026-03-10T00:00:00Z', time_max: '2026-03-11T00:00:00Z', calendar_ids: [] },
      'calendar_ids',
    ],
    ['quick_add', { text: '   ' }, 'text'],
  ])('%s rejects %j as invalid input (%s) before any request', async (tool, input, field) => {
    google = await startFakeGoogleCalendar();
    const error = await runTool(plugin, tool, input, { baseUrl: google.url, credential: google.token }).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ kind: 'invalid_input', field });
    expect(google.count()).toBe(0);
  });
});
