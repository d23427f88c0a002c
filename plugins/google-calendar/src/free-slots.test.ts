import { describe, expect, it } from 'vitest';
import { findFreeSlots, type Interval, mergeIntervals, workingWindows } from './free-slots.js';

const at = (text: string) => Date.parse(text);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);
const MINUTE = 60_000;

describe('free slots', () => {
  it('merges overlapping and touching busy intervals', () => {
    expect(
      mergeIntervals([
        [30, 40],
        [0, 10],
        [10, 20],
        [35, 50],
      ]),
    ).toEqual([
      [0, 20],
      [30, 50],
    ]);
  });

  it('finds the earliest slot in each free stretch, on the quarter hour, skipping stretches too short', () => {
    const busy: Interval[] = [
      [at('2026-03-10T09:00Z'), at('2026-03-10T10:10Z')],
      [at('2026-03-10T10:30Z'), at('2026-03-10T11:00Z')], // 10:15–10:30 is too short for 30 minutes
      [at('2026-03-10T11:40Z'), at('2026-03-10T12:00Z')],
    ];
    const slots = findFreeSlots({
      windows: [[at('2026-03-10T09:00Z'), at('2026-03-10T13:00Z')]],
      busy,
      durationMs: 30 * MINUTE,
      stepMs: 15 * MINUTE,
      maxSlots: 10,
    });
    expect(slots.map((slot) => [iso(slot.start), iso(slot.end), iso(slot.freeUntil)])).toEqual([
      ['2026-03-10T11:00', '2026-03-10T11:30', '2026-03-10T11:40'],
      ['2026-03-10T12:00', '2026-03-10T12:30', '2026-03-10T13:00'],
    ]);
  });

  it('stops at maxSlots', () => {
    const windows: Interval[] = [0, 1, 2].map((day) => [day * 86_400_000, day * 86_400_000 + 3_600_000]);
    expect(findFreeSlots({ windows, busy: [], durationMs: MINUTE, stepMs: MINUTE, maxSlots: 2 })).toHaveLength(2);
  });

  it('builds working-hours windows on working days in the time zone, clipped to the range', () => {
    // Friday 6 March 10:00 Berlin to Tuesday 10 March 12:00 Berlin.
    const windows = workingWindows([at('2026-03-06T09:00Z'), at('2026-03-10T11:00Z')], {
      start: '09:00',
      end: '17:00',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
      timeZone: 'Europe/Berlin',
    });
    expect(windows.map(([start, end]) => [iso(start), iso(end)])).toEqual([
      ['2026-03-06T09:00', '2026-03-06T16:00'],
      ['2026-03-09T08:00', '2026-03-09T16:00'],
      ['2026-03-10T08:00', '2026-03-10T11:00'],
    ]);
  });
});
