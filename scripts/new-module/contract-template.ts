import type { ModuleNames } from './names.ts';

/** packages/shared/src/contracts/<name>.ts: the module's shapes and operations. */
export function contractTemplate(n: ModuleNames): string {
  return `import { z } from 'zod';
import { apiRoute } from './api-route.ts';
import { okReply, recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

export const ${n.camelOne} = z.object({
  id: z.uuid(),
  name: z.string(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type ${n.pascalOne} = z.infer<typeof ${n.camelOne}>;

export const ${n.camelOne}ListQuery = listQuery({
  sorts: ['name', 'updatedAt'],
  sort: 'name',
  filters: { q: z.string().trim().max(200).optional() },
});
export type ${n.pascalOne}ListQuery = z.infer<typeof ${n.camelOne}ListQuery>;

export const create${n.pascalOne}Body = z.strictObject({
  name: z.string().trim().min(1, { message: 'Enter a name.' }).max(200),
  notes: z.string().max(10000).default(''),
});
export type Create${n.pascalOne}Body = z.input<typeof create${n.pascalOne}Body>;

/** Only the fields that changed, with the version the editor read. */
export const update${n.pascalOne}Body = z.strictObject({
  version: recordVersion,
  name: z.string().trim().min(1, { message: 'Enter a name.' }).max(200).optional(),
  notes: z.string().max(10000).optional(),
});
export type Update${n.pascalOne}Body = z.input<typeof update${n.pascalOne}Body>;

const idParams = z.strictObject({ id: uuidParam });
const tag = '${n.kebab}';

/** ${n.title}. */
export const ${n.camel}Api = {
  list: apiRoute({ method: 'GET', path: '/${n.kebab}', access: '${n.snake}.read', tag, summary: 'List ${n.title.toLowerCase()}', query: ${n.camelOne}ListQuery, reply: listOf(${n.camelOne}) }),
  get: apiRoute({ method: 'GET', path: '/${n.kebab}/:id', access: '${n.snake}.read', tag, summary: 'One ${n.oneWords}', params: idParams, reply: ${n.camelOne} }),
  create: apiRoute({ method: 'POST', path: '/${n.kebab}', access: '${n.snake}.write', tag, summary: 'Add a ${n.oneWords}', body: create${n.pascalOne}Body, reply: ${n.camelOne}, status: 201 }),
  update: apiRoute({
    method: 'PATCH',
    path: '/${n.kebab}/:id',
    access: '${n.snake}.write',
    tag,
    summary: 'Change a ${n.oneWords} (send the version you read)',
    params: idParams,
    body: update${n.pascalOne}Body,
    reply: ${n.camelOne},
  }),
  remove: apiRoute({ method: 'DELETE', path: '/${n.kebab}/:id', access: '${n.snake}.write', tag, summary: 'Delete a ${n.oneWords}', params: idParams, reply: okReply }),
};
`;
}

/** apps/server/src/db/migrations/NNNN_<name>.sql: the table, its indexes for the list's sorts, the helper. */
export function migrationTemplate(n: ModuleNames): string {
  return `-- ${n.title}: one tenant table (custodian_tenant_table gives it row-level security, its policies,
-- grants for every role and a row counter for list totals).
CREATE TABLE ${n.snake} (
  org_id uuid NOT NULL REFERENCES orgs (org_id) ON DELETE CASCADE,
  id uuid NOT NULL,
  name text NOT NULL,
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (org_id, id)
);
-- One index per list sort, so every page (the last as much as the first) is an index range.
CREATE INDEX ${n.snake}_name_idx ON ${n.snake} (org_id, name, id);
CREATE INDEX ${n.snake}_updated_idx ON ${n.snake} (org_id, updated_at, id);
SELECT custodian_tenant_table('${n.snake}', is_counted => true);
`;
}
