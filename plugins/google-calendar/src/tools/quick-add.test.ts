import { runTool } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('quick_add', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  it('POSTs the text for Google to read and returns the created event', async () => {
    google = await startFakeGoogleCalendar();
    const record = await runTool(
      plugin,
      'quick_add',
      { text: 'Lunch with Grace at Noma Friday 12:30', send_updates: 'all' },
      { baseUrl: google.url, credential: google.token },
    );

    const [request] = google.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/calendar/v3/calendars/primary/events/quickAdd',
      body: undefined,
    });
    expect(Object.fromEntries(request?.query ?? [])).toEqual({
      text: 'Lunch with Grace at Noma Friday 12:30',
      sendUpdates: 'all',
    });
    const created = google.seed.events.get(google.seed.email)?.at(-1);
    expect(record).toMatchObject({
      id: created?.id,
      summary: 'Lunch with Grace at Noma Friday 12:30',
      start: created?.start.dateTime,
      end: created?.end.dateTime,
      status: 'confirmed',
    });
  });
});
