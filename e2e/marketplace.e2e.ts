import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../apps/cli/cli-process.ts';
import { seriousViolations } from './support/axe.ts';
import { enrolTotp, signInWithPassword, signInWithTotp, signUpAndConfirm, signUpAndSignIn, type TotpEnrolment } from './support/flows.ts';
import {
  acceptNewestLead,
  addAccreditation,
  certificatePdf,
  createProviderOrg,
  fillCbQuote,
  fillConsultingQuote,
  pdfText,
  publishProfile,
  saveAndSubmitQuote,
  verifyAllClaims,
  type ProviderPerson,
} from './support/marketplace-flows.ts';
import { mailTo } from './support/smtp-sink.ts';
import { useE2eStack } from './support/stack.ts';

// No demo: the three providers made here are the only ones matching can choose. Mail to the SMTP sink.
const stack = useE2eStack();
const run = Date.now();
const password = 'golden wattle in the rain 42';
const operator = { name: 'Olive Operator', email: `operator.${run}@custodian-ops.example`, password };
const requester = { name: 'Priya Manager', email: `priya.${run}@parramatta-family.example`, password, organisation: 'Parramatta Family Practice' };
const winner: ProviderPerson = { name: 'Bea Auditor', email: `bea.${run}@banksia-cert.example`, password, kind: 'certification_body', displayName: 'Banksia Certification' };
const cheap: ProviderPerson = { name: 'Ivan Auditor', email: `ivan.${run}@ironbark-assurance.example`, password, kind: 'certification_body', displayName: 'Ironbark Assurance' };
const consultant: ProviderPerson = { name: 'Cora Consultant', email: `cora.${run}@coastal-advisory.example`, password, kind: 'consultant', displayName: 'Coastal Health Security Advisory' };
const inHalfAYear = new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10);

const pages: Record<'operator' | 'requester' | 'winner' | 'cheap' | 'consultant', Page> = {} as never;
let enrolment: TotpEnrolment;
let requestUrl = '';
const leadUrls: Record<string, string> = {};
// Every console error and refused request of the five browsers: the path must meet no server error.
const problems: string[] = [];

beforeAll(async () => {
  ({ page: pages.operator } = await stack.newPage({ problems }));
});

/** Asserts axe finds no serious or critical violation on the page as it is. */
async function axeClean(page: Page, what: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
}

