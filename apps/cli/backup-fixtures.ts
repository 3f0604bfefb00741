import { CompiledQuery } from 'kysely';
import { bootServer } from '../server/src/boot.ts';
import { addMemberWithRole, enrolTotp, saveGapItem, signUpOwner } from '../server/test/test-client.ts';
import { testConfig, type TestServer } from '../server/test/test-server.ts';

/** Boots the server in this process on a given PostgreSQL database URL (so the CLI can reach the same database). */
export async function startServerOn(databaseUrl: string): Promise<TestServer> {
  const server = await bootServer(testConfig({ DATABASE_URL: databaseUrl }), { logger: false, mailPollMs: 50 });
  const db = server.deps.database.db;
  return { ...server, ownerQuery: async <T,>(text: string, params: unknown[] = []) => (await db.executeQuery<T>(CompiledQuery.raw(text, params))).rows };
}

/**
 * Two organisations with something in every tenant table: members (one with MFA, so recovery codes
 * and an encrypted secret exist), an open invitation, mail in the outbox, gap entries with awkward
 * text, and the audit trail all of that wrote.
 */
export async function populate(server: TestServer) {
  const a = await signUpOwner(server, { organisationName: 'Backup Clinic (A)' });
  const b = await signUpOwner(server, { organisationName: 'Other Clinic (B)' });
  const member = await addMemberWithRole(server, a, 'contributor');
  await enrolTotp(member.client);
  const pending = await a.client.request('POST', '/api/v1/invitations', { email: 'not.yet@clinic.example', role: 'auditor' });
  if (pending.status !== 201) throw new Error(`invitation failed: ${pending.status}`);
  const writes: Array<[typeof a, string, Record<string, unknown>]> = [
    [a, 'iso27001:2022:A.5.1', { status: 'partial', notes: 'line one\nline two — «quotes» "double" \\ backslash ✓ 🩺', targetDate: '2027-02-28', ownerUserId: member.userId }],
    [a, 'iso27001:2022:A.7.4', { status: 'not_applicable', justification: 'No physical premises monitored by us; landlord covers it.' }],
    [a, 'iso27001:2022:A.5.1', { status: 'implemented', notes: 'second write wins' }],
    [b, 'iso27001:2022:A.8.13', { status: 'partial', notes: 'backups nightly' }],
  ];
  for (const [owner, item, body] of writes) {
    const reply = await saveGapItem(owner.client, `/api/v1/gap/items/${item}`, body);
    if (reply.status !== 200) throw new Error(`gap write failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  // Evidence and what it is evidence of (the file itself lives in the blob store, outside the backup).
  const evidence = await a.client.request('POST', '/api/v1/evidence', { kind: 'note', title: 'Fire drill — «record» ✓', note: 'Everyone out in 3 minutes.', validUntil: '2027-06-30', ownerUserId: member.userId });
  if (evidence.status !== 201) throw new Error(`evidence failed: ${evidence.status} ${JSON.stringify(evidence.body)}`);
  const evidenceId = evidence.json<{ id: string }>().id;
  const linked = await a.client.request('POST', `/api/v1/evidence/${evidenceId}/links`, { targetKind: 'control', targetId: 'iso27001:2022:A.5.24' });
  if (linked.status !== 200) throw new Error(`evidence link failed: ${linked.status} ${JSON.stringify(linked.body)}`);
  await server.mail.drain();
  return { a, b, member };
}
