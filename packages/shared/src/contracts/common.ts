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

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
};

/** Wraps a list item schema into the paginated reply every list endpoint returns. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

export const okReply = z.object({ ok: z.literal(true) });
