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

/** In the page: moves the review's planned day as another tab would (same session, its CSRF token). */
async function moveElsewhere(input: { id: string; plannedOn: string }): Promise<number> {
  const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
  const path = `/api/v1/management-reviews/${input.id}`;
  const { version } = (await (await fetch(path)).json()) as { version: number };
  const reply = await fetch(path, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ version, plannedOn: input.plannedOn }) });
  return reply.status;
}

/** In the page: a colleague writes the decisions and moves the day (same session, its CSRF token). */
async function decideElsewhere(input: { id: string; decisions: string; plannedOn: string }): Promise<number> {
  const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
  const path = `/api/v1/management-reviews/${input.id}`;
  const { version } = (await (await fetch(path)).json()) as { version: number };
  const body = JSON.stringify({ version, decisions: input.decisions, plannedOn: input.plannedOn });
  const reply = await fetch(path, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body });
  return reply.status;
}

/** In the page: a colleague reads the inputs from the records again, then writes notes on one (same session, its CSRF token). */
async function noteElsewhere(input: { id: string; key: string; notes: string }): Promise<number[]> {
  const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
  const headers = { 'content-type': 'application/json', 'x-csrf-token': csrf };
  const path = `/api/v1/management-reviews/${input.id}`;
  const before = (await (await fetch(path)).json()) as { version: number };
  const refreshed = await fetch(`${path}/refresh`, { method: 'POST', headers, body: JSON.stringify({ version: before.version }) });
  const review = (await refreshed.json()) as { inputs: Array<{ key: string; version: number }> };
  const version = review.inputs.find((item) => item.key === input.key)?.version ?? 0;
  const noted = await fetch(`${path}/inputs/${input.key}`, { method: 'PATCH', headers, body: JSON.stringify({ version, notes: input.notes }) });
  return [refreshed.status, noted.status];
}

