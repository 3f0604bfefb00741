// Building a DateTimeFormat for a time zone costs far more than formatting with it (about 0.3 ms, on
// every gap-analysis request), so keep one per zone; there are only a few hundred IANA zones.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar date (yyyy-mm-dd) in an IANA time zone. */
export function todayIn(timeZone: string, now: Date): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format.format(now);
}

/** dd/mm/yyyy for e-mails and exports. */
export function formatAuDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

export function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far a time zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day (yyyy-mm-dd) begins in a time zone: midnight in Sydney on 01/03/2027 is
 * 13:00 UTC the day before. Filters on dates a person typed use this, never UTC midnight.
 */
export function startOfDayIn(isoDate: string, timeZone: string): Date {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  const midnightUtc = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  const first = midnightUtc - zoneOffsetMs(midnightUtc, timeZone);
  const second = midnightUtc - zoneOffsetMs(first, timeZone);
  return new Date(second);
}

/** The calendar day after a yyyy-mm-dd date. */
export function nextDay(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, (day ?? 1) + 1)).toISOString().slice(0, 10);
}

/**
 * An instant as the wall clock of a time zone, carried in a Date's UTC fields (a spreadsheet
 * date-time has no zone): 01:30 UTC is 12:30 the same day in Sydney in summer.
 */
export function wallClockIn(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
}

/** The instant a wall-clock time (in a Date's UTC fields) happens in a time zone; the inverse of `wallClockIn`. */
export function instantOfWallClock(wall: Date, timeZone: string): Date {
  const first = wall.getTime() - zoneOffsetMs(wall.getTime(), timeZone);
  return new Date(wall.getTime() - zoneOffsetMs(first, timeZone));
}
