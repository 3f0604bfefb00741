import { z } from 'zod';
import { marketplaceServices } from '../domain/matching-score.ts';
import { apiRoute } from './api-route.ts';
import { recordVersion, uuidParam } from './common.ts';
import { listOf, listQuery } from './list.ts';
import { anonymisedRequest, leadStatuses } from './marketplace-requests.ts';

/** Who the requester is, once they chose to show it to this provider. */
export const revealedIdentity = z.object({ contactName: z.string(), contactEmail: z.string(), organisationName: z.string() });

/** A lead as its provider sees it: the anonymised request, and identity only once revealed. */
export const providerLead = z.object({
  id: z.uuid(),
  lane: z.enum(marketplaceServices),
  status: z.enum(leadStatuses),
  offeredAt: z.string(),
  respondBy: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  request: anonymisedRequest,
  identity: revealedIdentity.nullable(),
  version: z.number().int(),
});
export type ProviderLead = z.infer<typeof providerLead>;

export const leadListQuery = listQuery({ filters: { status: z.enum(leadStatuses).optional() }, sorts: ['offeredAt'], sort: 'offeredAt', order: 'desc' });
export type LeadListQuery = z.infer<typeof leadListQuery>;

export const leadParams = z.strictObject({ leadId: uuidParam });
export const acceptLeadBody = z.strictObject({ version: recordVersion });
export const declineLeadBody = z.strictObject({
  version: recordVersion,
  reason: z.string().trim().min(3, { message: 'say briefly why you are declining' }).max(1000).describe('the reason'),
});

const tag = 'leads';

/** A provider's lead inbox: the requests offered to it, to accept or decline. */
export const leadsApi = {
  list: apiRoute({ method: 'GET', path: '/provider/leads', access: 'provider.read', tag, summary: 'Requests for quotes offered to your organisation', query: leadListQuery, reply: listOf(providerLead) }),
  get: apiRoute({ method: 'GET', path: '/provider/leads/:leadId', access: 'provider.read', tag, summary: 'One lead (the request without who sent it, unless they showed you)', params: leadParams, reply: providerLead }),
  accept: apiRoute({ method: 'POST', path: '/provider/leads/:leadId/accept', access: 'leads.respond', tag, summary: 'Accept a lead (you will quote)', params: leadParams, body: acceptLeadBody, reply: providerLead }),
  decline: apiRoute({ method: 'POST', path: '/provider/leads/:leadId/decline', access: 'leads.respond', tag, summary: 'Decline a lead with the reason (it passes to the next provider)', params: leadParams, body: declineLeadBody, reply: providerLead }),
};
