import { z } from 'zod';
import { apiRoute } from './api-route.ts';

export const healthReply = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgresql']),
  migrationVersion: z.number().int(),
  catalogue: z.object({ version: z.string(), checksum: z.string() }),
  version: z.string(),
});
export type HealthReply = z.infer<typeof healthReply>;

export const systemApi = {
  health: apiRoute({ method: 'GET', path: '/health', access: 'public', tag: 'system', summary: 'Liveness, database kind and schema version', reply: healthReply }),
};
