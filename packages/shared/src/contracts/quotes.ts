import { z } from 'zod';
import { workPackageKinds } from '../domain/quote-normaliser.ts';
import { quoteFlagCodes } from '../domain/quote-flags.ts';
import { apiRoute, fileReply } from './api-route.ts';
import { isoDate, recordVersion, uuidParam } from './common.ts';

/** Audit days: zero or more, in half days, at most a year of days. */
const days = z.number({ message: 'must be a number of days' }).min(0, { message: 'must be zero or more days' }).max(365).multipleOf(0.5, { message: 'must be in half days (for example 2 or 2.5)' });
/** Money in integer cents (AUD), up to a billion dollars. */
const cents = z.number({ message: 'must be an amount in cents' }).int({ message: 'must be a whole number of cents' }).min(0, { message: 'must be zero or more' }).max(100_000_000_000);

/** A certification body's quote: audit days per audit of the cycle, day rate, fixed fees, travel. */
export const certificationLines = z.strictObject({
  stage1Days: days,
  stage2Days: days,
  surveillance1Days: days,
  surveillance2Days: days,
  recertificationDays: days,
  dayRateCents: cents,
  applicationFeeCents: cents,
  certificateFeeCents: cents,
  annualFeeCents: cents,
  travelCentsPerAudit: cents,
});

export const workPackage = z.strictObject({
  kind: z.enum(workPackageKinds, { message: 'must be one of the listed work packages' }),
  days,
  feeCents: cents,
  year: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)], { message: 'must be year 0, 1, 2 or 3 of the cycle' }),
});

/** A consultant's quote: work packages with days, fee and the year of the cycle. */
export const consultingLines = z.strictObject({ packages: z.array(workPackage).max(30) });

const assumptions = z.string().max(5000).describe('the assumptions');

/** A draft quote as the provider saves it (version 0 creates it). Which kind fits is the lead's lane. */
export const saveQuoteBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('certification'), version: recordVersion, lines: certificationLines, assumptions, validUntil: isoDate }),
  z.strictObject({ kind: z.literal('consulting'), version: recordVersion, lines: consultingLines, assumptions, validUntil: isoDate }),
]);
export type SaveQuoteBody = z.input<typeof saveQuoteBody>;

export const quoteStatuses = ['draft', 'submitted', 'withdrawn', 'accepted', 'not_chosen'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];
export const quoteStatusLabels: Record<QuoteStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  withdrawn: 'Withdrawn',
  accepted: 'Accepted',
  not_chosen: 'Not chosen',
};

const yearTotals = z.array(z.object({ label: z.string(), totalCents: z.number(), lines: z.array(z.object({ label: z.string(), cents: z.number() })) }));

export const quote = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  kind: z.enum(['certification', 'consulting']),
  lines: z.union([certificationLines, consultingLines]),
  assumptions: z.string(),
  validUntil: z.string(),
  status: z.enum(quoteStatuses),
  totalCents: z.number(),
  years: yearTotals,
  submittedAt: z.string().nullable(),
  version: z.number(),
});
export type Quote = z.infer<typeof quote>;

/** The quote builder's page: the lead's lane (which form applies) and the quote so far. */
export const quoteBuilder = z.object({
  leadId: z.uuid(),
  lane: z.string(),
  leadStatus: z.string(),
  kind: z.enum(['certification', 'consulting']),
  canEdit: z.boolean(),
  quote: quote.nullable(),
});

export const versionBody = z.strictObject({ version: recordVersion });
const leadParams = z.strictObject({ leadId: uuidParam });

// ─── Messages ──────────────────────────────────────────────────────────────────────────────────────

export const messageBody = z.strictObject({ body: z.string().trim().min(1, { message: 'must not be empty' }).max(5000, { message: 'must be at most 5,000 characters' }) });
export const guestMessageBody = z.strictObject({ token: z.string().max(200), body: messageBody.shape.body });
export const message = z.object({ id: z.uuid(), side: z.enum(['requester', 'provider']), senderLabel: z.string(), isMine: z.boolean(), body: z.string(), createdAt: z.string() });
export type Message = z.infer<typeof message>;
export const messageList = z.object({ items: z.array(message) });
const requestLeadParams = z.strictObject({ requestId: uuidParam, leadId: uuidParam });
export const guestTokenQuery = z.strictObject({ token: z.string().max(200) });
export const guestTokenBody = z.strictObject({ token: z.string().max(200) });

