import type { SessionSummary, sessionListQuery } from '@custodian/shared/contracts/account.ts';
import type { ListReply } from '@custodian/shared/contracts/list.ts';
import type { z } from 'zod';
import { AppError } from '@custodian/shared/errors.ts';
import type { SessionCtx } from '../../core/ctx.ts';
import { pageArray, tupleComparer } from '../../lib/list-array.ts';
import { deleteSessionById, deleteSessionsOfUser, findOwnSession, listLiveSessions } from './account.repo.ts';
import { recordForPerson } from './auth.service.ts';

const byKey = tupleComparer([null, null]);

/** The signed-in person's own live sessions (a page of them), with the one asking marked. */
export async function listOwnSessions(ctx: SessionCtx, query: z.output<typeof sessionListQuery>): Promise<ListReply<SessionSummary>> {
  const rows = await listLiveSessions(ctx.tx, ctx.user.id, ctx.now, ctx.deps.config.sessionIdleMinutes);
  const items: SessionSummary[] = rows.map((row) => ({
    id: row.id,
    device: row.device || 'Unknown browser or app',
    createdAt: new Date(row.created_at).toISOString(),
    lastSeenAt: new Date(row.last_seen_at).toISOString(),
    isCurrent: row.id_hash === ctx.session.idHash,
    isMfaPending: row.is_mfa_pending,
  }));
  return pageArray(items, {
    keyOf: (s) => [s.lastSeenAt, s.id],
    compareKeys: byKey,
    sortTag: `${query.sort}:${query.order}`,
    order: query.order,
    limit: query.limit,
    cursor: query.cursor,
  });
}

/** "Sign out everywhere else": ends every session of the person but this one; returns how many ended. */
export async function endOtherSessions(ctx: SessionCtx): Promise<{ ended: number }> {
  const ended = await deleteSessionsOfUser(ctx.tx, ctx.user.id, ctx.session.idHash);
  await recordForPerson(ctx, ctx.user, 'user.signed_out_elsewhere', { sessionsEnded: ended });
  return { ended };
}

/** Ends one of the person's other sessions (another person's, or an unknown id, is "not found"). */
export async function endOwnSession(ctx: SessionCtx, sessionId: string): Promise<void> {
  const found = await findOwnSession(ctx.tx, ctx.user.id, sessionId);
  if (found?.id_hash === ctx.session.idHash) throw new AppError('bad_request', 'This is the session you are using now. To end it, choose "Sign out".');
  if (!found || !(await deleteSessionById(ctx.tx, ctx.user.id, sessionId))) {
    throw new AppError('not_found', 'That session was not found. It may have ended already.');
  }
  await recordForPerson(ctx, ctx.user, 'user.session_ended', { device: found.device || 'Unknown browser or app' });
}
