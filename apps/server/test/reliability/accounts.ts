import type { Agent } from 'node:http';
import { decodeQuotedPrintable, type startSmtpSink } from '../../../../e2e/support/smtp-sink.ts';
import { expectStatus, newApiClient, type ApiClient } from './http-client.ts';

type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

export const reliabilityPassword = 'harbour lights at dusk 42';

let counter = 0;

export interface SignedInOwner {
  client: ApiClient;
  email: string;
  orgId: string;
  userId: string;
}

/**
 * Signs up a new organisation over HTTP exactly as a person would: sign-up, the confirmation link
 * from the e-mail (caught by a real SMTP sink), sign-in. Costs two argon2 hashes, so runs create a
 * handful of these and share their sessions between many clients.
 */
export async function signUpOwnerOverHttp(agent: Agent, port: number, smtp: SmtpSink, organisationName: string): Promise<SignedInOwner> {
  counter += 1;
  const email = `owner.${process.pid}.${Date.now()}.${counter}@reliability.example`;
  const client = newApiClient(agent, port);
  expectStatus(await client.request('POST', '/api/v1/auth/signup', { name: `Owner ${counter}`, email, password: reliabilityPassword, organisationName }), 201, 'sign-up');
  const mail = decodeQuotedPrintable((await smtp.waitFor(email, 30_000)).raw);
  const token = /\/verify-email\?token=([A-Za-z0-9_.-]+)/.exec(mail)?.[1];
  if (!token) throw new Error(`no confirmation link in the mail to ${email}`);
  expectStatus(await client.request('POST', '/api/v1/auth/verify-email', { token }), 200, 'verify e-mail');
  expectStatus(await client.request('POST', '/api/v1/auth/login', { email, password: reliabilityPassword }), 200, 'sign-in');
  const session = expectStatus(await client.request('GET', '/api/v1/auth/session'), 200, 'session').json<{ organisation: { orgId: string }; user: { id: string } }>();
  return { client, email, orgId: session.organisation.orgId, userId: session.user.id };
}

/** Every gap-analysis item id (the catalogue items a write can target). */
export async function listGapItemIds(client: ApiClient): Promise<string[]> {
  const reply = expectStatus(await client.request('GET', '/api/v1/gap/items?limit=200'), 200, 'list gap items');
  const page = reply.json<{ items: Array<{ itemId: string }>; total: { count: number } }>();
  if (page.total.count > page.items.length) throw new Error(`more gap items (${page.total.count}) than one page holds`);
  return page.items.map((item) => item.itemId);
}
