import { currentTotp } from '../src/modules/auth/totp.ts';
import { signUpOwner, type TestClient } from './test-client.ts';
import type { TestServer } from './test-server.ts';

/**
 * Providers and the platform operator for tests, made through the API as a person would (the operator
 * flag as the command line sets it: as the owner role, directly in the database).
 */

let counter = 0;

export interface TestProvider {
  client: TestClient;
  email: string;
  userId: string;
  orgId: string;
  slug: string;
  version: number;
}

/** A unique directory address for one test. */
export function uniqueSlug(prefix = 'provider'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * A person who signs up (a healthcare organisation of their own), creates a provider organisation of
 * the given kind, switches to it and, unless told otherwise, publishes its profile with the fields given.
 */
export async function createProvider(
  server: TestServer,
  options: { kind?: 'consultant' | 'certification_body' | 'trainer'; displayName?: string; isPublished?: boolean; fields?: Record<string, unknown> } = {},
): Promise<TestProvider> {
  const person = await signUpOwner(server, { organisationName: 'Provider Staff Clinic' });
  const slug = uniqueSlug(options.kind === 'certification_body' ? 'cb' : 'consult');
  const kind = options.kind ?? 'consultant';
  const created = await person.client.request('POST', '/api/v1/provider/organisations', { name: `${options.displayName ?? 'Test Provider'} Pty Ltd`, kind, displayName: options.displayName ?? 'Test Provider', slug });
  if (created.status !== 201) throw new Error(`provider create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const orgId = created.json<{ orgId: string }>().orgId;
  const switched = await person.client.request('POST', '/api/v1/auth/switch-org', { orgId });
  if (switched.status !== 200) throw new Error(`switch failed: ${switched.status}`);
  let version = created.json<{ version: number }>().version;
  const services = kind === 'certification_body' ? ['certification_audit'] : kind === 'trainer' ? ['training'] : ['consulting'];
  const fields = { services, standards: ['iso27001'], states: ['NSW'], isPublished: options.isPublished ?? true, ...options.fields };
  const updated = await person.client.request('PATCH', '/api/v1/provider/profile', { version, ...fields });
  if (updated.status !== 200) throw new Error(`provider profile failed: ${updated.status} ${JSON.stringify(updated.body)}`);
  version = updated.json<{ version: number }>().version;
  return { client: person.client, email: person.email, userId: person.userId, orgId, slug, version };
}

/** Makes an existing account the platform operator, as `operator grant` does (the owner role, not the application's). */
export async function grantOperator(server: TestServer, userId: string): Promise<void> {
  await server.ownerQuery('update users set is_platform_operator = true where id = $1', [userId]);
}

/** A signed-in platform operator with two-step verification on (its code taken at the server's time, `at`). */
export async function signUpOperator(server: TestServer, at: Date = new Date()): Promise<{ client: TestClient; userId: string; email: string }> {
  const person = await signUpOwner(server, { organisationName: 'Operator Home Org', name: 'Olive Operator' });
  const setup = await person.client.request('POST', '/api/v1/auth/mfa/setup');
  const confirm = await person.client.request('POST', '/api/v1/auth/mfa/confirm', { code: await currentTotp(setup.json<{ secret: string }>().secret, at) });
  if (confirm.status !== 200) throw new Error(`operator MFA failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  await grantOperator(server, person.userId);
  return { client: person.client, userId: person.userId, email: person.email };
}

/** A tiny valid PDF (its first bytes are what Custodian checks), as base64. */
export function pdfBase64(text = 'Accreditation certificate'): string {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1').toString('base64');
}

/** An accreditation body for a request: JAS-ANZ, ISO/IEC 27001 in scope. */
export function accreditationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    accreditationBody: 'JAS-ANZ',
    isIafMember: true,
    accreditationNumber: `Z${Math.floor(Math.random() * 1_000_000)}`,
    standards: ['iso27001'],
    scopeNote: 'Information security management systems, healthcare services',
    expiresOn: '2027-06-30',
    certificate: { fileName: 'certificate.pdf', contentBase64: pdfBase64() },
    ...overrides,
  };
}
