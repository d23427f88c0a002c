/**
 * Seed objects for the fake Google Calendar, shaped like the Calendar API v3
 * resources (`calendar#calendarListEntry`, `calendar#event`) as Google
 * documents and returns them, trimmed to the fields clients commonly read.
 * Everything is deterministic, so the same request always gets the same body.
 */

/** A reminder override, as in `defaultReminders` and `reminders.overrides`. */
export interface GoogleReminder {
  method: 'email' | 'popup';
  minutes: number;
}

/** One entry of the user's calendar list (`calendar#calendarListEntry`). */
export interface GoogleCalendarListEntry {
  kind: 'calendar#calendarListEntry';
  etag: string;
  id: string;
  summary: string;
  summaryOverride?: string;
  description?: string;
  timeZone: string;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  hidden?: boolean;
  selected: boolean;
  accessRole: 'freeBusyReader' | 'reader' | 'writer' | 'owner';
  defaultReminders: GoogleReminder[];
  notificationSettings?: { notifications: Array<{ type: string; method: 'email' }> };
  primary?: boolean;
  conferenceProperties: { allowedConferenceSolutionTypes: string[] };
}

/** `start` / `end` of an event: `date` for all-day events, else `dateTime` (RFC 3339 with offset). */
export interface GoogleEventDateTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export interface GooglePerson {
  email: string;
  displayName?: string;
  self?: boolean;
}

export interface GoogleAttendee extends GooglePerson {
  organizer?: boolean;
  responseStatus: 'needsAction' | 'declined' | 'tentative' | 'accepted';
  comment?: string;
}

/** One event (`calendar#event`). Deleted events stay, with `status: 'cancelled'`. */
export interface GoogleEvent {
  kind: 'calendar#event';
  etag: string;
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  htmlLink: string;
  created: string;
  updated: string;
  summary?: string;
  description?: string;
  location?: string;
  creator: GooglePerson;
  organizer: GooglePerson;
  start: GoogleEventDateTime;
  end: GoogleEventDateTime;
  transparency?: 'opaque' | 'transparent';
  /** RRULE/EXDATE lines of a recurring series, e.g. `["RRULE:FREQ=WEEKLY;COUNT=10"]`. */
  recurrence?: string[];
  iCalUID: string;
  sequence: number;
  attendees?: GoogleAttendee[];
  reminders: { useDefault: boolean; overrides?: GoogleReminder[] };
  eventType: 'default';
}

/** Access roles in order of power, for `minAccessRole` and write checks. */
export const ROLE_RANK = { freeBusyReader: 1, reader: 2, writer: 3, owner: 4 } as const;

/** Monday 2 March 2026, 09:00 UTC: the first seeded event starts here. */
export const SEED_EPOCH = Date.parse('2026-03-02T09:00:00Z');

/** A timestamp `hours` after the seed epoch, as Google writes `created`/`updated` (milliseconds, Z). */
export function seedTime(hours: number): string {
  return new Date(SEED_EPOCH + hours * 3_600_000).toISOString();
}

/** `dateTime` `hours` after the seed epoch, as Google writes event times (seconds, offset). */
export function seedDateTime(hours: number): string {
  return new Date(SEED_EPOCH + hours * 3_600_000).toISOString().replace('.000Z', 'Z');
}

/** Google event ids use base32hex (`0-9a-v`); this makes a stable, unique one per number. */
export function eventId(n: number): string {
  const body = n.toString(32).padStart(6, '0');
  return `${body}${(n * 7919).toString(32).padStart(6, '0')}k2m4o6q8s0u1`;
}

function etag(n: number): string {
  return `"${3_500_000_000_000_000 + n * 1000}"`;
}

/** The browser link Google puts in `htmlLink`: `eid` is base64 of "<event id> <calendar id>". */
export function eventLink(id: string, calendarId: string): string {
  const eid = Buffer.from(`${id} ${calendarId}`).toString('base64').replace(/=+$/, '');
  return `https://www.google.com/calendar/event?eid=${eid}`;
}

const COLORS = [
  ['1', '#ac725e'],
  ['7', '#42d692'],
  ['14', '#9fe1e7'],
  ['17', '#9a9cff'],
] as const;

