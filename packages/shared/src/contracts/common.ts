import { z } from 'zod';

/** The error envelope every failed request returns. */
export const errorEnvelope = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

export const uuidParam = z.uuid({ message: 'must be a valid id' });

/**
 * A calendar date as yyyy-mm-dd (the UI shows dd/mm/yyyy), in the years 1900 to 2999: PostgreSQL
 * refuses year 0000, and a "to" filter of 9999-12-31 overflows when a day is added.
 */
export const isoDate = z.iso
  .date({ message: 'must be a date (yyyy-mm-dd)' })
  .refine((value) => value >= '1900-01-01' && value <= '2999-12-31', { message: 'must be a date between the years 1900 and 2999' });

/**
 * The version of a record as the editor read it. An update carries it; when someone else saved the
 * record in between, the update is refused with 409 and the current record, and nothing is lost.
 */
export const recordVersion = z.number({ message: 'must be the version number of the record you edited' }).int().min(0).max(2_147_483_647);

export const okReply = z.object({ ok: z.literal(true) });

/** Line breaks (including Unicode line and paragraph separators) and other control characters. */
const controlCharacters = /[\p{Cc}\u2028\u2029]/u;

/**
 * A name (of a person or an organisation): trimmed, on one line, without control characters. Names
 * are printed in e-mail subjects and bodies, logs and exports, where a line break could forge a line.
 */
export function singleLineName(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !controlCharacters.test(value), { message: 'must be on one line, without line breaks or control characters' });
}
