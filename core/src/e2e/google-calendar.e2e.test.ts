import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { encode } from 'gpt-tokenizer/encoding/o200k_base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addBusyCalendar,
  backendError,
  type FakeGoogleCalendar,
  forbiddenRateLimit,
  GOOGLE_CALENDAR_ROUTES,
  rateLimited,
  startFakeGoogleCalendar,
} from '../../../plugins/google-calendar/test/fake-google-calendar.js';
import { ErrorCodes } from '../errors/error-codes.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Google Calendar plugin end to end: a real MCPist server discovers the
 * installed plugin, the official MCP client calls it, and the plugin's
 * googleapis client talks to a fake Google Calendar on loopback.
 */

const MODULE = 'google-calendar';
/** The credential key: the plugin declares no `auth.service`, so it is the module name. */
const SERVICE = 'google-calendar';
/** The call deadline for this plugin on `hub`: short, so a long Retry-After fails at once. */
const DEADLINE_MS = 15_000;
/** `limited`'s record limit: more than one page of calendars (250), less than all of them. */
const LIMIT = 275;

let google: FakeGoogleCalendar;
let hub: TestHub;
let limited: TestHub;
let client: Client;

type ToolResult = Awaited<ReturnType<Client['callTool']>>;

function call(tool: string, params: Record<string, unknown>, on: Client = client): Promise<ToolResult> {
  return on.callTool({ name: 'call', arguments: { module: MODULE, tool, params } });
}

function items(result: ToolResult): Array<Record<string, unknown>> {
  expect(result.isError, textOf(result)).toBeFalsy();
  return (result.structuredContent as { items: Array<Record<string, unknown>> }).items;
}

function errorCode(result: ToolResult): number | undefined {
  expect(result.isError).toBe(true);
  return (result.structuredContent as { error?: { code?: number } }).error?.code;
}

beforeAll(async () => {
  google = await startFakeGoogleCalendar({ calendars: 299, events: 700 });
  hub = await startTestHub({
    pluginSettings: { [MODULE]: { baseUrl: google.url, timeoutMs: DEADLINE_MS } },
  });
  await hub.setCredential(SERVICE, google.token);
  // The member role masks dangerous tools; these tests list and run delete_event too.
  await hub.grant(hub.userId, { modules: [MODULE] });
  limited = await startTestHub({
    runner: { maxRecords: LIMIT },
    pluginSettings: { [MODULE]: { baseUrl: google.url } },
  });
  await limited.setCredential(SERVICE, google.token);
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await limited?.close();
  await google?.close();
});

beforeEach(() => {
  google?.restoreRoutes();
});

