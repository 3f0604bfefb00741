import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { addMemberWithRole, signUpOwner, type TestClient } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { runAsMember } from '../../core/transaction.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { auditResultsForReview, auditsObligations, auditsPackFiles, internalAuditProgress, nonconformitiesForReview } from './audits.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const a51 = 'iso27001:2022:A.5.1';
interface ChecklistLine {
  itemId: string;
  ref: string;
  version: number;
}
interface Detail {
  id: string;
  version: number;
  status: string;
  checklist: ChecklistLine[];
  findings: Array<{ type: string; nonconformityId: string | null; nonconformityNumber: number | null }>;
}
interface Nc {
  id: string;
  ref: string;
  status: string;
  version: number;
  isOverdue: boolean;
  reviewDueOn: string | null;
  actions: Array<{ id: string; version: number }>;
}

function asOwner<T>(owner: { orgId: string; userId: string; email: string }, fn: (ctx: OrgCtx) => Promise<T>): Promise<T> {
  const base = { deps: server.deps, now: new Date(), requestId: 'test', log: server.app.log };
  const member = {
    actor: { userId: owner.userId, userLabel: 'Pat Owner', orgId: owner.orgId, role: 'owner' as const },
    org: { id: owner.orgId, name: 'Bayside Physio', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
    name: 'Pat Owner',
    email: owner.email,
  };
  return runAsMember(base, member, fn, true);
}

async function recordAll(client: TestClient, audit: Detail, result = 'conforms'): Promise<void> {
  for (const line of audit.checklist) {
    const saved = await client.request('PATCH', `/api/v1/audits/${audit.id}/checklist/${encodeURIComponent(line.itemId)}`, { version: line.version, result, notes: 'Checked' });
    expect(saved.status).toBe(200);
  }
}

describe('internal audits and nonconformities', () => {
  it('plans an independent audit, raises a minor nonconformity, corrects it, reviews its effectiveness and reports', async () => {
    const owner = await signUpOwner(server);
    const auditor = await addMemberWithRole(server, owner, 'isms_manager');
    const today = todayIn('Australia/Sydney', new Date());
    // The owner owns A.5.1: the owner may not audit it, the ISMS manager may.
    expect((await owner.client.request('PATCH', `/api/v1/controls/${encodeURIComponent(a51)}`, { version: 0, ownerUserId: owner.userId })).status).toBe(200);
    const plan = { title: 'Annual ISMS audit (demo)', scopeClauses: ['9'], scopeControls: [a51], criteria: 'ISO/IEC 27001:2022 and our policies', plannedStart: today, plannedEnd: today };
    const notIndependent = await owner.client.request('POST', '/api/v1/audits', { ...plan, auditorUserId: owner.userId });
    expect(notIndependent.status).toBe(400);
    expect(notIndependent.json<{ error: { message: string } }>().error.message).toMatch(/owns A\.5\.1 in this audit's scope, and nobody may audit their own work/);
    const excluded = await owner.client.request('POST', '/api/v1/audits', { ...plan, scopeControls: ['iso27001:2022:A.99'] });
    expect(excluded.status).toBe(400);

    const created = await owner.client.request('POST', '/api/v1/audits', { ...plan, auditorUserId: auditor.userId });
    expect(created.status).toBe(201);
    let audit = created.json<Detail>();
    expect(audit.checklist.some((l) => l.ref === 'A.5.1')).toBe(true);
    expect(audit.checklist.filter((l) => l.ref.startsWith('9')).length).toBeGreaterThan(0);
    // Handing the audit to its owner later is refused too.
    expect((await owner.client.request('PATCH', `/api/v1/audits/${audit.id}`, { version: audit.version, auditorUserId: owner.userId })).status).toBe(400);
    audit = (await auditor.client.request('PATCH', `/api/v1/audits/${audit.id}`, { version: audit.version, status: 'in_progress' })).json<Detail>();
    expect(audit.status).toBe('in_progress');

    const finding = await auditor.client.request('POST', `/api/v1/audits/${audit.id}/findings`, { type: 'minor', itemId: a51, description: 'The policy was not reviewed this year', evidenceRef: 'Policy register, page 2' });
    expect(finding.status).toBe(201);
    audit = finding.json<Detail>();
    const ncId = audit.findings[0]?.nonconformityId ?? '';
    expect(audit.findings[0]).toMatchObject({ type: 'minor', nonconformityNumber: 1 });
    await auditor.client.request('POST', `/api/v1/audits/${audit.id}/findings`, { type: 'improvement', description: 'Put review dates in the calendar' });
    expect((await auditor.client.request('POST', `/api/v1/audits/${audit.id}/complete`, { version: audit.version, conclusion: 'Conforms apart from one minor nonconformity.' })).status).toBe(400);
    await recordAll(auditor.client, audit);
    const fresh = (await auditor.client.get(`/api/v1/audits/${audit.id}`)).json<Detail>();
    const completed = await auditor.client.request('POST', `/api/v1/audits/${audit.id}/complete`, { version: fresh.version, conclusion: 'Conforms apart from one minor nonconformity.' });
    expect(completed.status).toBe(200);

    let nc = (await owner.client.get(`/api/v1/nonconformities/${ncId}`)).json<Nc>();
    expect(nc).toMatchObject({ ref: 'NC-1', status: 'open' });
    nc = (await owner.client.request('POST', `/api/v1/nonconformities/${ncId}/actions`, { description: 'Review the policy and set a yearly reminder', ownerUserId: owner.userId, dueOn: '2020-01-01' })).json<Nc>();
    expect(nc).toMatchObject({ status: 'action_planned', isOverdue: true });
    const overdue = (await owner.client.get('/api/v1/nonconformities?isOverdue=true')).json<{ items: Nc[] }>();
    expect(overdue.items.map((i) => i.ref)).toEqual(['NC-1']);
    const action = nc.actions[0] ?? { id: '', version: 0 };
    nc = (await owner.client.request('PATCH', `/api/v1/nonconformities/${ncId}/actions/${action.id}`, { version: action.version, isCompleted: true })).json<Nc>();
    expect(nc.status).toBe('awaiting_review');
    expect(nc.reviewDueOn).not.toBeNull();
    const noRootCause = await owner.client.request('POST', `/api/v1/nonconformities/${ncId}/reviews`, { version: nc.version, isEffective: true, notes: 'Policy reviewed' });
    expect(noRootCause.status).toBe(400);
    nc = (await owner.client.request('PATCH', `/api/v1/nonconformities/${ncId}`, { version: nc.version, rootCause: 'No reminder for the review date', correction: 'Policy reviewed' })).json<Nc>();
    const notEffective = await owner.client.request('POST', `/api/v1/nonconformities/${ncId}/reviews`, { version: nc.version, isEffective: false, notes: 'The reminder was never set up' });
    expect(notEffective.json<Nc>().status).toBe('open');
    nc = notEffective.json<Nc>();
    nc = (await owner.client.request('POST', `/api/v1/nonconformities/${ncId}/actions`, { description: 'Set up the reminder', ownerUserId: owner.userId, dueOn: today })).json<Nc>();
    const second = nc.actions[1] ?? { id: '', version: 0 };
    nc = (await owner.client.request('PATCH', `/api/v1/nonconformities/${ncId}/actions/${second.id}`, { version: second.version, isCompleted: true })).json<Nc>();
    const closed = await owner.client.request('POST', `/api/v1/nonconformities/${ncId}/reviews`, { version: nc.version, isEffective: true, notes: 'Reminder fired; policy current' });
    expect(closed.json<Nc>()).toMatchObject({ status: 'closed', isOverdue: false });

    const docx = (await docxParagraphs((await owner.client.get(`/api/v1/audits/${audit.id}/report.docx`)).raw.rawPayload)).join('\n');
    const pdf = await pdfText((await owner.client.get(`/api/v1/audits/${audit.id}/report.pdf`)).raw.rawPayload);
    for (const words of ['Internal audit report: Annual ISMS audit (demo)', 'The policy was not reviewed this year', 'Minor nonconformity', 'NC-1', 'Conforms apart from one minor nonconformity.', 'Member isms_manager']) {
      expect(docx).toContain(words);
      expect(pdf).toContain(words);
    }

    const results = await asOwner(owner, (ctx) => auditResultsForReview(ctx, '2000-01-01'));
    expect(results.summary).toBe('1 internal audit completed since 01/01/2000, with 0 major nonconformity, 1 minor nonconformity, 0 observation, 1 opportunity for improvement.');
    const ncs = await asOwner(owner, (ctx) => nonconformitiesForReview(ctx, '2000-01-01'));
    expect(ncs.summary).toBe('1 nonconformity raised and 1 closed since 01/01/2000; 0 open; 2 effectiveness reviews since then (1 effective, 1 not effective).');
    expect(ncs.lines.join('\n')).toContain('not effective, reopened');
    const obligations = await asOwner(owner, (ctx) => auditsObligations(ctx));
    expect(obligations.map((o) => [o.kind, o.isDone])).toEqual([
      ['internal-audit', true],
      ['corrective-action', true],
      ['corrective-action', true],
    ]);
    const progress = await asOwner(owner, (ctx) => internalAuditProgress(ctx));
    expect(progress.done).toBe(2);
    expect(progress.detail).toBe(`2 of ${progress.total} clauses and applicable controls covered by a completed internal audit`);
    const pack = await asOwner(owner, (ctx) => auditsPackFiles(ctx));
    expect(pack.map((f) => f.path)).toEqual(['internal-audit/audit-programme.pdf', expect.stringMatching(/^internal-audit\/report-\d{4}-\d{2}-\d{2}-annual-isms-audit-demo-/), 'internal-audit/nonconformity-register.pdf']);
    expect(await pdfText(pack[2]?.bytes ?? new Uint8Array())).toContain('No reminder for the review date');

    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${ncId}&order=asc`)).json<{ items: Array<{ action: string }> }>();
    expect(trail.items.map((e) => e.action)).toContain('nonconformities.reviewed');
  });
});
