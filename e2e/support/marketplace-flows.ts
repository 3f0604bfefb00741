import PDFDocument from 'pdfkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Page } from 'playwright-core';

/** A provider person of the marketplace e2e: who signs up and the provider organisation they create. */
export interface ProviderPerson {
  name: string;
  email: string;
  password: string;
  kind: 'consultant' | 'certification_body';
  /** The provider's name in the directory (also its legal name here). */
  displayName: string;
}

/** A small, valid PDF with one line of text (a certification body's accreditation certificate). */
export async function certificatePdf(text: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The text of every page of a PDF, pages separated by a new line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes, useSystemFonts: true }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

/** Creates the person's provider organisation from /provider/new and lands on its marketplace profile. */
export async function createProviderOrg(page: Page, baseUrl: string, person: ProviderPerson): Promise<void> {
  await page.goto(`${baseUrl}/provider/new`);
  await page.getByRole('heading', { name: 'Join the marketplace as a provider' }).waitFor();
  await page.getByLabel(/^Legal or trading name/).fill(`${person.displayName} Pty Ltd`);
  await page.getByLabel('What you are').selectOption(person.kind);
  await page.getByLabel(/^Name in the directory/).fill(person.displayName);
  await page.getByRole('button', { name: 'Create provider organisation' }).click();
  await page.getByRole('heading', { name: 'Marketplace profile' }).waitFor();
}

/** Ticks the listed choices of one of the profile's checkbox groups (services, states, sectors). */
async function tick(page: Page, group: string, choices: readonly string[]): Promise<void> {
  const set = page.getByRole('group', { name: group, exact: true });
  for (const choice of choices) await set.getByLabel(choice, { exact: true }).check();
}

/** Fills the profile for matching (services, states, sectors, healthcare engagements, capacity) and publishes it. */
export async function publishProfile(
  page: Page,
  profile: { summary: string; services: string[]; states: string[]; sectors: string[]; engagements: number; capacity: number },
): Promise<void> {
  await page.getByLabel('Summary').fill(profile.summary);
  await tick(page, 'Services', profile.services);
  await tick(page, 'Standards', ['ISO/IEC 27001']);
  await tick(page, 'States and territories served', profile.states);
  await tick(page, 'Healthcare sectors you have worked in', profile.sectors);
  await page.getByLabel('Healthcare engagements so far').fill(String(profile.engagements));
  await page.getByLabel('New engagements you can take a month').fill(String(profile.capacity));
  await page.getByLabel('Show this profile in the public directory').check();
  await page.getByRole('button', { name: 'Save profile' }).click();
  await page.getByText('Saved. The profile is in the directory.').waitFor();
}

/** A certification body adds its JAS-ANZ accreditation covering ISO/IEC 27001, with a PDF certificate. */
export async function addAccreditation(page: Page, accreditation: { number: string; expiresOn: string; certificate: Buffer }): Promise<void> {
  const form = page.getByRole('form', { name: 'Add an accreditation' });
  await expectValue(form.getByLabel(/^Accreditation body/).inputValue(), 'JAS-ANZ');
  await form.getByLabel(/^Accreditation number/).fill(accreditation.number);
  await form.getByLabel(/^Expires on/).fill(accreditation.expiresOn);
  await form
    .getByLabel('Certificate (PDF, PNG or JPEG, up to 5 MB)')
    .setInputFiles({ name: `accreditation-${accreditation.number}.pdf`, mimeType: 'application/pdf', buffer: accreditation.certificate });
  await form.getByRole('button', { name: 'Add accreditation' }).click();
  await page.getByText('Accreditation added. Custodian’s operator will verify it against the accreditation body’s register.').waitFor();
  await page.getByRole('link', { name: `Download certificate (accreditation-${accreditation.number}.pdf)` }).waitFor();
}

async function expectValue(actual: Promise<string>, expected: string): Promise<void> {
  const value = await actual;
  if (value !== expected) throw new Error(`expected "${expected}", found "${value}"`);
}

/** The operator verifies each claim (profile, accreditations) of a provider from the console. */
export async function verifyAllClaims(page: Page, displayName: string, claims: RegExp[]): Promise<void> {
  for (const claim of claims) {
    const escaped = displayName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await page.getByRole('button', { name: new RegExp(`^Verify ${claim.source} of ${escaped}$`) }).click();
    await page
      .getByRole('status')
      .filter({ hasText: new RegExp(`^Verified: .* of ${escaped}\\.$`) })
      .waitFor();
    await page.getByRole('button', { name: new RegExp(`^Withdraw the verification of ${claim.source} of ${escaped}$`) }).waitFor();
  }
}

/** Opens the newest lead in the provider's inbox, accepts it and opens the quote builder. */
export async function acceptNewestLead(page: Page, baseUrl: string): Promise<string> {
  await page.goto(`${baseUrl}/provider/leads`);
  await page.getByRole('heading', { name: 'Leads', level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Leads', exact: true }).getByRole('row').nth(1).getByRole('link').click();
  await page.getByRole('heading', { name: 'Lead', level: 1 }).waitFor();
  const leadUrl = page.url();
  await page.getByText('Not shown yet: the requester decides whether to show you who they are.').waitFor();
  await page.getByRole('button', { name: 'Accept: we will quote' }).click();
  await page.getByText('Accepted. Prepare your quote.').waitFor();
  await page.getByRole('link', { name: 'Prepare your quote' }).click();
  await page.getByRole('heading', { name: 'Quote', level: 1 }).waitFor();
  return leadUrl;
}

/** Fills labelled fields of the quote builder, saves the draft and submits it to the requester. */
export async function saveAndSubmitQuote(page: Page, fill: (page: Page) => Promise<void>, validUntil: string): Promise<void> {
  await fill(page);
  await page.getByLabel('Assumptions').fill('On site at the main clinic; remote where practical.');
  await page.getByLabel('Valid until').fill(validUntil);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText(/^Three-year total \$/).waitFor();
  await page.getByRole('button', { name: 'Submit quote to the requester' }).click();
  await page.getByRole('button', { name: 'Withdraw quote' }).waitFor();
}

/** Fills the certification body's cycle: days per audit, then fees in dollars. */
export async function fillCbQuote(
  page: Page,
  days: [number, number, number, number, number],
  fees: { dayRate: number; application: number; certificate: number; annual: number },
): Promise<void> {
  const dayLabels = ['Stage 1 audit (days)', 'Stage 2 audit (days)', 'Surveillance year 1 (days)', 'Surveillance year 2 (days)', 'Recertification (days)'];
  for (const [i, label] of dayLabels.entries()) await page.getByLabel(label).fill(String(days[i]));
  await page.getByLabel('Day rate (AUD)').fill(String(fees.dayRate));
  await page.getByLabel('Application fee (AUD)').fill(String(fees.application));
  await page.getByLabel('Certificate fee (AUD)').fill(String(fees.certificate));
  await page.getByLabel('Annual fee (AUD)').fill(String(fees.annual));
  await page.getByLabel('Travel per audit (AUD)').fill('0');
}

/** Fills the consultant's work packages: each with days, fee in dollars and year of the cycle. */
export async function fillConsultingQuote(page: Page, packages: Array<{ label: string; days: number; fee: number; year: number }>): Promise<void> {
  for (const p of packages) {
    const group = page.getByRole('group', { name: p.label, exact: true });
    await group.getByLabel('Days').fill(String(p.days));
    await group.getByLabel('Fee (AUD)').fill(String(p.fee));
    await group.getByLabel('Year of the cycle (0–3)').fill(String(p.year));
  }
}