// ─── Comparison ────────────────────────────────────────────────────────────────────────────────────

export const comparisonQuote = z.object({
  quoteId: z.uuid(),
  leadId: z.uuid(),
  providerName: z.string(),
  status: z.enum(quoteStatuses),
  version: z.number(),
  totalCents: z.number(),
  years: yearTotals,
  auditDays: z.object({ initial: z.number(), surveillance1: z.number(), surveillance2: z.number(), recertification: z.number() }).nullable(),
  flags: z.array(z.object({ code: z.enum(quoteFlagCodes), severity: z.enum(['warning', 'serious']), message: z.string() })),
  commissionPercent: z.number().nullable(),
  assumptions: z.string(),
  validUntil: z.string(),
});
export type ComparisonQuote = z.infer<typeof comparisonQuote>;

export const comparison = z.object({
  requestId: z.uuid(),
  requestStatus: z.string(),
  asOf: z.string(),
  estimate: z.object({ initialDays: z.number(), stage1Days: z.number(), stage2Days: z.number(), surveillanceDays: z.number(), recertificationDays: z.number(), effectivePersons: z.number() }),
  lanes: z.array(z.object({ lane: z.string(), label: z.string(), decidedQuoteId: z.uuid().nullable(), quotes: z.array(comparisonQuote) })),
});
export type Comparison = z.infer<typeof comparison>;
const requestParams = z.strictObject({ requestId: uuidParam });

// ─── Decision, engagements, reviews ───────────────────────────────────────────────────────────────

export const acceptBody = z.strictObject({ version: recordVersion });
export const guestAcceptBody = z.strictObject({ token: z.string().max(200), version: recordVersion });
export const engagement = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  providerName: z.string(),
  lane: z.string(),
  valueCents: z.number(),
  summary: z.string(),
  engagedAt: z.string(),
  hasReview: z.boolean(),
});
export type Engagement = z.infer<typeof engagement>;
export const engagementList = z.object({ items: z.array(engagement) });

