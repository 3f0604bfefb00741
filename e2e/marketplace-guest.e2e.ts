import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../apps/cli/cli-process.ts';
import { seriousViolations } from './support/axe.ts';
import { enrolTotp, signInWithTotp, signUpAndSignIn, type TotpEnrolment } from './support/flows.ts';
import { acceptNewestLead, createProviderOrg, fillConsultingQuote, pdfText, publishProfile, saveAndSubmitQuote, verifyAllClaims, type ProviderPerson } from './support/marketplace-flows.ts';
import { linkFromMail, mailTo } from './support/smtp-sink.ts';
import { useE2eStack } from './support/stack.ts';

// No demo: the one consultancy made here is the only provider matching can choose. Mail to the SMTP sink.
const stack = useE2eStack();
const run = Date.now();
const password = 'river gum at dusk 83';
const operator = { name: 'Omar Operator', email: `operator.${run}@custodian-ops.example`, password };
const consultant: ProviderPerson = { name: 'Cal Consultant', email: `cal.${run}@wattle-advisory.example`, password, kind: 'consultant', displayName: 'Wattle Health Advisory' };
const guestEmail = `guest.${run}@harbour-physio.example`;
const inHalfAYear = new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10);
// Every console error and refused request of the browsers: the path must meet no server error.
const problems: string[] = [];
let operatorPage: Page;
let providerPage: Page;
let enrolment: TotpEnrolment;
let guestLink = '';
let quoteUrl = '';

describe('a guest compares, writes to and engages a provider from the private link, without an account', () => {
  it('sets up the marketplace: an operator, and a verified consultancy with a published profile', async () => {
    const { server, smtp } = stack;
    ({ page: operatorPage } = await stack.newPage({ problems }));
    await signUpAndSignIn(operatorPage, server.url, smtp, { ...operator, organisation: 'Custodian Operations' });
    enrolment = await enrolTotp(operatorPage, server.url);
    await stack.restartServer(async (dataDir) => {
      const granted = await runCli({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_SECRET: '' }, ['operator', 'grant', '--email', operator.email]);
      expect(granted.status, granted.stderr).toBe(0);
    });
    await operatorPage.context().clearCookies();
    problems.length = 0;

    const { page } = await stack.newPage({ problems });
    providerPage = page;
    await signUpAndSignIn(page, stack.server.url, smtp, { name: consultant.name, email: consultant.email, password, organisation: `${consultant.displayName} (sign-up)` });
    await createProviderOrg(page, stack.server.url, consultant);
    await publishProfile(page, { summary: 'ISO/IEC 27001 for allied health.', services: ['Consulting'], states: ['NSW'], sectors: ['General practice'], engagements: 6, capacity: 3 });

    await signInWithTotp(operatorPage, stack.server.url, operator.email, password, enrolment);
    await operatorPage.getByRole('link', { name: 'Operator console' }).click();
    await operatorPage.getByRole('heading', { name: 'Marketplace health' }).waitFor();
    await verifyAllClaims(operatorPage, consultant.displayName, [/Profile/]);
  });

  it('a guest asks for consulting, the operator approves, and the consultancy submits a quote', async () => {
    const { server, smtp } = stack;
    const { page } = await stack.newPage({ problems });
    await page.goto(`${server.url}/guest/new-request`);
    await page.getByRole('heading', { name: 'Ask for quotes', level: 1 }).waitFor();
    await page.getByLabel('Your name').fill('Gus Guest');
    await page.getByLabel('Your e-mail address').fill(guestEmail);
    await page.getByLabel('Organisation name').fill('Harbour Physio');
    await page.getByLabel('Consulting (help building the system)', { exact: true }).check();
    await page.getByLabel('Certification audit', { exact: true }).uncheck();
    await page.getByLabel('Number of staff').fill('12');
    await page.getByLabel('Full-time equivalents').fill('10');
    await page.getByLabel('Site 1: state').selectOption('NSW');
    await page.getByLabel('Site 1: suburb or town').fill('Manly');
    await page.getByRole('button', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    guestLink = await linkFromMail(smtp, guestEmail, /Subject: Confirm your request for quotes/, '/guest/request');
    await page.goto(guestLink);
    await page.getByRole('heading', { name: 'Your request for quotes' }).waitFor();
    await page.getByText('Waiting for the marketplace to check it').waitFor();
    // Not approved yet: nothing to compare.
    await expect(page.getByRole('link', { name: 'Compare quotes' }).count()).resolves.toBe(0);

    await operatorPage.getByRole('link', { name: 'Requests waiting for approval' }).click();
    const card = operatorPage.getByRole('region', { name: 'Request from Harbour Physio' });
    await card.getByRole('button', { name: 'Approve and send to providers' }).click();
    await operatorPage.getByText('Approved: offered to 1 provider.').waitFor();

    const provider = providerPage;
    await mailTo(smtp, consultant.email, /Subject: A new request for quotes is waiting/);
    await acceptNewestLead(provider, server.url);
    quoteUrl = provider.url();
    await saveAndSubmitQuote(provider, (p) => fillConsultingQuote(p, [{ label: 'Gap analysis', days: 2, fee: 3000, year: 0 }]), inHalfAYear);
  });

  it('the guest opens the comparison from the private link, downloads the PDF, writes to the consultancy and accepts its quote', async () => {
    const { smtp } = stack;
    const { page } = await stack.newPage({ acceptDownloads: true, problems });
    await page.goto(guestLink);
    await page.getByRole('link', { name: 'Compare quotes' }).click();
    await page.getByRole('heading', { name: 'Compare quotes', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/guest/request/comparison');
    const consulting = page.getByRole('table', { name: /^Consultants: totals by year/ });
    await expect(consulting.getByRole('row', { name: /^Three-year total/ }).innerText()).resolves.toMatch(/\$3,000\.00/);
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF for the board' }).click()]);
    expect((await pdfText(new Uint8Array(await readFile(await download.path())))).replace(/\s+/g, ' ')).toContain(consultant.displayName);

    await page.getByText(`Messages with ${consultant.displayName}`, { exact: true }).first().click();
    await page.getByLabel(`Write to ${consultant.displayName}`).fill('Can the gap analysis be done on a Saturday?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await page.getByText('Can the gap analysis be done on a Saturday?').waitFor();
    const provider = providerPage;
    await provider.goto(quoteUrl);
    await provider.getByText('Can the gap analysis be done on a Saturday?').waitFor();

    await page.getByRole('button', { name: `Accept this quote from ${consultant.displayName}` }).click();
    await page.getByRole('button', { name: 'Yes, accept and engage' }).click();
    await consulting.getByRole('columnheader', { name: new RegExp(`${consultant.displayName} Accepted`) }).waitFor();
    await expect(page.getByRole('button', { name: /^Accept this quote/ }).count()).resolves.toBe(0);
    expect(await mailTo(smtp, consultant.email, /Subject: You have been engaged/)).toMatch(/Subject: You have been engaged/);
  });

  it('a wrong token shows an error, not a comparison', async () => {
    const { page } = await stack.newPage();
    await page.goto(`${stack.server.url}/guest/request/comparison?token=not-a-real-token`);
    await page.getByRole('alert').first().waitFor();
    await expect(page.getByRole('heading', { name: 'Compare quotes', level: 1 }).count()).resolves.toBe(0);
  });

  it('met no server error (5xx) on the way', () => {
    expect(problems.filter((problem) => /^5\d\d /.test(problem))).toEqual([]);
  });
});