describe('marketplace acceptance: from a pre-filled request to an accepted quote, in five browsers', () => {
  it('makes the platform operator: sign-up, two-step verification, then the CLI grant between two starts', async () => {
    const page = pages.operator;
    await signUpAndSignIn(page, stack.server.url, stack.smtp, { ...operator, organisation: 'Custodian Operations' });
    enrolment = await enrolTotp(page, stack.server.url);
    await stack.restartServer(async (dataDir) => {
      const granted = await runCli({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_SECRET: '' }, ['operator', 'grant', '--email', operator.email]);
      expect(granted.status, granted.stderr).toBe(0);
    });
    await page.context().clearCookies();
    // The stopped server's 503s and refused connections (the open security page kept asking) are the restart's, not the path's.
    problems.length = 0;
  });

  it('two certification bodies and a consultancy join, publish their profiles, and the bodies add a JAS-ANZ accreditation with its certificate', async () => {
    const { server, smtp } = stack;
    for (const [role, person] of [['winner', winner], ['cheap', cheap], ['consultant', consultant]] as const) {
      const { page } = await stack.newPage({ problems });
      pages[role] = page;
      await signUpAndSignIn(page, server.url, smtp, { name: person.name, email: person.email, password, organisation: `${person.displayName} (sign-up)` });
      await createProviderOrg(page, server.url, person);
      const isCb = person.kind === 'certification_body';
      await publishProfile(page, {
        summary: isCb ? 'Accredited ISO/IEC 27001 certification for clinics.' : 'ISO/IEC 27001 implementation for general practices.',
        services: [isCb ? 'Certification audit' : 'Consulting'],
        states: ['NSW', 'VIC'],
        sectors: ['General practice'],
        engagements: isCb ? 9 : 14,
        capacity: 4,
      });
      if (isCb) {
        const number = `Z${String(run).slice(-6)}${role === 'winner' ? 'B' : 'I'}`;
        await addAccreditation(page, { number, expiresOn: '2029-06-30', certificate: await certificatePdf(`JAS-ANZ accreditation ${number} — ISO/IEC 27001`) });
      }
    }
    await axeClean(pages.winner, 'provider profile (certification body)');
  });

  it('the operator signs in with a code and verifies each profile and accreditation in the console', async () => {
    const page = pages.operator;
    await signInWithTotp(page, stack.server.url, operator.email, password, enrolment);
    await page.getByRole('link', { name: 'Operator console' }).click();
    await page.getByRole('heading', { name: 'Marketplace health' }).waitFor();
    await verifyAllClaims(page, winner.displayName, [/Profile/, /JAS-ANZ accreditation \S+ \(expires 30\/06\/2029\)/]);
    await verifyAllClaims(page, cheap.displayName, [/Profile/, /JAS-ANZ accreditation \S+ \(expires 30\/06\/2029\)/]);
    await verifyAllClaims(page, consultant.displayName, [/Profile/]);
    await axeClean(page, 'operator console');
  });

  it('a healthcare organisation opens the request form pre-filled from the organisation and asks for consulting and certification', async () => {
    const { server, smtp } = stack;
    const { page } = await stack.newPage({ acceptDownloads: true, problems });
    pages.requester = page;
    await signUpAndConfirm(page, server.url, smtp, requester);
    await signInWithPassword(page, server.url, requester.email, password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByRole('link', { name: 'Requests for quotes' }).click();
    await page.getByRole('link', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Ask for quotes', level: 1 }).waitFor();
    // Pre-filled from the organisation: its name, and its head count from its members (one so far).
    await page.getByText(/^Asking for Parramatta Family Practice\./).waitFor();
    await expect(page.getByLabel('Number of staff').inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('Consulting (help building the system)', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Certification audit', { exact: true }).isChecked()).resolves.toBe(true);
    await axeClean(page, 'request form');
    await page.getByLabel('Number of staff').fill('40');
    await page.getByLabel('Full-time equivalents').fill('32');
    await page.getByLabel('Site 1: state').selectOption('NSW');
    await page.getByLabel('Site 1: suburb or town').fill('Parramatta');
    await page.getByLabel('What the certificate should cover').fill('Patient records, bookings and billing at the clinic');
    await page.getByRole('button', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Request for quotes', level: 1 }).waitFor();
    await page.getByText('Waiting for the marketplace to check it').waitFor();
    requestUrl = page.url();
  });

  it('the operator approves it from the queue and matching offers it to the three providers', async () => {
    const page = pages.operator;
    await page.getByRole('link', { name: 'Requests waiting for approval' }).click();
    const card = page.getByRole('region', { name: `Request from ${requester.organisation}` });
    await card.waitFor();
    await axeClean(page, 'approval queue');
    await card.getByRole('button', { name: 'Approve and send to providers' }).click();
    await page.getByText('Approved: offered to 3 providers.').waitFor();
  });

  it('the requester sees the matched providers per service with the reasons they were chosen', async () => {
    const page = pages.requester;
    await page.goto(requestUrl);
    await page.getByText('Sent to providers').waitFor();
    const consulting = page.getByRole('region', { name: 'Providers for Consulting (help building the system)' });
    const certification = page.getByRole('region', { name: 'Providers for Certification audit' });
    const consultantRow = consulting.getByRole('row', { name: new RegExp(consultant.displayName) });
    await expect(consultantRow.innerText()).resolves.toMatch(/Serves NSW[\s\S]*14 healthcare engagements[\s\S]*Has worked in your sector/);
    for (const cb of [winner, cheap]) {
      await expect(certification.getByRole('row', { name: new RegExp(cb.displayName) }).innerText()).resolves.toMatch(/Serves NSW[\s\S]*9 healthcare engagements[\s\S]*Has worked in your sector/);
    }
    await expect(certification.getByRole('row').count()).resolves.toBe(3);
    await axeClean(page, 'request detail');
  });

  it('each provider gets the "new request" e-mail, accepts the lead from its inbox and submits a quote', async () => {
    const { server, smtp } = stack;
    for (const person of [winner, cheap, consultant]) await mailTo(smtp, person.email, /Subject: A new request for quotes is waiting/);

    leadUrls.winner = await acceptNewestLead(pages.winner, server.url);
    await saveAndSubmitQuote(pages.winner, (p) => fillCbQuote(p, [3, 6, 4, 4, 6], { dayRate: 2000, application: 500, certificate: 300, annual: 400 }), inHalfAYear);
    await axeClean(pages.winner, 'quote builder (certification)');

    // Far fewer audit days than ISO/IEC 27006 gives for 32 people: the comparison flags it.
    leadUrls.cheap = await acceptNewestLead(pages.cheap, server.url);
    await saveAndSubmitQuote(pages.cheap, (p) => fillCbQuote(p, [0.5, 1, 0.5, 0.5, 1], { dayRate: 1800, application: 0, certificate: 0, annual: 0 }), inHalfAYear);

    // Documentation and the internal audit of it from the same consultancy: flagged as auditing its own work.
    leadUrls.consultant = await acceptNewestLead(pages.consultant, server.url);
    await axeClean(pages.consultant, 'quote builder (consulting)');
    await saveAndSubmitQuote(
      pages.consultant,
      (p) =>
        fillConsultingQuote(p, [
          { label: 'Gap analysis', days: 3, fee: 4500, year: 0 },
          { label: 'Policies and documentation', days: 10, fee: 15000, year: 0 },
          { label: 'Internal audit', days: 2, fee: 3000, year: 1 },
        ]),
      inHalfAYear,
    );
    await mailTo(smtp, requester.email, new RegExp(`Subject: New quote from ${winner.displayName}`));
    await pages.consultant.goto(`${server.url}/provider/leads`);
    await pages.consultant.getByRole('region', { name: 'Leads', exact: true }).getByText('Quote received').waitFor();
    await axeClean(pages.consultant, 'lead inbox');
  });

  it('the comparison shows three-year totals per year and the flags, and the board PDF reads back with the totals', async () => {
    const page = pages.requester;
    await page.goto(requestUrl);
    await page.getByRole('link', { name: 'Compare quotes' }).click();
    await page.getByRole('heading', { name: 'Compare quotes', level: 1 }).waitFor();
    const certification = page.getByRole('table', { name: /^Certification bodies: totals by year/ });
    const yearCells = async (row: string) => (await certification.getByRole('row', { name: new RegExp(`^${row}`) }).innerText()).replace(/\s+/g, ' ');
    const winnerCol = (await certification.getByRole('columnheader').allInnerTexts()).findIndex((h) => h.includes(winner.displayName)) - 1;
    expect(winnerCol).toBeGreaterThanOrEqual(0);
    const figures = async (row: string) => (await yearCells(row)).match(/\$[\d,]+\.\d\d/g) ?? [];
    await expect(figures('Year 0 — initial certification').then((f) => f[winnerCol])).resolves.toBe('$18,800.00');
    await expect(figures('Year 1 — surveillance').then((f) => f[winnerCol])).resolves.toBe('$8,400.00');
    await expect(figures('Year 2 — surveillance').then((f) => f[winnerCol])).resolves.toBe('$8,400.00');
    await expect(figures('Year 3 — recertification').then((f) => f[winnerCol])).resolves.toBe('$12,700.00');
    await expect(figures('Three-year total').then((f) => f[winnerCol])).resolves.toBe('$48,300.00');

    const flagsOf = (person: ProviderPerson) => certification.getByRole('cell').filter({ has: page.getByRole('button', { name: `Accept this quote from ${person.displayName}` }) });
    await expect(flagsOf(cheap).innerText()).resolves.toMatch(/The initial certification audit \(Stage 1 and Stage 2\) is quoted at 1\.5 days, \d+ % below the [\d.]+ days the ISO\/IEC 27006 audit time rules suggest/);
    await expect(flagsOf(winner).innerText()).resolves.not.toMatch(/ISO\/IEC 27006 audit time rules suggest/);
    const consulting = page.getByRole('table', { name: /^Consultants: totals by year/ });
    await consulting.getByText('This consultant offers to internally audit work it would also do (policies and documentation).', { exact: false }).waitFor();
    await expect(consulting.getByRole('row', { name: /^Three-year total/ }).innerText()).resolves.toMatch(/\$22,500\.00/);
    await axeClean(page, 'comparison');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF for the board' }).click()]);
    const text = (await pdfText(new Uint8Array(await readFile(await download.path())))).replace(/\s+/g, ' ');
    expect(text).toContain(winner.displayName);
    expect(text).toMatch(/\$48,300\.00/);
    expect(text).toMatch(/\$22,500\.00/);
  });

  it('the requester shows who they are to one certification body only, then accepts its quote; the winner and the other body are e-mailed', async () => {
    const { smtp } = stack;
    const page = pages.requester;
    await page.goto(requestUrl);
    await page.getByRole('button', { name: `Show who we are to ${winner.displayName}` }).click();
    await page.getByRole('region', { name: 'Providers for Certification audit' }).getByRole('row', { name: new RegExp(winner.displayName) }).getByText('They can see who you are').waitFor();

    await pages.winner.goto(leadUrls.winner ?? '');
    const identity = pages.winner.getByRole('region', { name: 'Who asks' });
    await identity.getByText(requester.organisation).waitFor();
    await identity.getByText(new RegExp(`${requester.name} <${requester.email.replace(/\./g, '\\.')}>`)).waitFor();
    await axeClean(pages.winner, 'lead detail (revealed)');
    await pages.cheap.goto(leadUrls.cheap ?? '');
    await pages.cheap.getByRole('region', { name: 'Who asks' }).getByText('Not shown yet: the requester decides whether to show you who they are.').waitFor();
    await expect(pages.cheap.getByText(requester.organisation).count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Compare quotes' }).click();
    await page.getByRole('button', { name: `Accept this quote from ${winner.displayName}` }).click();
    await page.getByText(`Engage ${winner.displayName} for $48,300.00 over three years?`, { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Yes, accept and engage' }).click();
    const certification = page.getByRole('table', { name: /^Certification bodies: totals by year/ });
    await certification.getByRole('columnheader', { name: new RegExp(`${winner.displayName} Accepted`) }).waitFor();
    await certification.getByRole('columnheader', { name: new RegExp(`${cheap.displayName} Not chosen`) }).waitFor();

    expect(await mailTo(smtp, winner.email, /Subject: You have been engaged/)).toMatch(/Subject: You have been engaged/);
    expect(await mailTo(smtp, cheap.email, /Subject: Thank you for your quote/)).toMatch(/Subject: Thank you for your quote/);
    expect(smtp.messages.filter((m) => m.to.includes(consultant.email)).map((m) => /^Subject: (.*)$/m.exec(m.raw)?.[1])).not.toContain('You have been engaged');
  });

  it('met no server error (5xx) in any of the five browsers on the way', () => {
    expect(problems.filter((problem) => /^5\d\d /.test(problem))).toEqual([]);
  });
});