/** A calendar list entry; `n` varies colour and etag. */
export function makeCalendarEntry(options: {
  n: number;
  id: string;
  summary: string;
  timeZone: string;
  accessRole: GoogleCalendarListEntry['accessRole'];
  primary?: boolean;
  description?: string;
  hidden?: boolean;
}): GoogleCalendarListEntry {
  const [colorId, backgroundColor] = COLORS[options.n % COLORS.length] ?? COLORS[0];
  const owner = options.accessRole === 'owner' || options.accessRole === 'writer';
  return {
    kind: 'calendar#calendarListEntry',
    etag: etag(options.n),
    id: options.id,
    summary: options.summary,
    ...(options.description ? { description: options.description } : {}),
    timeZone: options.timeZone,
    colorId,
    backgroundColor,
    foregroundColor: '#000000',
    ...(options.hidden ? { hidden: true } : {}),
    selected: true,
    accessRole: options.accessRole,
    defaultReminders: owner ? [{ method: 'popup', minutes: 10 }] : [],
    ...(options.primary
      ? {
          notificationSettings: {
            notifications: [
              { type: 'eventCreation', method: 'email' },
              { type: 'eventChange', method: 'email' },
              { type: 'eventCancellation', method: 'email' },
            ],
          },
          primary: true,
        }
      : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
  };
}

/** What `makeEvent` needs; times are Google `EventDateTime`s. */
export interface MakeEventOptions {
  n: number;
  calendarId: string;
  owner: string;
  summary?: string;
  description?: string;
  location?: string;
  start: GoogleEventDateTime;
  end: GoogleEventDateTime;
  attendees?: string[];
  created?: string;
  id?: string;
}

/** An event on `calendarId` organized by `owner`, as `events.get` returns it. */
export function makeEvent(options: MakeEventOptions): GoogleEvent {
  const id = options.id ?? eventId(options.n);
  const created = options.created ?? seedTime(-24 * 30 + options.n);
  const self = { email: options.owner, self: true };
  return {
    kind: 'calendar#event',
    etag: etag(options.n),
    id,
    status: 'confirmed',
    htmlLink: eventLink(id, options.calendarId),
    created,
    updated: created,
    ...(options.summary !== undefined ? { summary: options.summary } : {}),
    ...(options.description !== undefined ? { description: options.description } : {}),
    ...(options.location !== undefined ? { location: options.location } : {}),
    creator: self,
    organizer: self,
    start: options.start,
    end: options.end,
    iCalUID: `${id}@google.com`,
    sequence: 0,
    ...(options.attendees && options.attendees.length > 0
      ? {
          attendees: [
            { ...self, organizer: true, responseStatus: 'accepted' as const },
            ...options.attendees.map((email) => ({ email, responseStatus: 'needsAction' as const })),
          ],
        }
      : {}),
    reminders: { useDefault: true },
    eventType: 'default',
  };
}

/**
 * The n-th seeded event (1-based) of the primary calendar: one every two
 * hours from the seed epoch, an hour long; every fifth is all-day instead,
 * every third has a room, every fourth has two guests.
 */
export function seededEvent(n: number, calendarId: string, owner: string): GoogleEvent {
  const startHours = (n - 1) * 2;
  const allDay = n % 5 === 0;
  const day = seedDateTime(startHours).slice(0, 10);
  const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return makeEvent({
    n,
    calendarId,
    owner,
    summary: allDay ? `Offsite day ${n}` : `Meeting ${n}`,
    description: `Agenda for item ${n}: review, decisions, next steps.`,
    ...(n % 3 === 0 ? { location: `Room ${100 + (n % 20)}` } : {}),
    start: allDay ? { date: day } : { dateTime: seedDateTime(startHours), timeZone: 'Europe/London' },
    end: allDay ? { date: nextDay } : { dateTime: seedDateTime(startHours + 1), timeZone: 'Europe/London' },
    ...(n % 4 === 0 ? { attendees: [`guest${n}@example.com`, 'grace@example.org'] } : {}),
  });
}

/**
 * A weekly series on `calendarId` ("Weekly sync", Tuesdays 10:00–10:30 UTC
 * from 3 March 2026) with `count` occurrences.
 */
export function seededSeries(count: number, calendarId: string, owner: string): GoogleEvent {
  return {
    ...makeEvent({
      n: 900_000,
      calendarId,
      owner,
      summary: 'Weekly sync',
      location: 'Room 7',
      start: { dateTime: seedDateTime(25), timeZone: 'Europe/London' },
      end: { dateTime: seedDateTime(25.5), timeZone: 'Europe/London' },
      attendees: ['grace@example.org'],
    }),
    recurrence: [`RRULE:FREQ=WEEKLY;COUNT=${count}`],
  };
}

/**
 * The n-th invitation (1-based) on the user's calendar: an event organized by
 * someone else, with the user among the guests, not yet answered. One a day
 * at 14:00 UTC from the seed epoch.
 */
export function seededInvitation(n: number, calendarId: string, user: string): GoogleEvent {
  const organizer = { email: `organizer${n}@example.net`, displayName: `Organizer ${n}` };
  const event = makeEvent({
    n: 800_000 + n,
    calendarId,
    owner: organizer.email,
    summary: `Invitation ${n}`,
    start: { dateTime: seedDateTime(24 * (n - 1) + 5), timeZone: 'Europe/London' },
    end: { dateTime: seedDateTime(24 * (n - 1) + 6), timeZone: 'Europe/London' },
  });
  return {
    ...event,
    creator: organizer,
    organizer,
    attendees: [
      { ...organizer, organizer: true, responseStatus: 'accepted' },
      { email: user, self: true, responseStatus: 'needsAction' },
      { email: 'grace@example.org', responseStatus: 'tentative' },
    ],
  };
}

/** Milliseconds since epoch of an event boundary; all-day dates count from UTC midnight. */
export function instant(when: GoogleEventDateTime | undefined): number {
  if (when?.dateTime) return Date.parse(when.dateTime);
  if (when?.date) return Date.parse(`${when.date}T00:00:00Z`);
  return Number.NaN;
}