export const reviewBody = z.strictObject({
  rating: z.number({ message: 'must be a rating from 1 to 5' }).int().min(1, { message: 'must be a rating from 1 to 5' }).max(5, { message: 'must be a rating from 1 to 5' }),
  body: z.string().trim().min(1, { message: 'must not be empty' }).max(3000, { message: 'must be at most 3,000 characters' }),
});
export const reviewStatuses = ['pending', 'published', 'rejected'] as const;
export const review = z.object({
  id: z.uuid(),
  providerOrgId: z.uuid(),
  providerName: z.string(),
  rating: z.number(),
  body: z.string(),
  reviewerLabel: z.string(),
  status: z.enum(reviewStatuses),
  moderationNote: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Review = z.infer<typeof review>;
export const reviewList = z.object({ items: z.array(review) });
export const reviewListQuery = z.strictObject({ status: z.enum(reviewStatuses).default('pending') });
const reviewParams = z.strictObject({ reviewId: uuidParam });
export const moderateBody = z.strictObject({ version: recordVersion });
export const rejectReviewBody = z.strictObject({ version: recordVersion, note: z.string().trim().min(1, { message: 'must say why' }).max(1000) });
const engagementParams = z.strictObject({ engagementId: uuidParam });

const tag = 'marketplace-quotes';

/**
 * Quotes (issue 8): the provider's quote builder and messages on a lead; the requester's messages,
 * comparison (and its PDF for the board), decision and engagements — as an organisation and as a guest
 * with the private link; reviews after an engagement and their moderation by the platform operator.
 */
export const quotesApi = {
  builder: apiRoute({ method: 'GET', path: '/provider/leads/:leadId/quote', access: 'provider.read', tag, summary: 'The quote on a lead (its form follows the lead’s lane)', params: leadParams, reply: quoteBuilder }),
  save: apiRoute({ method: 'PUT', path: '/provider/leads/:leadId/quote', access: 'leads.respond', tag, summary: 'Save the draft quote on an accepted lead (version 0 creates it)', params: leadParams, body: saveQuoteBody, reply: quote }),
  submit: apiRoute({ method: 'POST', path: '/provider/leads/:leadId/quote/submit', access: 'leads.respond', tag, summary: 'Submit the quote to the requester', params: leadParams, body: versionBody, reply: quote }),
  withdraw: apiRoute({ method: 'POST', path: '/provider/leads/:leadId/quote/withdraw', access: 'leads.respond', tag, summary: 'Withdraw a submitted quote', params: leadParams, body: versionBody, reply: quote }),
  providerMessages: apiRoute({ method: 'GET', path: '/provider/leads/:leadId/messages', access: 'provider.read', tag, summary: 'Messages with the requester on a lead', params: leadParams, reply: messageList }),
  providerSend: apiRoute({ method: 'POST', path: '/provider/leads/:leadId/messages', access: 'leads.respond', tag, summary: 'Send the requester a message', params: leadParams, body: messageBody, reply: message, status: 201 }),
  requesterMessages: apiRoute({ method: 'GET', path: '/marketplace/requests/:requestId/leads/:leadId/messages', access: 'marketplace.read', tag, summary: 'Messages with a provider', params: requestLeadParams, reply: messageList }),
  requesterSend: apiRoute({ method: 'POST', path: '/marketplace/requests/:requestId/leads/:leadId/messages', access: 'marketplace.request', tag, summary: 'Send a provider a message', params: requestLeadParams, body: messageBody, reply: message, status: 201 }),
  guestMessages: apiRoute({ method: 'GET', path: '/guest/marketplace/leads/:leadId/messages', access: 'public', tag, summary: 'Messages with a provider (guest, by private link)', params: leadParams, query: guestTokenQuery, reply: messageList }),
  guestSend: apiRoute({ method: 'POST', path: '/guest/marketplace/leads/:leadId/messages', access: 'public', tag, summary: 'Send a provider a message (guest, by private link)', params: leadParams, body: guestMessageBody, reply: message, status: 201 }),
  comparison: apiRoute({ method: 'GET', path: '/marketplace/requests/:requestId/comparison', access: 'marketplace.read', tag, summary: 'Every submitted quote over the three-year cycle, with flags and the audit-time estimate', params: requestParams, reply: comparison }),
  comparisonPdf: apiRoute({ method: 'GET', path: '/marketplace/requests/:requestId/comparison.pdf', access: 'marketplace.read', tag, summary: 'The comparison as a PDF for the board', params: requestParams, reply: fileReply('application/pdf') }),
  guestComparison: apiRoute({ method: 'GET', path: '/guest/marketplace/comparison', access: 'public', tag, summary: 'The comparison (guest, by private link)', query: guestTokenQuery, reply: comparison }),
  guestComparisonPdf: apiRoute({ method: 'GET', path: '/guest/marketplace/comparison.pdf', access: 'public', tag, summary: 'The comparison as a PDF (guest, by private link)', query: guestTokenQuery, reply: fileReply('application/pdf') }),
  accept: apiRoute({ method: 'POST', path: '/marketplace/requests/:requestId/quotes/:quoteId/accept', access: 'marketplace.request', tag, summary: 'Accept a quote: the provider is engaged, the lane’s other quotes are not chosen', params: z.strictObject({ requestId: uuidParam, quoteId: uuidParam }), body: acceptBody, reply: engagement }),
  guestAccept: apiRoute({ method: 'POST', path: '/guest/marketplace/quotes/:quoteId/accept', access: 'public', tag, summary: 'Accept a quote (guest, by private link)', params: z.strictObject({ quoteId: uuidParam }), body: guestAcceptBody, reply: engagement }),
  engagements: apiRoute({ method: 'GET', path: '/marketplace/engagements', access: 'marketplace.read', tag, summary: 'The organisation’s engagements (who, what, when, value)', reply: engagementList }),
  review: apiRoute({ method: 'POST', path: '/marketplace/engagements/:engagementId/review', access: 'marketplace.request', tag, summary: 'Review the provider you engaged (published after moderation)', params: engagementParams, body: reviewBody, reply: review, status: 201 }),
  operatorReviews: apiRoute({ method: 'GET', path: '/operator/reviews', access: 'operator', tag, summary: 'Reviews waiting for moderation (or published, or rejected)', query: reviewListQuery, reply: reviewList }),
  publishReview: apiRoute({ method: 'POST', path: '/operator/reviews/:reviewId/publish', access: 'operator', tag, summary: 'Publish a review on the provider’s profile', params: reviewParams, body: moderateBody, reply: review }),
  rejectReview: apiRoute({ method: 'POST', path: '/operator/reviews/:reviewId/reject', access: 'operator', tag, summary: 'Reject a review, with a note', params: reviewParams, body: rejectReviewBody, reply: review }),
};