/** As when the person comes back to the tab: the page reads its records again. */
async function comeBackToTab(): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
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

  it('changes the title, day and attendees before the meeting, keeping what was typed when someone else moved the day', async () => {
    await page.getByText('Change the title, day, chair or attendees').click();
    const details = page.getByRole('form', { name: 'Change the review’s details' });
    await details.getByLabel(/^Title/).fill('Annual management review 2026');
    await details.getByLabel('Robin Owner').check();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await page.evaluate(moveElsewhere, { id, plannedOn: '2026-01-13' })).toBe(200);
    await details.getByRole('button', { name: 'Save the details' }).click();
    const notice = page.getByRole('region', { name: 'Someone else saved this review while you were editing' });
    await notice.waitFor();
    expect(await notice.getByRole('row', { name: /^Title/ }).textContent()).toBe('TitleAnnual management reviewAnnual management review 2026');
    expect(await notice.getByRole('row', { name: /^Planned for/ }).textContent()).toBe('Planned for13/01/2026You did not change this');
    expect(await notice.getByRole('row', { name: /^Attendees/ }).textContent()).toBe('AttendeesNobody listedRobin Owner');
    expect(await details.getByLabel(/^Title/).inputValue()).toBe('Annual management review 2026');
    await notice.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
    await page.getByText('Saved the review’s details.').waitFor();
    await page.getByRole('heading', { name: 'Annual management review 2026', level: 1 }).waitFor();
    const facts = page.locator('dl').first();
    await facts.getByText('13/01/2026', { exact: true }).waitFor();
    await facts.getByText('Robin Owner', { exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The one refusal expected here: the 409 of the stale save (and the browser's console line about it).
    const expected = (problem: string) => /^409 PATCH .*\/api\/v1\/management-reviews\//.test(problem) || problem.includes('status of 409 (Conflict)');
    expect(problems.filter(expected)).toHaveLength(2);
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));
  });

  it('keeps the decisions typed when a colleague saved theirs and the page read them again, and applies them on their version', async () => {
    const decisions = page.getByRole('textbox', { name: /^Decisions/ });
    await decisions.fill('Keep the scope unchanged for the coming year.');
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const theirs = 'Replace the back-office server before June.';
    expect(await page.evaluate(decideElsewhere, { id, decisions: theirs, plannedOn: '2026-01-14' })).toBe(200);
    await comeBackToTab();
    await page.locator('dl').first().getByText('14/01/2026', { exact: true }).waitFor();
    expect(await decisions.inputValue()).toBe('Keep the scope unchanged for the coming year.');
    await page.getByRole('button', { name: 'Save decisions' }).click();
    const notice = page.getByRole('region', { name: 'Someone else saved the decisions while you were editing' });
    await notice.waitFor();
    expect(await notice.getByRole('row', { name: /^Decisions/ }).textContent()).toBe(`Decisions${theirs}Keep the scope unchanged for the coming year.`);
    expect(await decisions.inputValue()).toBe('Keep the scope unchanged for the coming year.');
    await notice.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
    await page.getByText('Decisions saved.').waitFor();
    await notice.waitFor({ state: 'detached' });
    expect(await decisions.inputValue()).toBe('Keep the scope unchanged for the coming year.');
    expect(await seriousViolations(page)).toEqual([]);
    const expected = (problem: string) => /^409 PATCH .*\/api\/v1\/management-reviews\//.test(problem) || problem.includes('status of 409 (Conflict)');
    expect(problems.filter(expected)).toHaveLength(2);
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));
  });

  it('keeps the notes typed on an input when a colleague read the inputs again and saved theirs, and applies them on their version', async () => {
    const parties = page.getByRole('region', { name: 'Feedback from interested parties' });
    const notes = parties.getByLabel(/^Discussion notes/);
    const mine = 'The OAIC guidance was read out at the meeting.';
    const theirs = 'Two patients praised the new privacy notice.';
    await notes.fill(mine);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(await page.evaluate(noteElsewhere, { id, key: 'interested_parties', notes: theirs })).toEqual([200, 200]);
    const reread = page.waitForResponse((reply) => reply.url().endsWith(`/api/v1/management-reviews/${id}`) && reply.request().method() === 'GET');
    await comeBackToTab();
    await reread;
    await page.waitForTimeout(200);
    expect(await notes.inputValue()).toBe(mine);
    await parties.getByRole('button', { name: /Save notes/ }).click();
    const notice = parties.getByRole('region', { name: 'Someone else saved the notes on Feedback from interested parties while you were editing' });
    await notice.waitFor();
    expect(await notice.getByRole('row', { name: /^Discussion notes/ }).textContent()).toBe(`Discussion notes: Feedback from interested parties${theirs}${mine}`);
    expect(await notes.inputValue()).toBe(mine);
    expect(await seriousViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
    await parties.getByText('Notes saved.').waitFor();
    await notice.waitFor({ state: 'detached' });
    expect(await notes.inputValue()).toBe(mine);
    const expected = (problem: string) => /^409 PATCH .*\/api\/v1\/management-reviews\//.test(problem) || problem.includes('status of 409 (Conflict)');
    expect(problems.filter(expected)).toHaveLength(2);
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));
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
    // An action added by mistake is deleted after a confirmation.
    await actions.getByLabel(/^Action/).fill('Buy a new fax machine');
    await actions.getByRole('button', { name: 'Add action' }).click();
    await actions.getByRole('button', { name: 'Delete “Buy a new fax machine”' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this action?' });
    await confirm.getByText('“Buy a new fax machine” is taken off this review').waitFor();
    await confirm.getByRole('button', { name: 'Delete action' }).click();
    await actions.getByText('Deleted the action “Buy a new fax machine”.').waitFor();
    expect(await actions.getByRole('row', { name: /Buy a new fax machine/ }).count()).toBe(0);
    await actions.getByRole('row', { name: /Publish the records retention summary/ }).waitFor();
    await page.getByLabel(/^Held on/).fill('2026-01-15');
    await page.getByRole('button', { name: 'Record the meeting as held' }).click();
    await page.getByRole('button', { name: 'Approve the minutes' }).click();
    await page.getByText('The minutes were approved; the actions are still followed up below.').waitFor();

    const pdf = await download('Download the minutes (PDF)');
    expect(pdf.fileName).toBe('management-review-2026-01-15-annual-management-review-2026.pdf');
    const words = await pdfText(pdf.bytes);
    expect(words).toContain('Management review minutes: Annual management review 2026');
    expect(words).toContain('One patient asked how long x-rays are kept.');
    expect(words).toContain('Minutes approved by Robin Owner');
    const docx = await docxParagraphs((await download('Download the minutes (Word)')).bytes);
    expect(docx).toContain('Keep the scope unchanged for the coming year.');
    expect(docx).toContain('Publish the records retention summary in reception');
    expect(docx).toContain('31/03/2026');
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('asks before deleting a planned review, and keeps it when the person cancels', async () => {
    await page.getByRole('link', { name: '← Back to management reviews' }).click();
    await page.getByRole('heading', { name: 'Management reviews', level: 1 }).waitFor();
    await page.getByLabel(/^Title/).fill('Mid-year management review');
    await page.getByLabel(/^Planned for/).fill('2026-07-15');
    await page.getByRole('button', { name: 'Prepare the review' }).click();
    await page.getByRole('heading', { name: 'Mid-year management review', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete this planned review' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete “Mid-year management review”?' });
    await confirm.getByText('The planned review, its inputs, notes and actions are deleted.', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('heading', { name: 'Mid-year management review', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete this planned review' }).click();
    await confirm.getByRole('button', { name: 'Delete review' }).click();
    await page.getByRole('heading', { name: 'Management reviews', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Annual management review 2026' }).waitFor();
    await page.getByRole('link', { name: 'Mid-year management review' }).waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
