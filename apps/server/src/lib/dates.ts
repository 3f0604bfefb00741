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
