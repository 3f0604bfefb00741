import { quotesApi, type Comparison, type Engagement, type Message } from '@custodian/shared/contracts/quotes.ts';
import { call, urlOf } from '../../api/client.ts';

/**
 * Who looks at the quotes: a member of the requesting organisation (by the request's id) or a guest
 * with the private link (by its token). The comparison and its messages are the same components for
 * both; only the API routes differ (the guest's carry the token in the query or the body).
 */
export type Requester = { kind: 'org'; requestId: string } | { kind: 'guest'; token: string };

/** The calls the comparison and its messages make, for one requester. */
export interface RequesterApi {
  /** Cache key of the comparison (the guest's token is part of it, never logged). */
  comparisonKey: readonly unknown[];
  loadComparison: () => Promise<Comparison>;
  pdfUrl: string;
  accept: (quoteId: string, version: number) => Promise<Engagement>;
  messagesKey: (leadId: string) => readonly unknown[];
  loadMessages: (leadId: string) => Promise<{ items: Message[] }>;
  sendMessage: (leadId: string, body: string) => Promise<Message>;
}

/** The organisation's routes or the guest's, for the same pages. */
export function requesterApi(requester: Requester): RequesterApi {
  if (requester.kind === 'org') {
    const { requestId } = requester;
    return {
      comparisonKey: ['comparison', requestId],
      loadComparison: () => call(quotesApi.comparison, { params: { requestId } }),
      pdfUrl: urlOf(quotesApi.comparisonPdf, { params: { requestId } }),
      accept: (quoteId, version) => call(quotesApi.accept, { params: { requestId, quoteId }, body: { version } }),
      messagesKey: (leadId) => ['lead-messages', leadId],
      loadMessages: (leadId) => call(quotesApi.requesterMessages, { params: { requestId, leadId } }),
      sendMessage: (leadId, body) => call(quotesApi.requesterSend, { params: { requestId, leadId }, body: { body } }),
    };
  }
  const { token } = requester;
  return {
    comparisonKey: ['guest-comparison', token],
    loadComparison: () => call(quotesApi.guestComparison, { query: { token } }),
    pdfUrl: urlOf(quotesApi.guestComparisonPdf, { query: { token } }),
    accept: (quoteId, version) => call(quotesApi.guestAccept, { params: { quoteId }, body: { token, version } }),
    messagesKey: (leadId) => ['guest-lead-messages', token, leadId],
    loadMessages: (leadId) => call(quotesApi.guestMessages, { params: { leadId }, query: { token } }),
    sendMessage: (leadId, body) => call(quotesApi.guestSend, { params: { leadId }, body: { token, body } }),
  };
}
