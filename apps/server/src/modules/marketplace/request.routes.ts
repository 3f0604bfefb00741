import { marketplaceRequestsApi } from '@custodian/shared/contracts/marketplace-requests.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { approveRequest, listPendingApproval, rejectRequest } from './request-approval.service.ts';
import { openGuestRequest, revealAsGuest, submitGuestRequest } from './request-guest.service.ts';
import { createOrgRequest, getOrgRequestDetail, getRequestDraft, listMyRequests, revealOrgIdentity } from './request.service.ts';

const ok = { ok: true as const };
const api = marketplaceRequestsApi;

/** Requests for quotes: the organisation's, the guest's (public, rate-limited) and the operator's approval. */
export const requestRoutes = [
  defineRoute(api.draft, { handler: (ctx) => getRequestDraft(ctx) }),
  defineRoute(api.create, { handler: (ctx, { body }) => createOrgRequest(ctx, body) }),
  defineRoute(api.list, { handler: (ctx, { query }) => listMyRequests(ctx, query) }),
  defineRoute(api.get, { handler: (ctx, { params }) => getOrgRequestDetail(ctx, params.requestId) }),
  defineRoute(api.reveal, { handler: (ctx, { params }) => revealOrgIdentity(ctx, params.requestId, params.leadId) }),
  defineRoute(api.guestCreate, { rateLimit: 'auth', steps: async (ctx, { body }) => (await submitGuestRequest(ctx, body), ok) }),
  defineRoute(api.guestGet, { rateLimit: 'auth', steps: (ctx, { query }) => openGuestRequest(ctx, query.token) }),
  defineRoute(api.guestReveal, { rateLimit: 'auth', handler: (ctx, { body }) => revealAsGuest(ctx, body.token, body.leadId) }),
  defineRoute(api.pending, { handler: (ctx, { query }) => listPendingApproval(ctx, query) }),
  defineRoute(api.approve, { handler: (ctx, { params, body }) => approveRequest(ctx, params.requestId, body.version) }),
  defineRoute(api.reject, { handler: (ctx, { params, body }) => rejectRequest(ctx, params.requestId, body) }),
];
