import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, pdfText } from '../apps/server/test/read-document.ts';
import { seriousViolations } from './support/axe.ts';
import { signInWithPassword, signUpAndConfirm } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;
let page: Page;
let problems: string[];

const email = `owner.${Date.now()}@seaview-dental.example`;
const password = 'lighthouse keepers log 42';

beforeAll(async () => {
  ({ server, smtp } = stack);
  problems = [];
  ({ page } = await stack.newPage({ problems }));
});

/** Downloads a minutes file from the meeting page and returns its bytes. */
async function download(name: string): Promise<{ fileName: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await file.path();
  return { fileName: file.suggestedFilename(), bytes: await readFile(path) };
}

describe('management review: inputs filled in from the records, then minutes', () => {
  it('prepares a review whose inputs come from the practice’s records', async () => {
    await signUpAndConfirm(page, server.url, smtp, { name: 'Robin Owner', email, password, organisation: 'Seaview Dental' });
    await signInWithPassword(page, server.url, email, password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.url}/scope/parties`);
    await page.getByRole('button', { name: 'Add “Office of the Australian Information Commissioner (OAIC)”' }).click();
    await page.getByRole('row', { name: /Notifiable Data Breaches/ }).waitFor();
    await page.getByRole('link', { name: 'Management reviews' }).click();
    await page.getByRole('heading', { name: 'Management reviews', level: 1 }).waitFor();
    await page.getByLabel(/^Title/).fill('Annual management review');
    await page.getByLabel(/^Planned for/).fill('2026-01-15');
    await page.getByRole('button', { name: 'Prepare the review' }).click();
    await page.getByRole('heading', { name: 'Annual management review', level: 1 }).waitFor();
    const parties = page.getByRole('region', { name: 'Feedback from interested parties' });
    await parties.getByText(/Office of the Australian Information Commissioner \(OAIC\): Compliance with the Australian Privacy Principles/).waitFor();
    await page
      .getByRole('region', { name: 'Monitoring and measurement results' })
      .getByText(/applicable controls implemented/)
      .first()
      .waitFor();
    await page
      .getByRole('region', { name: 'Audit results' })
      .getByText(/No internal audit has been completed since/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('records the discussion, an action and the decisions, holds the meeting, approves and downloads the minutes', async () => {
    const parties = page.getByRole('region', { name: 'Feedback from interested parties' });
    await parties.getByLabel(/^Discussion notes/).fill('One patient asked how long x-rays are kept.');
    await parties.getByRole('button', { name: /Save notes/ }).click();
    await parties.getByText('Notes saved.').waitFor();
    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByLabel(/^Action/).fill('Publish the records retention summary in reception');
    await actions.getByLabel(/^Due/).fill('2026-03-31');
    await actions.getByRole('button', { name: 'Add action' }).click();
    await actions.getByRole('row', { name: /Publish the records retention summary/ }).waitFor();
    await page.getByRole('textbox', { name: /^Decisions/ }).fill('Keep the scope unchanged for the coming year.');
    await page.getByRole('button', { name: 'Save decisions' }).click();
    await page.getByText('Decisions saved.').waitFor();
    await page.getByLabel(/^Held on/).fill('2026-01-15');
    await page.getByRole('button', { name: 'Record the meeting as held' }).click();
    await page.getByRole('button', { name: 'Approve the minutes' }).click();
    await page.getByText('The minutes were approved; the actions are still followed up below.').waitFor();

    const pdf = await download('Download the minutes (PDF)');
    expect(pdf.fileName).toBe('management-review-2026-01-15-annual-management-review.pdf');
    const words = await pdfText(pdf.bytes);
    expect(words).toContain('Management review minutes: Annual management review');
    expect(words).toContain('One patient asked how long x-rays are kept.');
    expect(words).toContain('Minutes approved by Robin Owner');
    const docx = await docxParagraphs((await download('Download the minutes (Word)')).bytes);
    expect(docx).toContain('Keep the scope unchanged for the coming year.');
    expect(docx).toContain('Publish the records retention summary in reception');
    expect(docx).toContain('31/03/2026');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
