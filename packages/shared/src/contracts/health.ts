import { z } from 'zod';

export const healthReply = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  migrationVersion: z.number().int(),
  catalogue: z.object({ version: z.string(), checksum: z.string() }),
  version: z.string(),
});
export type HealthReply = z.infer<typeof healthReply>;
