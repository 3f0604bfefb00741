import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, pdfText } from '../apps/server/test/read-document.ts';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

/**
 * The acceptance path of issue 10 as a practice manager clicks it: applicability with reasons and a
 * justified exclusion → evidence uploaded and linked → SoA version 1 approved → a control changes →
 * version 2 approved → the comparison shows the change → the XLSX, DOCX and PDF downloaded and read back.
 */

const stack = useE2eStack();
let page: Page;
const problems: string[] = [];
const email = `practice.owner.${Date.now()}@harbour-gp.example`;
const password = 'gulls over the jetty 31';
/** Set E2E_SHOTS=dir to keep a screenshot of each page for a person to look at. */
const shots = process.env.E2E_SHOTS;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Opens a control from the register's list (Annex A only, all on one page). */
async function openControl(ref: string, title: string): Promise<void> {
  await nav('Controls');
  await page.getByRole('heading', { name: 'Controls register', level: 1 }).waitFor();
  await page.getByRole('link', { name: `${ref} ${title}`, exact: true }).click();
  await page.getByRole('heading', { name: `${ref} ${title}`, level: 1 }).waitFor();
}

async function save(ref: string, statusWords: string): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`Saved ${ref} as ${statusWords}.`).waitFor();
}

async function download(linkName: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: linkName }).click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path()) ?? '') };
}

beforeAll(async () => {
  ({ page } = await stack.newPage({ problems }));
});

