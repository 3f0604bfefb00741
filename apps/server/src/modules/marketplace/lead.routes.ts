import { leadsApi } from '@custodian/shared/contracts/leads.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { acceptLead, declineLead, getLead, listLeads } from './lead.service.ts';

/** A provider's lead inbox: list, one lead, accept, decline. */
export const leadRoutes = [
  defineRoute(leadsApi.list, { handler: (ctx, { query }) => listLeads(ctx, query) }),
  defineRoute(leadsApi.get, { handler: (ctx, { params }) => getLead(ctx, params.leadId) }),
  defineRoute(leadsApi.accept, { handler: (ctx, { params, body }) => acceptLead(ctx, params.leadId, body.version) }),
  defineRoute(leadsApi.decline, { handler: (ctx, { params, body }) => declineLead(ctx, params.leadId, body) }),
];
