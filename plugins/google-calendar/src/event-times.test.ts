import { InvalidInputError } from '@mcpist/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { eventTimes } from './event-times.js';

describe('eventTimes', () => {
  it.each([
    [
      'dates for an all-day event',
      { start: '2026-03-10', end: '2026-03-11' },
      { start: { date: '2026-03-10' }, end: { date: '2026-03-11' } },
    ],
    [
      'date-times with offsets',
      { start: '2026-03-10T09:00:00+01:00', end: '2026-03-10T10:00:00+01:00' },
      { start: { dateTime: '2026-03-10T09:00:00+01:00' }, end: { dateTime: '2026-03-10T10:00:00+01:00' } },
    ],
    [
      'wall-clock times with a time zone, seconds added',
      { start: '2026-03-10T09:30', end: '2026-03-10T10:00:00', time_zone: 'Europe/Berlin' },
      {
        start: { dateTime: '2026-03-10T09:30:00', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2026-03-10T10:00:00', timeZone: 'Europe/Berlin' },
      },
    ],
    ['only an end (a patch)', { end: '2026-03-10T11:00:00Z' }, { end: { dateTime: '2026-03-10T11:00:00Z' } }],
    ['nothing', {}, {}],
  ])('converts %s', (_case, input, expected) => {
    expect(eventTimes(input)).toEqual(expected);
  });

  it.each([
    ['a date with a date-time', { start: '2026-03-10', end: '2026-03-10T10:00:00Z' }, 'end'],
    ['a one-day event ending the same day', { start: '2026-03-10', end: '2026-03-10' }, 'end'],
    ['an end before the start', { start: '2026-03-10T10:00:00Z', end: '2026-03-10T10:00:00+01:00' }, 'end'],
    ['a time without offset or time zone', { start: '2026-03-10T10:00:00', end: '2026-03-10T11:00:00Z' }, 'start'],
  ])('refuses %s', (_case, input, field) => {
    const error = (() => {
      try {
        return eventTimes(input);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field });
  });
});
