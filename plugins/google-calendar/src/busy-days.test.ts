import { describe, expect, it } from 'vitest';
import { busyDays } from './busy-days.js';

const at = (text: string) => Date.parse(text);

describe('busyDays', () => {
  it('merges overlapping intervals and lists each day once, in time order', () => {
    expect(
      busyDays(
        [
          [at('2026-03-03T13:00:00Z'), at('2026-03-03T14:00:00Z')],
          [at('2026-03-02T09:00:00Z'), at('2026-03-02T10:00:00Z')],
          [at('2026-03-02T09:30:00Z'), at('2026-03-02T10:30:00Z')],
          [at('2026-03-02T16:00:00Z'), at('2026-03-02T16:20:15Z')],
        ],
        'UTC',
      ),
    ).toEqual([
      { date: '2026-03-02', busy: '09:00-10:30 16:00-16:20:15' },
      { date: '2026-03-03', busy: '13:00-14:00' },
    ]);
  });

  it('splits an interval over several days at local midnights', () => {
    // 15:00 EST on Sunday 1 March to 21:00 EST on Tuesday 3 March.
    expect(busyDays([[at('2026-03-01T20:00:00Z'), at('2026-03-04T02:00:00Z')]], 'America/New_York')).toEqual([
      { date: '2026-03-01', busy: '15:00-24:00' },
      { date: '2026-03-02', busy: '00:00-24:00' },
      { date: '2026-03-03', busy: '00:00-21:00' },
    ]);
  });

  it('gives each time its offset on a day the clocks change, so no time is ambiguous', () => {
    // Berlin springs forward at 01:00 UTC on 29 March (02:00 → 03:00) and falls back at 01:00 UTC on 25 October.
    expect(
      busyDays(
        [
          [at('2026-03-29T00:30:00Z'), at('2026-03-29T02:00:00Z')],
          [at('2026-10-25T00:30:00Z'), at('2026-10-25T01:30:00Z')],
          [at('2026-10-26T08:00:00Z'), at('2026-10-26T09:00:00Z')],
        ],
        'Europe/Berlin',
      ),
    ).toEqual([
      { date: '2026-03-29', busy: '01:30+01:00-04:00+02:00' },
      { date: '2026-10-25', busy: '02:30+02:00-02:30+01:00' },
      { date: '2026-10-26', busy: '09:00-10:00' },
    ]);
  });

  it('returns nothing for no intervals', () => {
    expect(busyDays([], 'UTC')).toEqual([]);
  });
});
