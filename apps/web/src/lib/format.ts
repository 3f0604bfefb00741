const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function partsIn(date: Date, timeZone: string | undefined, withTime: boolean): Record<string, string> {
  const formatter = new Intl.DateTimeFormat('en-AU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hour12: false } : {}),
  });
  const result: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) result[part.type] = part.value;
  return result;
}

/**
 * Shows a date as dd/mm/yyyy. Calendar dates (yyyy-mm-dd) are shown as they are; timestamps are shown
 * in the organisation's time zone when one is given.
 */
export function formatDate(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  const match = isoDatePattern.exec(value);
  if (match) return `${match[3]}/${match[2]}/${match[1]}`;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = partsIn(date, timeZone, false);
  return `${parts.day}/${parts.month}/${parts.year}`;
}

/** Shows a timestamp as dd/mm/yyyy hh:mm (24-hour), in the organisation's time zone when given. */
export function formatDateTime(value: string | null | undefined, timeZone?: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = partsIn(date, timeZone, true);
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.day}/${parts.month}/${parts.year} ${hour}:${parts.minute}`;
}

/** Readiness scores arrive as percentages (0–100, one decimal); kept to one decimal place. */
export function toPercent(score: number): number {
  if (!Number.isFinite(score)) return 0;
  return Math.max(0, Math.min(100, Math.round(score * 10) / 10));
}

/** "1 item" / "3 items". */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}
