/** The small phrase helpers the audit trail's wording files share. */
export type Fields = Record<string, unknown>;
export type Phrase = (e: { subject: string; before: Fields; after: Fields }) => string;

/** A short title (filters, headings) and the sentence (after the actor's name). */
export interface Wording {
  title: string;
  says: Phrase;
}

export const text = (value: unknown, fallback: string): string => (typeof value === 'string' && value !== '' ? value : fallback);

/** A yyyy-mm-dd calendar day as dd/mm/yyyy. */
export const auDay = (value: unknown, fallback: string): string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}` : fallback;
