import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addBusyCalendar,
  type FakeGoogleCalendar,
  startFakeGoogleCalendar,
} from '../../../plugins/google-calendar/test/fake-google-calendar.js';
import { startTestHub, type TestHub, textOf } from '../test-support/test-hub.js';

/**
 * The Google Calendar tools of issue 17 end to end: a running MCPist server,
 * the official MCP client, googleapis and a fake Calendar API on loopback.
 * Each test checks what reached Google and what came back. None of these
 * tools is dangerous, so the default member role runs them all.
 */

const MODULE = 'google-calendar';

let google: FakeGoogleCalendar;
let hub: TestHub;
let client: Client;

type Result = Awaited<ReturnType<Client['callTool']>>;

async function call(tool: string, params: Record<string, unknown>): Promise<Result> {
  const result = await client.callTool({ name: 'call', arguments: { module: MODULE, tool, params } });
  expect(result.isError, textOf(result)).toBeFalsy();
  return result;
}

const primary = () => google.seed.events.get(google.seed.email) ?? [];

beforeAll(async () => {
  google = await startFakeGoogleCalendar({ calendars: 2, events: 4, recurring: 6, invitations: 1 });
  hub = await startTestHub({ pluginSettings: { [MODULE]: { baseUrl: google.url } } });
  await hub.setCredential(MODULE, google.token);
  // Only the default member role: what it may run is what a new user gets.
  client = await hub.connect();
});

afterAll(async () => {
  await hub?.close();
  await google?.close();
});

beforeEach(() => {
  google.requests.length = 0;
});

describe('google-calendar depth tools through a running MCPist server', () => {
  it('lists the new tools for a member, none of them dangerous', async () => {
    const result = await client.callTool({ name: 'get_module_schema', arguments: { modules: [MODULE] } });
    const tools = (result.structuredContent as { modules: Array<{ tools: Array<Record<string, unknown>> }> }).modules[0]
      ?.tools;
    const flags = Object.fromEntries((tools ?? []).map((tool) => [tool.name, [tool.readOnly, tool.dangerous]]));
    expect(flags).toMatchObject({
      respond_to_event: [false, false],
      list_event_instances: [true, false],
      move_event: [false, false],
      find_free_slot: [true, false],
    });
  });

  it('respond_to_event: GET, then PATCH of the guest list with only the user’s answer changed', async () => {
    const invitation = primary().find((event) => event.summary === 'Invitation 1');
    const result = await call('respond_to_event', { event_id: invitation?.id, response: 'tentative' });

    expect(google.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /calendar/v3/calendars/primary/events/${invitation?.id}`,
      `PATCH /calendar/v3/calendars/primary/events/${invitation?.id}`,
    ]);
    expect(google.requests[1]?.body).toEqual({
      attendees: [
        { email: 'organizer1@example.net', displayName: 'Organizer 1', organizer: true, responseStatus: 'accepted' },
        { email: 'ada@example.com', self: true, responseStatus: 'tentative' },
        { email: 'grace@example.org', responseStatus: 'tentative' },
      ],
    });
    expect(result.structuredContent).toMatchObject({
      id: invitation?.id,
      summary: 'Invitation 1',
      attendees: 'organizer1@example.net (accepted), ada@example.com (tentative), grace@example.org (tentative)',
    });
  });

  it('list_event_instances: GET of the series’ instances, one record per occurrence', async () => {
    const series = primary().find((event) => event.recurrence);
    const result = await call('list_event_instances', { event_id: series?.id, time_max: '2026-03-20T00:00:00Z' });

    expect(google.requests[0]).toMatchObject({
      method: 'GET',
      path: `/calendar/v3/calendars/primary/events/${series?.id}/instances`,
    });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({
      timeMax: '2026-03-20T00:00:00Z',
      maxResults: '500',
    });
    expect(textOf(result)).toMatch(/^items\[3\]\{id,summary,start,end,status,html_link,location\}:/);
    const items = (result.structuredContent as { items: Array<Record<string, unknown>> }).items;
    expect(items.map((item) => [item.id, item.start])).toEqual([
      [`${series?.id}_20260303T100000Z`, '2026-03-03T10:00:00Z'],
      [`${series?.id}_20260310T100000Z`, '2026-03-10T10:00:00Z'],
      [`${series?.id}_20260317T100000Z`, '2026-03-17T10:00:00Z'],
    ]);
  });

  it('move_event: POST to move with the destination; the event is then on the team calendar', async () => {
    const event = primary()[0];
    const team = google.seed.calendars[1]?.id ?? '';
    const result = await call('move_event', { event_id: event?.id, destination_calendar_id: team });

    expect(google.requests[0]).toMatchObject({
      method: 'POST',
      path: `/calendar/v3/calendars/primary/events/${event?.id}/move`,
    });
    expect(Object.fromEntries(google.requests[0]?.query ?? [])).toEqual({ destination: team });
    expect(result.structuredContent).toMatchObject({
      id: event?.id,
      summary: 'Meeting 1',
      calendar_id: team,
      organizer: team,
    });
    expect(google.seed.events.get(team)?.map((moved) => moved.id)).toContain(event?.id);
  });

  it('find_free_slot: one free/busy POST for everyone, the common free slots back', async () => {
    addBusyCalendar(google, 'grace@example.org', [['2026-03-02T10:00:00Z', '2026-03-02T12:00:00Z']]);
    const result = await call('find_free_slot', {
      attendees: ['grace@example.org'],
      time_min: '2026-03-02T09:00:00+01:00',
      time_max: '2026-03-02T18:00:00+01:00',
      duration_minutes: 45,
      working_hours: { start: '09:00', end: '17:00' },
      time_zone: 'Europe/Berlin',
      max_slots: 2,
    });

    expect(google.requests).toHaveLength(1);
    expect(google.requests[0]).toMatchObject({ method: 'POST', path: '/calendar/v3/freeBusy' });
    expect(google.requests[0]?.body).toEqual({
      timeMin: '2026-03-02T09:00:00+01:00',
      timeMax: '2026-03-02T18:00:00+01:00',
      items: [{ id: 'primary' }, { id: 'grace@example.org' }],
    });
    // Berlin is UTC+1: the user's meetings at 09, 11, 13 and 15 UTC (Meeting 1 moved away), Grace 10–12 UTC.
    expect((result.structuredContent as { items: unknown[] }).items).toEqual([
      { start: '2026-03-02T09:00:00+01:00', end: '2026-03-02T09:45:00+01:00' },
      { start: '2026-03-02T13:00:00+01:00', end: '2026-03-02T13:45:00+01:00' },
    ]);
  });
});
