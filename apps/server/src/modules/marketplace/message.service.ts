import type { Message } from '@custodian/shared/contracts/quotes.ts';
import { AppError } from '@custodian/shared/errors.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { newId } from '../../lib/ids.ts';
import { insertMessage, isRequestInScope, listLeadMessages, type MessageRow } from './message.repo.ts';
import { findLeadInScope, findRequesterLead, providerDisplayName, type LeadRow } from './quote-builder.repo.ts';
import { providerLead } from './quote-builder.service.ts';
import { mailOtherSide, marketplaceSignature } from './quote-mail.ts';
import type { RequesterCtx } from './requester-scope.ts';

/** How a provider sees the requester until the requester reveals who they are. */
export const hiddenRequesterLabel = 'The requester';

/** Lead statuses on which the two sides may talk (after the provider took the lead up). */
const talkingStatuses = new Set(['accepted', 'quoted', 'won', 'lost']);

/** The requester's name as revealed to this provider, or the anonymous label. */
export function requesterLabelFor(lead: Pick<LeadRow, 'revealed_identity'>): string {
  const identity = lead.revealed_identity;
  if (identity === null || typeof identity !== 'object') return hiddenRequesterLabel;
  const fields = identity as Record<string, unknown>;
  // The shape request.service.ts reveals: { contactName, contactEmail, organisationName }.
  const person = fields.contactName;
  const organisation = fields.organisationName;
  const parts = [person, organisation].filter((value): value is string => typeof value === 'string' && value !== '');
  if (parts.length === 0) return hiddenRequesterLabel;
  return parts.length === 2 ? `${parts[0]} (${parts[1]})` : (parts[0] as string);
}

function toMessage(row: MessageRow, viewer: 'requester' | 'provider', requesterLabel: string): Message {
  const side = row.sender_side === 'provider' ? 'provider' : 'requester';
  const isMine = side === viewer;
  const label = side === 'requester' ? (viewer === 'requester' ? 'You' : requesterLabel) : row.sender_label;
  return { id: row.id, side, senderLabel: label, isMine, body: row.body, createdAt: row.created_at.toISOString() };
}

function assertTalking(lead: LeadRow): void {
  if (!talkingStatuses.has(lead.status)) throw new AppError('conflict', 'Messages open once the provider has accepted the lead.');
}

function excerpt(body: string): string {
  return body.length > 1500 ? `${body.slice(0, 1500)}…` : body;
}

/** The messages on a provider's lead, oldest first; the requester is named only once revealed. */
export async function listProviderMessages(ctx: OrgCtx, leadId: string): Promise<{ items: Message[] }> {
  const lead = await providerLead(ctx, leadId);
  const label = requesterLabelFor(lead);
  return { items: (await listLeadMessages(ctx.tx, lead.id)).map((row) => toMessage(row, 'provider', label)) };
}

/** The provider writes to the requester; the requester is told by e-mail. */
export async function sendProviderMessage(ctx: OrgCtx, leadId: string, body: string): Promise<Message> {
  const lead = await providerLead(ctx, leadId);
  assertTalking(lead);
  const providerName = (await providerDisplayName(ctx.tx, ctx.org.id)) ?? ctx.org.name;
  const row = await insertMessage(ctx.tx, {
    id: newId(ctx.now.getTime()),
    lead_id: lead.id,
    request_id: lead.request_id,
    provider_org_id: lead.provider_org_id,
    sender_side: 'provider',
    sender_user_id: ctx.actor.userId,
    sender_label: `${ctx.user.name}, ${providerName}`,
    body,
    created_at: ctx.now,
  });
  await ctx.audit('marketplace.message_sent', { type: 'marketplace_message', id: row.id }, null, { side: 'provider' });
  await mailOtherSide(ctx, lead.id, 'requester', {
    subject: `New message from ${providerName}`,
    text: `${ctx.user.name} of ${providerName} wrote about your request for quotes:\n\n${excerpt(body)}\n\nReply from your request in Custodian.${marketplaceSignature}`,
  });
  return toMessage(row, 'provider', requesterLabelFor(lead));
}

/** The requester's lead (its organisation's request, or the guest's), or 404. */
async function requesterLead(ctx: RequesterCtx, leadId: string, requestId: string | null): Promise<LeadRow> {
  const notFound = new AppError('not_found', 'This provider’s lead was not found on your request.');
  if (ctx.requester.kind === 'guest') {
    const lead = await findLeadInScope(ctx.tx, leadId);
    if (!lead || lead.request_id !== ctx.requester.requestId) throw notFound;
    return lead;
  }
  if (!requestId || !(await isRequestInScope(ctx.tx, requestId))) throw notFound;
  const lead = await findRequesterLead(ctx.tx, requestId, leadId);
  if (!lead) throw notFound;
  return lead;
}

/** The messages with one provider on the requester's request, oldest first. */
export async function listRequesterMessages(ctx: RequesterCtx, leadId: string, requestId: string | null): Promise<{ items: Message[] }> {
  const lead = await requesterLead(ctx, leadId, requestId);
  return { items: (await listLeadMessages(ctx.tx, lead.id)).map((row) => toMessage(row, 'requester', hiddenRequesterLabel)) };
}

/**
 * The requester writes to a provider; the provider's owners and ISMS managers are told by e-mail. The
 * row the provider reads carries no name or person: "The requester" until the requester reveals itself.
 */
export async function sendRequesterMessage(ctx: RequesterCtx, leadId: string, requestId: string | null, body: string): Promise<Message> {
  const lead = await requesterLead(ctx, leadId, requestId);
  assertTalking(lead);
  const row = await insertMessage(ctx.tx, {
    id: newId(ctx.now.getTime()),
    lead_id: lead.id,
    request_id: lead.request_id,
    provider_org_id: lead.provider_org_id,
    sender_side: 'requester',
    sender_user_id: null,
    sender_label: hiddenRequesterLabel,
    body,
    created_at: ctx.now,
  });
  await ctx.audit('marketplace.message_sent', { type: 'marketplace_message', id: row.id }, null, { side: 'requester' });
  const from = requesterLabelFor(lead);
  await mailOtherSide(ctx, lead.id, 'provider', {
    subject: `New message from ${from === hiddenRequesterLabel ? 'a requester' : from} on a lead`,
    text: `${from} wrote about the lead you accepted:\n\n${excerpt(body)}\n\nReply from the lead in Custodian.${marketplaceSignature}`,
  });
  return toMessage(row, 'requester', hiddenRequesterLabel);
}
