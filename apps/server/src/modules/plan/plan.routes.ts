import { planApi } from '@custodian/shared/contracts/plan.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getCalendarFeedStatus, issueCalendarFeed, renderCalendarFeed, revokeCalendarFeed } from './calendar-feed.service.ts';
import { addMilestone, changeMilestone, changePlan, getPlanView, removeMilestone, startPlan } from './plan.service.ts';

/** The guided path: the plan and its milestones, and each person's calendar feed. */
export const planRoutes = [
  defineRoute(planApi.get, { handler: (ctx) => getPlanView(ctx) }),
  defineRoute(planApi.create, { handler: (ctx, { body }) => startPlan(ctx, body) }),
  defineRoute(planApi.update, { handler: (ctx, { body }) => changePlan(ctx, body) }),
  defineRoute(planApi.addMilestone, { handler: (ctx, { body }) => addMilestone(ctx, body) }),
  defineRoute(planApi.updateMilestone, { handler: (ctx, { params, body }) => changeMilestone(ctx, params.id, body) }),
  defineRoute(planApi.removeMilestone, { handler: async (ctx, { params }) => (await removeMilestone(ctx, params.id), { ok: true as const }) }),
  defineRoute(planApi.feedStatus, { handler: (ctx) => getCalendarFeedStatus(ctx) }),
  defineRoute(planApi.issueFeed, { handler: (ctx) => issueCalendarFeed(ctx) }),
  defineRoute(planApi.revokeFeed, { handler: async (ctx) => (await revokeCalendarFeed(ctx), { ok: true as const }) }),
  // The secret in the address is the credential: no session, the stricter per-address rate limit.
  defineRoute(planApi.feed, {
    rateLimit: 'auth',
    handler: (ctx, { query }) => renderCalendarFeed(ctx, query.token),
    respond: (file, http) => http.file(file.fileName, file.body, 'text/calendar; charset=utf-8'),
  }),
];
