import { quotesApi } from '@custodian/shared/contracts/quotes.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { buildComparison, buildComparisonPdf } from './comparison.service.ts';
import { acceptQuote, listEngagements } from './engagement.service.ts';
import { listProviderMessages, listRequesterMessages, sendProviderMessage, sendRequesterMessage } from './message.service.ts';
import { getQuoteBuilder, saveQuote, submitQuote, withdrawQuote } from './quote-builder.service.ts';
import { requesterFromGuestLink, requesterFromOrg } from './requester-scope.ts';
import { listReviewsForModeration, publishReview, rejectReview, submitReview } from './review.service.ts';

/** What a guest's PDF names as the requester (a guest has no organisation record). */
const guestRequesterName = 'Your organisation';

/** Quotes (issue 8): quote builder, messages, comparison and its PDF, decision, engagements, reviews. */
export const quoteRoutes = [
  defineRoute(quotesApi.builder, { handler: (ctx, { params }) => getQuoteBuilder(ctx, params.leadId) }),
  defineRoute(quotesApi.save, { handler: (ctx, { params, body }) => saveQuote(ctx, params.leadId, body) }),
  defineRoute(quotesApi.submit, { handler: (ctx, { params, body }) => submitQuote(ctx, params.leadId, body.version) }),
  defineRoute(quotesApi.withdraw, { handler: (ctx, { params, body }) => withdrawQuote(ctx, params.leadId, body.version) }),
  defineRoute(quotesApi.providerMessages, { handler: (ctx, { params }) => listProviderMessages(ctx, params.leadId) }),
  defineRoute(quotesApi.providerSend, { handler: (ctx, { params, body }) => sendProviderMessage(ctx, params.leadId, body.body) }),
  defineRoute(quotesApi.requesterMessages, { handler: (ctx, { params }) => listRequesterMessages(requesterFromOrg(ctx), params.leadId, params.requestId) }),
  defineRoute(quotesApi.requesterSend, { handler: (ctx, { params, body }) => sendRequesterMessage(requesterFromOrg(ctx), params.leadId, params.requestId, body.body) }),
  defineRoute(quotesApi.guestMessages, { handler: async (ctx, { params, query }) => listRequesterMessages(await requesterFromGuestLink(ctx, query.token), params.leadId, null) }),
  defineRoute(quotesApi.guestSend, { handler: async (ctx, { params, body }) => sendRequesterMessage(await requesterFromGuestLink(ctx, body.token), params.leadId, null, body.body) }),
  defineRoute(quotesApi.comparison, { handler: (ctx, { params }) => buildComparison(requesterFromOrg(ctx), params.requestId) }),
  defineRoute(quotesApi.comparisonPdf, {
    handler: (ctx, { params }) => buildComparisonPdf(requesterFromOrg(ctx), params.requestId, ctx.org.name),
    respond: (file, http) => http.file(file.fileName, file.body),
  }),
  defineRoute(quotesApi.guestComparison, { handler: async (ctx, { query }) => buildComparison(await requesterFromGuestLink(ctx, query.token), '') }),
  defineRoute(quotesApi.guestComparisonPdf, {
    handler: async (ctx, { query }) => buildComparisonPdf(await requesterFromGuestLink(ctx, query.token), '', guestRequesterName),
    respond: (file, http) => http.file(file.fileName, file.body),
  }),
  defineRoute(quotesApi.accept, { handler: (ctx, { params, body }) => acceptQuote(requesterFromOrg(ctx), params.requestId, params.quoteId, body.version) }),
  defineRoute(quotesApi.guestAccept, { handler: async (ctx, { params, body }) => acceptQuote(await requesterFromGuestLink(ctx, body.token), '', params.quoteId, body.version) }),
  defineRoute(quotesApi.engagements, { handler: (ctx) => listEngagements(ctx) }),
  defineRoute(quotesApi.review, { handler: (ctx, { params, body }) => submitReview(ctx, params.engagementId, body) }),
  defineRoute(quotesApi.operatorReviews, { handler: (ctx, { query }) => listReviewsForModeration(ctx, query.status) }),
  defineRoute(quotesApi.publishReview, { handler: (ctx, { params, body }) => publishReview(ctx, params.reviewId, body.version) }),
  defineRoute(quotesApi.rejectReview, { handler: (ctx, { params, body }) => rejectReview(ctx, params.reviewId, body.version, body.note) }),
];
