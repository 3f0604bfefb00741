import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { insertAsset, insertMethod, insertRisks } from '../../../test/risk-register-fixtures.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { formatAuDate, todayIn } from '../../lib/dates.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const base = '/api/v1/risk-insights';

/** A small register: one risk treated with tasks and accepted, one above appetite untreated, one low and left alone, one closed. */
async function register() {
  const owner = await signUpOwner(server, { organisationName: 'Harbourside Family Clinic (demo)', name: 'Dr Jane Citizen' });
  const manager = await addMemberWithRole(server, owner, 'isms_manager');
  await server.ownerQuery(`update orgs set time_zone = 'Australia/Perth' where org_id = $1`, [owner.orgId]);
  await insertMethod(server, owner.orgId);
  await insertAsset(server, owner.orgId, { ref: 'A-0001', name: 'Practice management system' });
  await insertAsset(server, owner.orgId, { ref: 'A-0002', name: 'Reception PCs', kind: 'device' });
  const gap = await owner.client.request('PATCH', '/api/v1/gap/items/iso27001:2022:A.8.13', { version: 0, status: 'implemented' });
  expect(gap.status).toBe(200);
  await insertRisks(server, owner.orgId, [
    {
      ref: 'R-0001',
      title: 'Ransomware encrypts the clinical system',
      threat: 'Criminals encrypt the server',
      vulnerability: 'Backups on the same network',
      inherent: { likelihood: 4, impact: 5 },
      current: { likelihood: 3, impact: 5 },
      residual: { likelihood: 2, impact: 3 },
      treatment: 'modify',
      treatmentNotes: 'Offline backups and patching',
      status: 'accepted',
      ownerUserId: owner.userId,
      assetRefs: ['A-0001', 'A-0002'],
      nextReviewOn: '2027-03-31',
      tasks: [
        { title: 'Set up offline backups', ownerUserId: manager.userId, dueOn: '2027-01-15', status: 'in_progress', controlIds: ['iso27001:2022:A.8.13'] },
        { title: 'Patch remote access', dueOn: '2027-02-01', controlIds: ['iso27001:2022:A.8.8'] },
      ],
      acceptance: { byUserId: owner.userId, note: 'Backups tested monthly', at: '2026-11-20T20:00:00Z' },
    },
    { ref: 'R-0002', title: 'Power outage stops the clinic', inherent: { likelihood: 5, impact: 4 }, status: 'assessed', ownerUserId: manager.userId },
    { ref: 'R-0003', title: 'Screens seen by patients', inherent: { likelihood: 2, impact: 2 }, status: 'assessed' },
    { ref: 'R-0004', title: 'Fax machine retired', inherent: { likelihood: 5, impact: 5 }, status: 'closed' },
  ]);
  return owner;
}

async function download(owner: Awaited<ReturnType<typeof register>>, file: string) {
  const reply = await owner.client.get(`${base}/${file}`);
  expect(reply.status, file).toBe(200);
  const bytes = reply.raw.rawPayload;
  if (file.endsWith('.pdf')) {
    expect(String(reply.headers['content-type'])).toContain('application/pdf');
    return pdfText(bytes);
  }
  expect(String(reply.headers['content-type'])).toContain('wordprocessingml');
  return (await docxParagraphs(bytes)).join('\n');
}

describe('the risk reports', () => {
  it('writes the risk assessment report as Word and PDF: organisation, date in its time zone, method version, register and acceptances', async () => {
    const owner = await register();
    const today = formatAuDate(todayIn('Australia/Perth', new Date()));
    for (const file of ['risk-assessment.docx', 'risk-assessment.pdf']) {
      const text = await download(owner, file);
      for (const words of [
        'Information security risk assessment',
        'Harbourside Family Clinic (demo)',
        today,
        'Version 1 (5 × 5)',
        'Dr Jane Citizen',
        'R-0001',
        'Ransomware encrypts the clinical system',
        'A-0001 Practice management system',
        'Extreme (Likely × Severe)',
        'Medium (Unlikely × Moderate)',
        'Criminals encrypt the server',
        'Backups tested monthly',
        '21/11/2026', // accepted at 20:00 UTC on the 20th: the 21st in Perth
        '31/03/2027',
        'Fax machine retired',
      ]) {
        expect(text, `${file}: ${words}`).toContain(words);
      }
    }
  });

  it('writes the risk treatment plan as Word and PDF: the risks to treat, actions with controls and their gap status, acceptance', async () => {
    const owner = await register();
    for (const file of ['risk-treatment-plan.docx', 'risk-treatment-plan.pdf']) {
      const text = await download(owner, file);
      for (const words of [
        'Information security risk treatment plan',
        'Harbourside Family Clinic (demo)',
        'Set up offline backups',
        'Member isms_manager',
        '15/01/2027',
        'A.8.13 Information backup (Implemented)',
        'A.8.8 Management of technical vulnerabilities (Not started)',
        'Offline backups and patching',
        'Power outage stops the clinic',
        'Awaiting acceptance by the risk owner',
        'Accepted at Medium',
      ]) {
        expect(text, `${file}: ${words}`).toContain(words);
      }
      // Within appetite with nothing planned, or closed: not part of the plan.
      expect(text).not.toContain('Screens seen by patients');
      expect(text).not.toContain('Fax machine retired');
    }
  });

  it('writes both reports for an organisation without risks, on the default method', async () => {
    const owner = await signUpOwner(server);
    const text = await download(owner, 'risk-assessment.pdf');
    expect(text).toContain('Default 5 × 5 method');
    expect(text).toContain('No risks have been recorded yet.');
    expect(await download(owner, 'risk-treatment-plan.docx')).toContain('No open risk needs treatment.');
  });

  it('refuses staff, and never shows one organisation the risks of another', async () => {
    const owner = await register();
    const staff = await addMemberWithRole(server, owner, 'staff');
    expect((await staff.client.get(`${base}/risk-assessment.pdf`)).status).toBe(403);
    const stranger = await signUpOwner(server);
    expect(await download(stranger, 'risk-assessment.docx')).not.toContain('Ransomware');
  });
});
