import { z } from 'zod';
import { auStates, marketplaceServices } from '../domain/matching-score.ts';
import { apiRoute } from './api-route.ts';
import { email } from './auth.ts';
import { isoDate, okReply, recordVersion, singleLineName, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';

/** The kinds of healthcare practice a request can come from, with the words the form shows. */
export const requestSectors = ['general_practice', 'specialist', 'allied_health', 'dental', 'hospital', 'aged_care', 'pathology_imaging', 'mental_health', 'pharmacy', 'other'] as const;
export const requestSectorLabels: Record<(typeof requestSectors)[number], string> = {
  general_practice: 'General practice',
  specialist: 'Specialist practice',
  allied_health: 'Allied health',
  dental: 'Dental',
  hospital: 'Hospital or day surgery',
  aged_care: 'Aged care',
  pathology_imaging: 'Pathology or imaging',
  mental_health: 'Mental health',
  pharmacy: 'Pharmacy',
  other: 'Other healthcare',
};

export const certificationStatuses = ['none', 'working_towards', 'certified', 'lapsed'] as const;
export const certificationStatusLabels: Record<(typeof certificationStatuses)[number], string> = {
  none: 'Not certified and not started',
  working_towards: 'Working towards certification',
  certified: 'Certified now (looking at the next cycle)',
  lapsed: 'Was certified, the certificate has lapsed',
};

export const maturityLevels = ['starting', 'some_controls', 'documented', 'operating'] as const;
export const maturityLabels: Record<(typeof maturityLevels)[number], string> = {
  starting: 'Just starting: little written down',
  some_controls: 'Some security measures, not written down as a system',
  documented: 'Policies and risk assessment written, not yet run for a while',
  operating: 'The system has been running for months',
};

export const requestTimelines = ['within_3_months', 'within_6_months', 'within_12_months', 'over_12_months'] as const;
export const timelineLabels: Record<(typeof requestTimelines)[number], string> = {
  within_3_months: 'Within 3 months',
  within_6_months: 'Within 6 months',
  within_12_months: 'Within 12 months',
  over_12_months: 'More than a year away',
};

export const requestUrgencies = ['flexible', 'firm_date', 'urgent'] as const;
export const urgencyLabels: Record<(typeof requestUrgencies)[number], string> = {
  flexible: 'Flexible',
  firm_date: 'We have a firm date (a contract or tender asks for it)',
  urgent: 'Urgent',
};

export const serviceLabels: Record<(typeof marketplaceServices)[number], string> = {
  consulting: 'Consulting (help building the system)',
  certification: 'Certification audit',
  training: 'Training for staff',
};

export const requestStatuses = ['unconfirmed', 'pending_approval', 'rejected', 'open', 'decided', 'closed', 'withdrawn'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const requestStatusLabels: Record<RequestStatus, string> = {
  unconfirmed: 'Waiting for the e-mail address to be confirmed',
  pending_approval: 'Waiting for the marketplace to check it',
  rejected: 'Not sent',
  open: 'Sent to providers',
  decided: 'Decided',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

const centsAmount = z.number({ message: 'must be an amount in cents' }).int({ message: 'must be a whole number of cents' }).min(0).max(100_000_000_000);

export const requestSite = z.strictObject({
  state: z.enum(auStates, { message: 'must be an Australian state or territory' }).describe('the state or territory of the site'),
  city: singleLineName(1, 80).describe('the suburb or town of the site'),
});

/** The request's fields providers see (anonymised), shared by the organisation's form and the guest's. */
const requestFieldShape = {
  sector: z.enum(requestSectors, { message: 'must be one of the listed kinds of practice' }).describe('the kind of practice'),
  headcount: z.number({ message: 'must be a number of people' }).int().min(1).max(1_000_000).describe('the number of staff'),
  fte: z.number({ message: 'must be a number' }).min(0.1).max(1_000_000).describe('the full-time equivalents'),
  sites: z.array(requestSite).min(1, { message: 'add at least one site' }).max(200).describe('the sites'),
  scopeSummary: z.string().trim().max(2000).default('').describe('what the certificate should cover'),
  systems: z.string().trim().max(2000).default('').describe('the systems you use'),
  certificationStatus: z.enum(certificationStatuses, { message: 'must be one of the listed choices' }).describe('where you are with certification'),
  currentBody: z.string().trim().max(160).default('').describe('your current certification body'),
  maturity: z.enum(maturityLevels, { message: 'must be one of the listed choices' }).describe('how far along your security system is'),
  timeline: z.enum(requestTimelines, { message: 'must be one of the listed choices' }).describe('when you want to be certified'),
  urgency: z.enum(requestUrgencies, { message: 'must be one of the listed choices' }).describe('how urgent it is'),
  budgetMinCents: centsAmount.nullable().default(null).describe('the lowest figure of your budget'),
  budgetMaxCents: centsAmount.nullable().default(null).describe('the highest figure of your budget'),
  isRemoteAcceptable: z.boolean({ message: 'must be yes or no' }).default(true).describe('whether remote work suits you'),
  services: z
    .array(z.enum(marketplaceServices, { message: 'must be consulting, a certification audit or training' }))
    .min(1, { message: 'choose at least one service' })
    .max(3)
    .refine((list) => new Set(list).size === list.length, { message: 'lists a service twice' })
    .describe('the services you want'),
  targetDate: isoDate.nullable().default(null).describe('your target date'),
  ismsBuiltByProviderId: uuidParam.nullable().default(null).describe('the consultancy that built your security system'),
  ismsBuiltFinishedOn: isoDate.nullable().default(null).describe('when that work finished'),
};

function budgetInOrder(value: { budgetMinCents: number | null; budgetMaxCents: number | null }): boolean {
  return value.budgetMinCents === null || value.budgetMaxCents === null || value.budgetMinCents <= value.budgetMaxCents;
}
const budgetIssue = { message: 'must not be lower than the lowest figure', path: ['budgetMaxCents'] };
const builtIssue = { message: 'must be given when you name the consultancy that built your system', path: ['ismsBuiltFinishedOn'] };
const builtComplete = (value: { ismsBuiltByProviderId: string | null; ismsBuiltFinishedOn: string | null }) =>
  value.ismsBuiltByProviderId === null || value.ismsBuiltFinishedOn !== null;

export const createRequestBody = z.strictObject(requestFieldShape).refine(budgetInOrder, budgetIssue).refine(builtComplete, builtIssue);
export type CreateRequestBody = z.input<typeof createRequestBody>;
export type RequestFields = z.output<typeof createRequestBody>;

/**
 * A guest's request: the same fields, who to reply to, and `website`, a field people never see (a
 * honeypot): when a program fills it in, the answer is the same but nothing is stored or sent.
 */
export const guestRequestBody = z
  .strictObject({
    ...requestFieldShape,
    contactName: singleLineName(1, 120).describe('your name'),
    email,
    organisationName: singleLineName(2, 160).describe('the name of your organisation'),
    website: z.string().max(500).optional(),
  })
  .refine(budgetInOrder, budgetIssue)
  .refine(builtComplete, builtIssue);
export type GuestRequestBody = z.input<typeof guestRequestBody>;

const scored = z.object({ ref: z.string(), title: z.string(), score: z.number() });
/** Readiness as the request carries it: overall, per clause and per Annex A theme (0–100). */
export const requestReadiness = z.object({ overall: z.number(), clauses: z.array(scored), themes: z.array(scored), notStarted: z.number().int(), partial: z.number().int(), asOf: z.string() });
export type RequestReadiness = z.infer<typeof requestReadiness>;

/** The form pre-filled from what Custodian holds for the organisation. */
export const requestDraft = z.object({
  organisationName: z.string(),
  contactName: z.string(),
  contactEmail: z.string(),
  headcount: z.number().int(),
  readiness: requestReadiness.nullable(),
  targetDate: z.string().nullable(),
  /** The consultancy this organisation engaged through the marketplace most recently, as the likely builder of its ISMS. */
  ismsBuiltBy: z.object({ providerId: z.string(), providerName: z.string(), finishedOn: z.string() }).nullable(),
});

const requestFieldsReply = z.object({
  sector: z.enum(requestSectors),
  headcount: z.number().int(),
  fte: z.number(),
  sites: z.array(z.object({ state: z.enum(auStates), city: z.string() })),
  scopeSummary: z.string(),
  systems: z.string(),
  certificationStatus: z.enum(certificationStatuses),
  currentBody: z.string(),
  maturity: z.enum(maturityLevels),
  timeline: z.enum(requestTimelines),
  urgency: z.enum(requestUrgencies),
  budgetMinCents: z.number().int().nullable(),
  budgetMaxCents: z.number().int().nullable(),
  isRemoteAcceptable: z.boolean(),
  services: z.array(z.enum(marketplaceServices)),
  targetDate: z.string().nullable(),
  readiness: requestReadiness.nullable(),
});
export type AnonymisedRequest = z.infer<typeof requestFieldsReply>;
export { requestFieldsReply as anonymisedRequest };

export const leadStatuses = ['offered', 'accepted', 'declined', 'expired', 'quoted', 'won', 'lost', 'withdrawn'] as const;
export type LeadStatus = (typeof leadStatuses)[number];
export const leadStatusLabels: Record<LeadStatus, string> = {
  offered: 'Waiting for the provider',
  accepted: 'Accepted: a quote is being prepared',
  declined: 'Declined',
  expired: 'No answer in time: passed on',
  quoted: 'Quote received',
  won: 'Chosen',
  lost: 'Not chosen',
  withdrawn: 'Withdrawn',
};

/** A lead as the requester sees it: who it went to, why, the commission disclosed, and its state. */
export const requesterLead = z.object({
  id: z.uuid(),
  lane: z.enum(marketplaceServices),
  rank: z.number().int(),
  providerName: z.string(),
  providerSlug: z.string().nullable(),
  reasons: z.array(z.string()),
  commissionPercent: z.number().nullable(),
  status: z.enum(leadStatuses),
  offeredAt: z.string(),
  respondBy: z.string(),
  declineReason: z.string().nullable(),
  isRevealed: z.boolean(),
});
export type RequesterLead = z.infer<typeof requesterLead>;

export const marketplaceRequest = requestFieldsReply.extend({
  id: z.uuid(),
  status: z.enum(requestStatuses),
  contactName: z.string(),
  contactEmail: z.string(),
  organisationName: z.string(),
  rejectedReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type MarketplaceRequest = z.infer<typeof marketplaceRequest>;

export const marketplaceRequestDetail = z.object({ request: marketplaceRequest, leads: z.array(requesterLead) });
export type MarketplaceRequestDetail = z.infer<typeof marketplaceRequestDetail>;

export const requestListQuery = listQuery({ filters: { status: z.enum(requestStatuses).optional() }, sorts: ['createdAt'], sort: 'createdAt', order: 'desc' });
export type RequestListQuery = z.infer<typeof requestListQuery>;

export const requestParams = z.strictObject({ requestId: uuidParam });
export const revealParams = z.strictObject({ requestId: uuidParam, leadId: uuidParam });
export const guestLinkToken = z.string().min(20, { message: 'is not the whole link from the e-mail' }).max(100, { message: 'is not a link from the e-mail' }).describe('the link from the e-mail');
export const guestLinkQuery = z.strictObject({ token: guestLinkToken });
export const guestRevealBody = z.strictObject({ token: guestLinkToken, leadId: uuidParam.describe('the provider') });
export const rejectRequestBody = z.strictObject({ version: recordVersion, reason: z.string().trim().min(5, { message: 'say in a sentence why it is not sent' }).max(1000).describe('the reason') });
export const approveRequestBody = z.strictObject({ version: recordVersion });

/** The approval queue's row: the request with who sent it (the operator sees identity). */
export const pendingRequest = marketplaceRequest.extend({ isGuest: z.boolean() });
export const pendingListQuery = listQuery({ filters: {}, sorts: ['createdAt'], sort: 'createdAt', order: 'asc' });
export type PendingListQuery = z.infer<typeof pendingListQuery>;

/** What approval did: the leads offered in each lane. */
export const approvalReply = z.object({ request: marketplaceRequest, offered: z.number().int() });

const tag = 'marketplace-requests';

/** Requests for quotes: the organisation's form and list, the guest's form and link, and the operator's approval. */
export const marketplaceRequestsApi = {
  draft: apiRoute({ method: 'GET', path: '/marketplace/requests/draft', access: 'marketplace.request', tag, summary: 'A request form pre-filled from what Custodian holds', reply: requestDraft }),
  create: apiRoute({ method: 'POST', path: '/marketplace/requests', access: 'marketplace.request', tag, summary: 'Ask for quotes (checked by the marketplace before it is sent)', body: createRequestBody, reply: marketplaceRequest, status: 201 }),
  list: apiRoute({ method: 'GET', path: '/marketplace/requests', access: 'marketplace.read', tag, summary: 'The organisation’s requests for quotes', query: requestListQuery, reply: listOf(marketplaceRequest) }),
  get: apiRoute({ method: 'GET', path: '/marketplace/requests/:requestId', access: 'marketplace.read', tag, summary: 'A request with its leads per lane', params: requestParams, reply: marketplaceRequestDetail }),
  reveal: apiRoute({ method: 'POST', path: '/marketplace/requests/:requestId/leads/:leadId/reveal', access: 'marketplace.request', tag, summary: 'Show who you are to one provider', params: revealParams, reply: requesterLead }),
  guestCreate: apiRoute({ method: 'POST', path: '/guest/requests', access: 'public', tag, summary: 'Ask for quotes without an account (a link to confirm arrives by e-mail)', body: guestRequestBody, reply: okReply, status: 201 }),
  guestGet: apiRoute({ method: 'GET', path: '/guest/request', access: 'public', tag, summary: 'A guest’s request from the private link (the first visit confirms the address)', query: guestLinkQuery, reply: marketplaceRequestDetail }),
  guestReveal: apiRoute({ method: 'POST', path: '/guest/request/reveal', access: 'public', tag, summary: 'A guest shows who they are to one provider', body: guestRevealBody, reply: requesterLead }),
  pending: apiRoute({ method: 'GET', path: '/operator/requests', access: 'operator', tag, summary: 'Requests waiting for approval', query: pendingListQuery, reply: listOf(pendingRequest) }),
  approve: apiRoute({ method: 'POST', path: '/operator/requests/:requestId/approve', access: 'operator', tag, summary: 'Approve a request and offer it to matched providers', params: requestParams, body: approveRequestBody, reply: approvalReply }),
  reject: apiRoute({ method: 'POST', path: '/operator/requests/:requestId/reject', access: 'operator', tag, summary: 'Decline to send a request, with the reason (mailed to the requester)', params: requestParams, body: rejectRequestBody, reply: marketplaceRequest }),
};
