import { describe, expect, it } from 'vitest';
import { checkTimeZone, formatInstant, offsetMinutes, zonedInstant } from './zoned-time.js';

describe('zoned time', () => {
  it.each([
    ['2026-03-10', '09:00', 'Europe/Berlin', '2026-03-10T08:00:00.000Z'],
    ['2026-07-10', '09:00', 'Europe/Berlin', '2026-07-10T07:00:00.000Z'],
    // 29 March 2026: Berlin springs forward at 02:00 → 03:00.
    ['2026-03-29', '09:00', 'Europe/Berlin', '2026-03-29T07:00:00.000Z'],
    ['2026-03-10', '09:00', 'America/New_York', '2026-03-10T13:00:00.000Z'],
    ['2026-03-10', '09:30', 'Asia/Kolkata', '2026-03-10T04:00:00.000Z'],
    ['2026-03-10', '09:00', 'UTC', '2026-03-10T09:00:00.000Z'],
  ])('%s %s in %s is %s', (date, time, zone, expected) => {
    expect(new Date(zonedInstant(date, time, zone)).toISOString()).toBe(expected);
  });

  it('formats with the zone’s offset, or in UTC', () => {
    const instant = Date.parse('2026-03-10T08:00:00Z');
    expect(formatInstant(instant, 'Europe/Berlin')).toBe('2026-03-10T09:00:00+01:00');
    expect(formatInstant(instant, 'America/St_Johns')).toBe('2026-03-10T05:30:00-02:30');
    expect(formatInstant(instant)).toBe('2026-03-10T08:00:00Z');
    expect(offsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'Europe/London')).toBe(60);
  });

  it('refuses a time zone Intl does not know', () => {
    expect(() => checkTimeZone('Mars/Olympus', 'time_zone')).toThrow(expect.objectContaining({ field: 'time_zone' }));
  });
});
