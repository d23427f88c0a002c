import { localParts, zonedInstant } from './zoned-time.js';

/**
 * The free-slot search behind find_free_slot: given everyone's busy
 * intervals, the earliest slots of the wanted length inside the search range
 * (and inside working hours, when given), one per free stretch, in time order.
 */

/** An interval in milliseconds since the epoch, end exclusive. */
export type Interval = readonly [start: number, end: number];

/** A slot found: `end` is `start` plus the duration; `freeUntil` is where the free stretch ends. */
export interface FreeSlot {
  start: number;
  end: number;
  freeUntil: number;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours as wall-clock times in a time zone. */
export interface WorkingHours {
  start: string;
  end: string;
  days: readonly Weekday[];
  timeZone: string;
}

const DAY_MS = 86_400_000;

/** Busy intervals sorted and merged where they touch or overlap. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The working-hours windows of every day that `range` touches, clipped to it. */
export function workingWindows(range: Interval, hours: WorkingHours): Interval[] {
  const windows: Interval[] = [];
  // Step through local days by noon UTC of each date, which never skips or repeats a date.
  const first = localParts(range[0], hours.timeZone).date;
  for (let noon = Date.parse(`${first}T12:00:00Z`); noon - DAY_MS < range[1]; noon += DAY_MS) {
    const date = new Date(noon).toISOString().slice(0, 10);
    const weekday = WEEKDAYS[(new Date(noon).getUTCDay() + 6) % 7] as Weekday;
    if (!hours.days.includes(weekday)) continue;
    const start = Math.max(range[0], zonedInstant(date, hours.start, hours.timeZone));
    const end = Math.min(range[1], zonedInstant(date, hours.end, hours.timeZone));
    if (end > start) windows.push([start, end]);
  }
  return windows;
}

/**
 * Up to `maxSlots` slots of `durationMs` in `windows` that avoid every busy
 * interval: the earliest start in each free stretch, rounded up to `stepMs`.
 */
export function findFreeSlots(options: {
  windows: readonly Interval[];
  busy: readonly Interval[];
  durationMs: number;
  stepMs: number;
  maxSlots: number;
}): FreeSlot[] {
  const busy = mergeIntervals(options.busy);
  const slots: FreeSlot[] = [];
  for (const [windowStart, windowEnd] of options.windows) {
    let cursor = windowStart;
    const blocks = [...busy.filter(([start, end]) => end > windowStart && start < windowEnd), [windowEnd, windowEnd]];
    for (const [busyStart, busyEnd] of blocks) {
      const freeEnd = Math.min(busyStart, windowEnd);
      const start = Math.ceil(cursor / options.stepMs) * options.stepMs;
      if (start + options.durationMs <= freeEnd) {
        slots.push({ start, end: start + options.durationMs, freeUntil: freeEnd });
        if (slots.length >= options.maxSlots) return slots;
      }
      cursor = Math.max(cursor, busyEnd);
    }
  }
  return slots;
}
