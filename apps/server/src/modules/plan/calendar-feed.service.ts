import { feedSeesAllPermission, type CalendarFeedIssued, type CalendarFeedStatus } from '@custodian/shared/contracts/plan.ts';
import { notFound } from '@custodian/shared/errors.ts';
import { can } from '@custodian/shared/permissions.ts';
import type { OrgCtx, TxCtx } from '../../core/ctx.ts';
import { randomToken, sha256Hex } from '../../lib/crypto.ts';
import { formatAuDate } from '../../lib/dates.ts';
import { buildCalendar } from './ics.ts';
import { readerCtx } from './plan-ctx.ts';
import { deleteCalendarFeed, findCalendarFeed, listMemberContacts, resolveCalendarFeed, upsertCalendarFeed } from './plan-feed.repo.ts';
import { collectObligations } from './plan.service.ts';

const feedEntity = (userId: string) => ({ type: 'calendar_feed', id: userId });
const tokenPrefix = 'cal_';

export async function getCalendarFeedStatus(ctx: OrgCtx): Promise<CalendarFeedStatus> {
  const row = await findCalendarFeed(ctx.tx, ctx.org.id, ctx.actor.userId);
  return { isIssued: row !== undefined, issuedAt: row ? new Date(row.created_at).toISOString() : null, hint: row ? `${row.hint}…` : null };
}

/** A new secret address for the person's feed in this organisation (any earlier one stops working); shown this once. */
export async function issueCalendarFeed(ctx: OrgCtx): Promise<CalendarFeedIssued> {
  const secret = `${tokenPrefix}${randomToken(32)}`;
  const hint = secret.slice(0, tokenPrefix.length + 6);
  const wasIssued = (await findCalendarFeed(ctx.tx, ctx.org.id, ctx.actor.userId)) !== undefined;
  await upsertCalendarFeed(ctx.tx, { org_id: ctx.org.id, user_id: ctx.actor.userId, token_hash: sha256Hex(secret), hint, created_at: ctx.now });
  await ctx.audit('calendar_feed.issued', feedEntity(ctx.actor.userId), null, { hint: `${hint}…`, replacedEarlier: wasIssued });
  return { url: `${ctx.deps.config.publicUrl}/api/v1/calendar.ics?token=${secret}`, issuedAt: ctx.now.toISOString(), hint: `${hint}…` };
}

export async function revokeCalendarFeed(ctx: OrgCtx): Promise<void> {
  if (!(await deleteCalendarFeed(ctx.tx, ctx.org.id, ctx.actor.userId))) throw notFound('Your calendar feed');
  await ctx.audit('calendar_feed.revoked', feedEntity(ctx.actor.userId));
}

/**
 * The feed behind a secret address, without a session: the secret's hash names the person and the
 * organisation (404 when unknown, revoked, or the person has left). Someone who may read the plan gets
 * every open dated obligation of the organisation; anyone else (staff) gets their own.
 */
export async function renderCalendarFeed(ctx: TxCtx, secret: string): Promise<{ fileName: string; body: Buffer }> {
  const feed = secret.startsWith(tokenPrefix) ? await resolveCalendarFeed(ctx.tx, sha256Hex(secret)) : undefined;
  if (!feed) throw notFound('This calendar feed');
  ctx.skipAudit('reading a calendar feed changes nothing');
  const contacts = await listMemberContacts(ctx.tx, feed.org_id);
  const person = contacts.get(feed.user_id);
  if (!person) throw notFound('This calendar feed');
  const org = { id: feed.org_id, name: feed.org_name, timeZone: feed.time_zone, isDemo: feed.is_demo, isMfaRequired: false };
  const reader = readerCtx(ctx, org, { userId: feed.user_id, name: person.name, email: person.email, role: feed.member_role });
  const seesAll = can({ userId: feed.user_id, role: feed.member_role }, feedSeesAllPermission);
  const obligations = (await collectObligations(reader)).filter((o) => !o.isDone && (seesAll || o.ownerUserId === feed.user_id));
  const base = ctx.deps.config.publicUrl;
  const body = buildCalendar({
    name: `${feed.org_name}: information security dates`,
    timeZone: feed.time_zone,
    now: ctx.now,
    host: new URL(base).host,
    events: obligations.map((o) => {
      const owner = o.ownerUserId ? contacts.get(o.ownerUserId)?.name : undefined;
      const url = `${base}${o.href}`;
      return {
        uid: o.key,
        day: o.dueOn,
        summary: o.title,
        description: [`Due ${formatAuDate(o.dueOn)}.`, owner ? `Owner: ${owner}.` : 'No owner yet.', `Open in Custodian: ${url}`].join('\n'),
        url,
      };
    }),
  });
  return { fileName: 'custodian.ics', body: Buffer.from(body, 'utf8') };
}
