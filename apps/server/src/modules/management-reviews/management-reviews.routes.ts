import { managementReviewsApi } from '@custodian/shared/contracts/management-reviews.ts';
import { defineRoute } from '../../http/route-kit.ts';
import {
  addReviewAction,
  approveReviewMinutes,
  buildReviewMinutes,
  deleteManagementReview,
  deleteReviewAction,
  getManagementReview,
  holdManagementReview,
  listManagementReviews,
  prepareManagementReview,
  refreshReviewInputs,
  renderReviewMinutes,
  updateManagementReview,
  updateReviewAction,
  updateReviewInput,
} from './management-reviews.service.ts';

const api = managementReviewsApi;

/** Management reviews (9.3): the meeting, its inputs, decisions and actions, and its minutes. */
export const managementReviewsRoutes = [
  defineRoute(api.list, { handler: (ctx, { query }) => listManagementReviews(ctx, query) }),
  defineRoute(api.get, { handler: (ctx, { params }) => getManagementReview(ctx, params.id) }),
  defineRoute(api.create, { handler: (ctx, { body }) => prepareManagementReview(ctx, body) }),
  defineRoute(api.update, { handler: (ctx, { params, body }) => updateManagementReview(ctx, params.id, body) }),
  defineRoute(api.refresh, { handler: (ctx, { params, body }) => refreshReviewInputs(ctx, params.id, body.version) }),
  defineRoute(api.hold, { handler: (ctx, { params, body }) => holdManagementReview(ctx, params.id, body) }),
  defineRoute(api.approve, { handler: (ctx, { params, body }) => approveReviewMinutes(ctx, params.id, body.version) }),
  defineRoute(api.remove, { handler: async (ctx, { params }) => (await deleteManagementReview(ctx, params.id), { ok: true as const }) }),
  defineRoute(api.updateInput, { handler: (ctx, { params, body }) => updateReviewInput(ctx, params.id, params.key, body) }),
  defineRoute(api.addAction, { handler: (ctx, { params, body }) => addReviewAction(ctx, params.id, body) }),
  defineRoute(api.updateAction, { handler: (ctx, { params, body }) => updateReviewAction(ctx, params.id, params.actionId, body) }),
  defineRoute(api.removeAction, { handler: async (ctx, { params }) => (await deleteReviewAction(ctx, params.id, params.actionId), { ok: true as const }) }),
  defineRoute(api.minutesDocx, {
    handler: (ctx, { params }) => buildReviewMinutes(ctx, params.id),
    respond: async (draft, http) => {
      const file = await renderReviewMinutes(draft, 'docx');
      return http.file(file.fileName, file.body);
    },
  }),
  defineRoute(api.minutesPdf, {
    handler: (ctx, { params }) => buildReviewMinutes(ctx, params.id),
    respond: async (draft, http) => {
      const file = await renderReviewMinutes(draft, 'pdf');
      return http.file(file.fileName, file.body);
    },
  }),
];