describe('google-calendar through a running MCPist server', () => {
  it('lists its tools, with readOnly and dangerous, in get_module_schema', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: [MODULE] } });
    const schema = result.structuredContent as {
      modules: Array<{ module: string; tools: Array<{ name: string; readOnly: boolean; dangerous: boolean }> }>;
    };
    expect(schema.modules[0]?.module).toBe(MODULE);
    const flags = Object.fromEntries(
      (schema.modules[0]?.tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]),
    );
    expect(flags).toEqual({
      list_calendars: [true, false],
      list_events: [true, false],
      get_event: [true, false],
      create_event: [false, false],
      update_event: [false, false],
      delete_event: [false, true],
      freebusy_query: [true, false],
      quick_add: [false, false],
      list_event_instances: [true, false],
      respond_to_event: [false, false],
      move_event: [false, false],
      find_free_slot: [true, false],
    });
  });

  it('runs a read tool: get_event sends GET with the stored token and answers TOON', async () => {
    const event = google.seed.events.get(google.seed.email)?.[3];
    const result = await call('get_event', { event_id: event?.id });

    expect(result.isError, textOf(result)).toBeFalsy();
    const request = google.requests.at(-1);
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe(`/calendar/v3/calendars/primary/events/${event?.id}`);
    expect(request?.headers.authorization).toBe(`Bearer ${google.token}`);
    expect(textOf(result)).toContain(`id: ${event?.id}`);
    expect(result.structuredContent).toMatchObject({
      id: event?.id,
      summary: 'Meeting 4',
      start: '2026-03-02T15:00:00Z',
      attendees: expect.stringContaining('guest4@example.com (needsAction)'),
    });
  });

  it('runs write tools: create_event POSTs the event, update_event PATCHes, delete_event DELETEs', async () => {
    const created = await call('create_event', {
      summary: 'Quarterly planning',
      start: '2026-04-01T10:00:00+02:00',
      end: '2026-04-01T12:00:00+02:00',
      location: 'Room 7',
      attendees: ['grace@example.org'],
      send_updates: 'all',
    });
    expect(created.isError, textOf(created)).toBeFalsy();
    const post = google.requests.at(-1);
    expect(post).toMatchObject({ method: 'POST', path: '/calendar/v3/calendars/primary/events' });
    expect(post?.query.get('sendUpdates')).toBe('all');
    expect(post?.body).toEqual({
      summary: 'Quarterly planning',
      start: { dateTime: '2026-04-01T10:00:00+02:00' },
      end: { dateTime: '2026-04-01T12:00:00+02:00' },
      location: 'Room 7',
      attendees: [{ email: 'grace@example.org' }],
    });
    const id = (created.structuredContent as { id: string }).id;
    expect(google.seed.events.get(google.seed.email)?.some((event) => event.id === id)).toBe(true);

    const updated = await call('update_event', { event_id: id, summary: 'Quarterly planning (moved)' });
    expect(updated.isError, textOf(updated)).toBeFalsy();
    expect(google.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/calendar/v3/calendars/primary/events/${id}`,
      body: { summary: 'Quarterly planning (moved)' },
    });
    expect(updated.structuredContent).toMatchObject({ id, summary: 'Quarterly planning (moved)', location: 'Room 7' });

    const deleted = await call('delete_event', { event_id: id });
    expect(deleted.structuredContent).toEqual({ id, calendar_id: 'primary', deleted: true });
    expect(google.requests.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/calendar/v3/calendars/primary/events/${id}`,
    });
  });

  it('freebusy_query: one POST, one row per calendar and day in the asked time zone, an unreadable calendar named', async () => {
    addBusyCalendar(google, 'edsger@example.com', [
      ['2026-05-04T07:00:00Z', '2026-05-04T08:30:00Z'],
      ['2026-05-04T12:00:00Z', '2026-05-04T13:00:00Z'],
      ['2026-05-05T21:00:00Z', '2026-05-06T06:00:00Z'],
    ]);
    const before = google.requests.length;
    const result = await call('freebusy_query', {
      time_min: '2026-05-04T00:00:00+02:00',
      time_max: '2026-05-07T00:00:00+02:00',
      calendar_ids: ['edsger@example.com', 'stranger@example.net'],
      time_zone: 'Europe/Berlin',
    });

    expect(google.requests.slice(before)).toHaveLength(1);
    expect(google.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/calendar/v3/freeBusy',
      body: {
        timeMin: '2026-05-04T00:00:00+02:00',
        timeMax: '2026-05-07T00:00:00+02:00',
        timeZone: 'Europe/Berlin',
        items: [{ id: 'edsger@example.com' }, { id: 'stranger@example.net' }],
      },
    });
    // Berlin is UTC+2 in May; the night from Tuesday to Wednesday is split at midnight.
    expect(textOf(result)).toBe(
      [
        'items[4]{calendar,date,busy,error}:',
        '  edsger@example.com,2026-05-04,"09:00-10:30 14:00-15:00",null',
        '  edsger@example.com,2026-05-05,"23:00-24:00",null',
        '  edsger@example.com,2026-05-06,"00:00-08:00",null',
        '  stranger@example.net,null,"",notFound',
      ].join('\n'),
    );
  });

  it('follows pages: 300 calendars come back from two requests of up to 250', async () => {
    const before = google.count(GOOGLE_CALENDAR_ROUTES.listCalendars);
    const calendars = items(await call('list_calendars', {}));

    expect(calendars).toHaveLength(300);
    expect(new Set(calendars.map((calendar) => calendar.id)).size).toBe(300);
    expect(calendars[0]).toEqual({
      id: google.seed.email,
      summary: google.seed.email,
      primary: true,
      access_role: 'owner',
      time_zone: 'Europe/London',
    });
    expect(google.count(GOOGLE_CALENDAR_ROUTES.listCalendars) - before).toBe(2);
  });

  it('stops at the server’s record limit: 500 of 700 events by default', async () => {
    const events = items(await call('list_events', {}));
    expect(events).toHaveLength(500);
    expect(google.requests.at(-1)?.query.get('maxResults')).toBe('500');
  });

  it(`returns exactly runner.maxRecords (${LIMIT}) and requests no page beyond it`, async () => {
    const other = await limited.connect();
    const before = google.requests.length;
    const calendars = items(await call('list_calendars', {}, other));
    const events = items(await call('list_events', {}, other));

    expect(calendars).toHaveLength(LIMIT);
    expect(events).toHaveLength(LIMIT);
    const asked = google.requests.slice(before).map((request) => `${request.path} ${request.query.get('maxResults')}`);
    expect(asked).toEqual([
      '/calendar/v3/users/me/calendarList 250',
      `/calendar/v3/users/me/calendarList ${LIMIT - 250}`,
      `/calendar/v3/calendars/primary/events ${LIMIT}`,
    ]);
  });

  describe('upstream errors become MCPist error codes', () => {
    it('401 → 1003 UNAUTHORIZED', async () => {
      const bob = await hub.issueToken('bob@example.com');
      await hub.setCredential(SERVICE, 'ya29.revoked-token', { userId: bob.userId });
      const result = await call('list_calendars', {}, await hub.connect({ token: bob.token }));

      expect(errorCode(result)).toBe(ErrorCodes.UNAUTHORIZED);
      expect(textOf(result)).not.toContain('ya29.revoked-token');
    });

    it('404 → 3001 EXTERNAL_API_ERROR', async () => {
      const result = await call('get_event', { event_id: 'nosuchevent1' });
      expect(errorCode(result)).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      expect(textOf(result)).toMatch(/^error\[1\]\{code,message\}:\n {2}3001,/);
    });

    it('429 with a Retry-After beyond the deadline → 3003 RATE_LIMITED at once', async () => {
      google.route(GOOGLE_CALENDAR_ROUTES.listEvents, () => rateLimited(30));
      const before = google.count(GOOGLE_CALENDAR_ROUTES.listEvents);
      const result = await call('list_events', {});

      expect(errorCode(result)).toBe(ErrorCodes.RATE_LIMITED);
      expect(result.structuredContent).toMatchObject({ error: { data: { retry_after_ms: 30_000 } } });
      expect(google.count(GOOGLE_CALENDAR_ROUTES.listEvents) - before).toBe(1);
    });

    it('429 with a short Retry-After → waits and succeeds', async () => {
      let answered = 0;
      google.route(GOOGLE_CALENDAR_ROUTES.listCalendars, () => {
        answered += 1;
        return answered === 1
          ? rateLimited(1)
          : { json: { kind: 'calendar#calendarList', items: google.seed.calendars.slice(0, 2) } };
      });
      const calendars = items(await call('list_calendars', { limit: 2 }));
      expect(calendars.map((calendar) => calendar.id)).toEqual(google.seed.calendars.slice(0, 2).map((c) => c.id));
      expect(answered).toBe(2);
    });

    it('403 userRateLimitExceeded → 3003 RATE_LIMITED after backing off', async () => {
      google.route(GOOGLE_CALENDAR_ROUTES.freeBusy, () => forbiddenRateLimit('userRateLimitExceeded'));
      const result = await call('freebusy_query', {
        time_min: '2026-03-02T00:00:00Z',
        time_max: '2026-03-03T00:00:00Z',
      });
      expect(errorCode(result)).toBe(ErrorCodes.RATE_LIMITED);
    });

    it('500 → 3001 EXTERNAL_API_ERROR after retries of a read; a write is not retried', async () => {
      google.route(GOOGLE_CALENDAR_ROUTES.listEvents, () => backendError());
      const reads = google.count(GOOGLE_CALENDAR_ROUTES.listEvents);
      const read = await call('list_events', {});
      expect(errorCode(read)).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      expect(read.structuredContent).toMatchObject({ error: { data: { status: 500 } } });
      expect(google.count(GOOGLE_CALENDAR_ROUTES.listEvents) - reads).toBe(3);

      google.route(GOOGLE_CALENDAR_ROUTES.insertEvent, () => backendError());
      const writes = google.count(GOOGLE_CALENDAR_ROUTES.insertEvent);
      const write = await call('create_event', { summary: 'x', start: '2026-04-02', end: '2026-04-03' });
      expect(errorCode(write)).toBe(ErrorCodes.EXTERNAL_API_ERROR);
      expect(google.count(GOOGLE_CALENDAR_ROUTES.insertEvent) - writes).toBe(1);
    });
  });

  it('TOON output of 50 events takes at least 40% fewer tokens than Google’s JSON', async () => {
    const result = await call('list_events', { limit: 50 });
    expect(items(result)).toHaveLength(50);
    const toon = textOf(result);
    expect(toon).toMatch(/^items\[50\]\{id,summary,start,end,status,html_link,location\}:/);

    // The fake is deterministic: asking it again for the same page returns the very body the plugin received.
    const request = google.requests.at(-1);
    expect(request?.query.get('maxResults')).toBe('50');
    const raw = await (
      await fetch(`${google.url}${request?.path}?${request?.query}`, {
        headers: { authorization: `Bearer ${google.token}` },
      })
    ).text();
    expect((JSON.parse(raw) as { items: unknown[] }).items).toHaveLength(50);

    const rawTokens = encode(raw).length;
    const toonTokens = encode(toon).length;
    const savings = 1 - toonTokens / rawTokens;
    console.info(`TOON savings google-calendar: ${Math.round(savings * 100)}% (${rawTokens} → ${toonTokens} tokens)`);
    expect(savings).toBeGreaterThanOrEqual(0.4);
  });
});
