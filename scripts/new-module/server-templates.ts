import type { ModuleNames } from './names.ts';

/** <name>.repo.ts: the module's SQL, and nothing else. */
export function repoTemplate(n: ModuleNames): string {
  return `import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { ${n.pascalOne}ListQuery } from '@custodian/shared/contracts/${n.kebab}.ts';
import { cappedCount, containsPattern, countedRows, keyColumns, keysetPage, type KeysetSort } from '../../db/keyset.ts';
import type { Tx } from '../../db/with-org.ts';

function ${n.camelOne}Query(tx: Tx, orgId: string) {
  return tx.selectFrom('${n.snake}').selectAll().where('org_id', '=', orgId);
}

export type ${n.pascalOne}Row = Awaited<ReturnType<ReturnType<typeof ${n.camelOne}Query>['executeTakeFirstOrThrow']>>;

const sorts: Record<${n.pascalOne}ListQuery['sort'], KeysetSort<${n.pascalOne}Row>> = {
  name: { keys: keyColumns('name', 'id'), keyOf: (row) => [row.name, row.id] },
  updatedAt: { keys: keyColumns('updated_at', 'id'), keyOf: (row) => [new Date(row.updated_at).toISOString(), row.id] },
};

/** One page; the total comes from the row counter, or a capped count when filtered. */
export async function list${n.pascalOne}Rows(tx: Tx, orgId: string, query: ${n.pascalOne}ListQuery): Promise<ListReply<${n.pascalOne}Row>> {
  let base = ${n.camelOne}Query(tx, orgId);
  if (query.q) base = base.where('name', 'ilike', containsPattern(query.q));
  const total = query.q ? await cappedCount(tx, base) : await countedRows(tx, orgId, '${n.snake}');
  return keysetPage(base, { sort: sorts[query.sort], sortTag: \`\${query.sort}:\${query.order}\`, order: query.order, limit: query.limit, cursor: query.cursor, total });
}

export async function find${n.pascalOne}Row(tx: Tx, orgId: string, id: string): Promise<${n.pascalOne}Row | undefined> {
  return ${n.camelOne}Query(tx, orgId).where('id', '=', id).executeTakeFirst();
}

export async function insert${n.pascalOne}Row(tx: Tx, row: { org_id: string; id: string; name: string; notes: string; created_at: Date; created_by: string; updated_at: Date; updated_by: string }) {
  return tx.insertInto('${n.snake}').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Saves changes if the record is still at the version the editor read; returns nothing otherwise. */
export async function update${n.pascalOne}Row(tx: Tx, key: { orgId: string; id: string; version: number }, patch: { name?: string; notes?: string; updated_at: Date; updated_by: string }) {
  return tx
    .updateTable('${n.snake}')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('org_id', '=', key.orgId)
    .where('id', '=', key.id)
    .where('version', '=', key.version)
    .returningAll()
    .executeTakeFirst();
}

export async function delete${n.pascalOne}Row(tx: Tx, orgId: string, id: string): Promise<boolean> {
  const result = await tx.deleteFrom('${n.snake}').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
`;
}

/** <name>.policy.ts: rules about particular records, beside the role list in permissions.ts. */
export function policyTemplate(n: ModuleNames): string {
  return `import { AppError } from '@custodian/shared/errors.ts';
import type { OrgActor } from '../../core/auth-state.ts';

/*
 * permissions.ts says who may change ${n.title.toLowerCase()} at all (${n.snake}.write); this file says
 * which ones. Edit the rules to fit the module; the service calls them before it changes anything.
 */

/** A ${n.oneWords} may be deleted by an owner or ISMS manager, or by the person who added it. */
export function assertMayDelete${n.pascalOne}(actor: OrgActor, record: { created_by: string | null }): void {
  const isManager = actor.role === 'owner' || actor.role === 'isms_manager';
  if (!isManager && record.created_by !== actor.userId) {
    throw new AppError('forbidden', 'Only an owner, an ISMS manager or the person who added it can delete this ${n.oneWords}.');
  }
}
`;
}

