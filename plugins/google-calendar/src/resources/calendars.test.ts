import { completeArgument, readResource } from '@mcpist/plugin-sdk/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../../test/fake-google-calendar.js';
import { plugin } from '../index.js';

describe('google-calendar resources', () => {
  let google: FakeGoogleCalendar;
  afterEach(() => google?.close());

  it('lists the calendars as Markdown with their ids', async () => {
    google = await startFakeGoogleCalendar({ calendars: 2 });
    const contents = await readResource(plugin, 'google-calendar://calendars', {
      baseUrl: google.url,
      credential: google.token,
    });
    const text = (contents as { text: string }).text;
    expect(text.split('\n')[0]).toBe('# Calendars');
    expect(text).toContain('(primary)');
    expect(text.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(google.seed.calendars.length);
  });

  it('reads the next week of a calendar, asking Google for exactly that range', async () => {
    google = await startFakeGoogleCalendar({ calendars: 1 });
    const contents = await readResource(plugin, 'google-calendar://calendar/primary/upcoming', {
      baseUrl: google.url,
      credential: google.token,
    });
    expect((contents as { text: string }).text.split('\n')[0]).toBe('# Next 7 days of primary');
    const query = google.requests.at(-1)?.query;
    const from = Date.parse(query?.get('timeMin') ?? '');
    expect(Date.parse(query?.get('timeMax') ?? '') - from).toBe(7 * 86_400_000);
  });

  it('completes calendar ids from the account', async () => {
    google = await startFakeGoogleCalendar({ calendars: 2 });
    const values = await completeArgument(
      plugin,
      { template: 'upcoming' },
      { name: 'calendar_id', value: 'p' },
      {},
      { baseUrl: google.url, credential: google.token },
    );
    expect(values[0]).toBe('primary');
  });
});