describe('issue 10 acceptance: from applicability to an approved, compared and exported Statement of Applicability', () => {
  it('has a signed-in owner', async () => {
    await signUpAndSignIn(page, stack.server.url, stack.smtp, { name: 'Olivia Owner', email, password, organisation: 'Harbour GP' });
  });

  it('gives every control a reason for inclusion, then excludes one with its justification', async () => {
    await nav('Controls');
    await page.getByRole('heading', { name: 'Controls register', level: 1 }).waitFor();
    await page.getByText('Showing 1–93 of 93 controls').waitFor();
    await page.locator('summary', { hasText: 'Give the controls listed here a reason for inclusion' }).click();
    await page.getByLabel('Reason').selectOption({ label: 'Good practice' });
    await page.getByRole('button', { name: 'Add to the 93 applicable controls listed' }).click();
    await page.getByText('Added “Good practice” to 93 controls; the others had it already.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('controls-register');

    await openControl('A.7.5', 'Protecting against physical and environmental threats');
    await page.getByLabel('Status').selectOption({ label: 'Not applicable (excluded)' });
    await page.getByLabel(/^Why it is excluded/).fill('Fully cloud-hosted: no premises hold systems or records.');
    await save('A.7.5', 'Not applicable');
    await openControl('A.5.34', 'Privacy and protection of personal identifiable information (PII)');
    await page.getByRole('checkbox', { name: /^Legal or regulatory requirement/ }).check();
    await page.getByLabel('Status').selectOption({ label: 'Implemented' });
    await page.getByLabel('How it is implemented').fill('Privacy policy under APP 1; APP 11 training for all staff each year');
    await save('A.5.34', 'Implemented');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('control');
  });

  it('shows the implemented control without evidence as a problem, cleared once evidence is uploaded and linked', async () => {
    await nav('Statement of Applicability');
    await page.getByRole('heading', { name: 'Statement of Applicability', level: 1 }).waitFor();
    await page.getByText('A.5.34 is marked implemented but has no evidence linked and no reason why not.').waitFor();
    expect(await page.getByRole('button', { name: 'Approve as version 1' }).isDisabled()).toBe(true);
    await nav('Evidence');
    await page.getByRole('link', { name: 'Add evidence' }).click();
    await page.getByLabel('Kind').selectOption({ label: 'File' });
    await page.getByLabel(/^Title/).fill('Privacy policy (adopted March)');
    const policy = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    await page.getByLabel(/^File/).setInputFiles({ name: 'privacy-policy.pdf', mimeType: 'application/pdf', buffer: policy });
    await page.getByRole('button', { name: 'Add evidence' }).click();
    await page.getByRole('heading', { name: 'Privacy policy (adopted March)', level: 1 }).waitFor();
    await page.getByRole('combobox', { name: 'Evidence of', exact: true }).selectOption({ label: 'Control' });
    await page.getByRole('combobox', { name: 'Control', exact: true }).selectOption({ label: 'A.5.34 Privacy and protection of personal identifiable information (PII)' });
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByRole('region', { name: 'Evidence of' }).getByText(/A\.5\.34/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('evidence');
    await openControl('A.5.34', 'Privacy and protection of personal identifiable information (PII)');
    await page.getByRole('region', { name: 'Evidence' }).getByText('1 item of evidence is linked to this control.').waitFor();
  });

  it('approves version 1 with a note', async () => {
    await nav('Statement of Applicability');
    await page.getByText('No contradictions found').waitFor();
    await page.getByLabel('Approval note (optional)').fill('Approved at the management review');
    await page.getByRole('button', { name: 'Approve as version 1' }).click();
    await page.getByText('Approved as version 1.').waitFor();
    await page.getByText(/Version 1 was approved by Olivia Owner on \d{2}\/\d{2}\/\d{4}\. The register has not changed since\./).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('soa-v1');
  });

  it('changes a control and approves version 2; the comparison shows the change', async () => {
    await openControl('A.8.24', 'Use of cryptography');
    await page.getByLabel('Status').selectOption({ label: 'Partially implemented' });
    await page.getByLabel('How it is implemented').fill('TLS everywhere; laptops encrypted');
    await save('A.8.24', 'Partially implemented');
    await nav('Statement of Applicability');
    await page.getByText(/The register has changed since, so the statement as it stands is not approved yet\./).waitFor();
    await page.getByRole('button', { name: 'Approve as version 2' }).click();
    await page.getByText('Approved as version 2.').waitFor();
    const changes = page.getByRole('list', { name: 'Changes from version 1 to version 2' });
    await changes.getByText('A.8.24 Use of cryptography').waitFor();
    await changes.getByText('Implementation status: “Not started” → “Partially implemented”').waitFor();
    await changes.getByText('How it is implemented: “none” → “TLS everywhere; laptops encrypted”').waitFor();
    expect(await changes.locator(':scope > li').count()).toBe(1);
    await shot('soa-v2');
  });

  it('downloads version 2 as XLSX, DOCX and PDF, each saying the same', async () => {
    const xlsx = await download('Version 2 as Spreadsheet (XLSX)');
    expect(xlsx.name).toBe('statement-of-applicability-harbour-gp-v2.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Statement of Applicability');
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toHaveLength(94);
    expect(rows.find((row) => row[0] === 'A.7.5')?.slice(2, 6)).toEqual(['No', '', 'Fully cloud-hosted: no premises hold systems or records.', 'Not applicable']);
    expect(rows.find((row) => row[0] === 'A.8.24')?.slice(5, 7)).toEqual(['Partially implemented', 'TLS everywhere; laptops encrypted']);
    expect(rows.find((row) => row[0] === 'A.5.34')?.[8]).toBe('Evidence: 1 item');
    const about = workbook.getWorksheet('About');
    expect(about?.getRow(4).getCell(2).value).toBe('Olivia Owner');

    const docx = await download('Version 2 as Word (DOCX)');
    const words = (await docxParagraphs(docx.bytes)).join('\n');
    for (const expected of ['Statement of Applicability', 'Harbour GP', 'Olivia Owner', 'TLS everywhere; laptops encrypted', 'Fully cloud-hosted: no premises hold systems or records.']) expect(words).toContain(expected);
    const pdf = await pdfText((await download('Version 2 as PDF')).bytes);
    for (const expected of ['Statement of Applicability', 'Harbour GP', 'Olivia Owner', 'Use of cryptography']) expect(pdf).toContain(expected);
    expect(problems).toEqual([]);
  });
});