/** <name>.service.ts: the module's public surface; every change records its audit event. */
export function serviceTemplate(n: ModuleNames): string {
  return `import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { ${n.pascalOne}, ${n.pascalOne}ListQuery, Create${n.pascalOne}Body, Update${n.pascalOne}Body } from '@custodian/shared/contracts/${n.kebab}.ts';
import { AppError, notFound } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { assertMayDelete${n.pascalOne} } from './${n.kebab}.policy.ts';
import { delete${n.pascalOne}Row, find${n.pascalOne}Row, insert${n.pascalOne}Row, list${n.pascalOne}Rows, update${n.pascalOne}Row, type ${n.pascalOne}Row } from './${n.kebab}.repo.ts';

const entity = (id: string) => ({ type: '${n.snake}', id });

function to${n.pascalOne}(row: ${n.pascalOne}Row): ${n.pascalOne} {
  return { id: row.id, name: row.name, notes: row.notes, createdAt: new Date(row.created_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(), version: row.version };
}

function snapshot(row: ${n.pascalOne}Row) {
  return { name: row.name, notes: row.notes };
}

export async function list${n.pascal}(ctx: OrgCtx, query: ${n.pascalOne}ListQuery): Promise<ListReply<${n.pascalOne}>> {
  const page = await list${n.pascalOne}Rows(ctx.tx, ctx.org.id, query);
  return { ...page, items: page.items.map(to${n.pascalOne}) };
}

export async function get${n.pascalOne}(ctx: OrgCtx, id: string): Promise<${n.pascalOne}> {
  const row = await find${n.pascalOne}Row(ctx.tx, ctx.org.id, id);
  if (!row) throw notFound('The ${n.oneWords}');
  return to${n.pascalOne}(row);
}

export async function create${n.pascalOne}(ctx: OrgCtx, input: Create${n.pascalOne}Body): Promise<${n.pascalOne}> {
  const row = await insert${n.pascalOne}Row(ctx.tx, {
    org_id: ctx.org.id,
    id: newId(ctx.now.getTime()),
    name: input.name,
    notes: input.notes ?? '',
    created_at: ctx.now,
    created_by: ctx.actor.userId,
    updated_at: ctx.now,
    updated_by: ctx.actor.userId,
  });
  await ctx.audit('${n.snake}.created', entity(row.id), null, snapshot(row));
  return to${n.pascalOne}(row);
}

/** Changes the fields sent, if nobody saved the record since \`version\` was read (otherwise 409 with it as it is now). */
export async function update${n.pascalOne}(ctx: OrgCtx, id: string, input: Update${n.pascalOne}Body): Promise<${n.pascalOne}> {
  const before = await find${n.pascalOne}Row(ctx.tx, ctx.org.id, id);
  if (!before) throw notFound('The ${n.oneWords}');
  const conflict = (current: ${n.pascalOne}Row) =>
    new AppError('edit_conflict', \`Someone else saved "\${current.name}" after you opened it. Their version is shown: check it, then apply your change again.\`, { current: to${n.pascalOne}(current) });
  if (before.version !== input.version) throw conflict(before);
  const patch = { ...(input.name === undefined ? {} : { name: input.name }), ...(input.notes === undefined ? {} : { notes: input.notes }) };
  const after = await update${n.pascalOne}Row(ctx.tx, { orgId: ctx.org.id, id, version: input.version }, { ...patch, updated_at: ctx.now, updated_by: ctx.actor.userId });
  if (!after) throw conflict((await find${n.pascalOne}Row(ctx.tx, ctx.org.id, id)) ?? before);
  await ctx.audit('${n.snake}.updated', entity(id), snapshot(before), snapshot(after));
  return to${n.pascalOne}(after);
}

export async function delete${n.pascalOne}(ctx: OrgCtx, id: string): Promise<void> {
  const before = await find${n.pascalOne}Row(ctx.tx, ctx.org.id, id);
  if (!before) throw notFound('The ${n.oneWords}');
  assertMayDelete${n.pascalOne}(ctx.actor, before);
  if (!(await delete${n.pascalOne}Row(ctx.tx, ctx.org.id, id))) throw notFound('The ${n.oneWords}');
  await ctx.audit('${n.snake}.deleted', entity(id), snapshot(before));
}
`;
}

/** <name>.routes.ts: each contract bound to one service call. */
export function routesTemplate(n: ModuleNames): string {
  return `import { ${n.camel}Api } from '@custodian/shared/contracts/${n.kebab}.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { create${n.pascalOne}, delete${n.pascalOne}, get${n.pascalOne}, list${n.pascal}, update${n.pascalOne} } from './${n.kebab}.service.ts';

/** ${n.title}. */
export const ${n.camel}Routes = [
  defineRoute(${n.camel}Api.list, { handler: (ctx, { query }) => list${n.pascal}(ctx, query) }),
  defineRoute(${n.camel}Api.get, { handler: (ctx, { params }) => get${n.pascalOne}(ctx, params.id) }),
  defineRoute(${n.camel}Api.create, { handler: (ctx, { body }) => create${n.pascalOne}(ctx, body) }),
  defineRoute(${n.camel}Api.update, { handler: (ctx, { params, body }) => update${n.pascalOne}(ctx, params.id, body) }),
  defineRoute(${n.camel}Api.remove, { handler: async (ctx, { params }) => (await delete${n.pascalOne}(ctx, params.id), { ok: true as const }) }),
];
`;
}
