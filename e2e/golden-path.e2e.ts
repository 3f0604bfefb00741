import ExcelJS from 'exceljs';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { enrolTotp, submitTotp, type TotpEnrolment } from './support/flows.ts';
import { decodeQuotedPrintable, type SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;

let context: BrowserContext;
let page: Page;
const browserProblems: string[] = [];

const email = `practice.manager.${Date.now()}@harbour-gp.example`;
const password = 'sea breeze over the jetty 7';
const clinic = 'Jetty Road Medical Centre';

beforeAll(async () => {
  ({ server, smtp } = stack);
  // Every console error and every refused request of every page, to prove the golden path logs no 403.
  ({ context, page } = await stack.newPage({ acceptDownloads: true, problems: browserProblems }));
});

function itemAddress(itemId: string): string {
  return `${server.url}/gap/${encodeURIComponent(itemId)}`;
}

/** The "Saved A.5.1 as Implemented." message of one item (not the "Saved by someone else" column of a conflict). */
function savedMessage(on: Page, ref: string) {
  return on.getByRole('status').filter({ hasText: new RegExp(`^Saved ${ref.replace(/\./g, '\\.')} as `) });
}

async function setStatus(itemId: string, status: string, notes: string) {
  await page.goto(itemAddress(itemId));
  await page.getByLabel('Status').selectOption({ label: status });
  await page.getByLabel('Notes').fill(notes);
  await page.getByRole('button', { name: 'Save' }).click();
  await savedMessage(page, itemId.split(':').at(-1) ?? '').waitFor();
}

describe('golden path: a practice manager from sign-up to an exported gap analysis', () => {
  let enrolment: TotpEnrolment;

  it('signs up and confirms the e-mail address from a real SMTP message', async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Casey Morgan');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Organisation name').fill(clinic);
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /check your e-mail/i }).waitFor();

    const mail = decodeQuotedPrintable((await smtp.waitFor(email)).raw);
    expect(mail).toMatch(/Subject: Confirm your e-mail address for Custodian/);
    const link = /(http:\/\/127\.0\.0\.1:\d+\/verify-email\?token=[A-Za-z0-9_-]+)/.exec(mail)?.[1];
    expect(link).toBeDefined();
    await page.goto(link ?? '');
    await page.getByText('Thank you. Your account is ready.').waitFor();
    // The same link opened again (a second click, another device) says so instead of "not valid any more".
    await page.goto(link ?? '');
    await page.getByText('This e-mail address is already confirmed — you can sign in.').waitFor();
  });

  it('has no serious accessibility violation on the sign-in page, and signs in', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail( \(required\))?$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('enrols TOTP with the QR code and keeps the ten recovery codes', async () => {
    enrolment = await enrolTotp(page, server.url);
    expect(enrolment.qrSource).toMatch(/^data:image\/png;base64,/);
    expect(enrolment.recoveryCodes).toHaveLength(10);
  });

  it('logs out, then logs in again with a TOTP code', async () => {
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('menuitem', { name: 'Sign out' })).first().click();
    await page.getByLabel(/^E-mail( \(required\))?$/).waitFor();
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await submitTotp(page, enrolment);
    await page.getByRole('heading', { name: 'Start your gap analysis' }).waitFor();
  });

  it('records three controls and one clause, and the dashboard readiness moves', async () => {
    await setStatus('iso27001:2022:A.5.1', 'Implemented', 'Policy set approved by the principal GP');
    await setStatus('iso27001:2022:A.8.13', 'Implemented', 'Nightly encrypted backups; restore tested');
    await setStatus('iso27001:2022:A.5.17', 'Partially implemented', 'Shared reception log-in being retired');
    await setStatus('iso27001:2022:4.3', 'Partially implemented', 'Scope drafted');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/`);
    const meter = page.getByRole('meter', { name: 'Overall readiness' });
    await meter.waitFor();
    const overall = Number(await meter.getAttribute('aria-valuenow'));
    expect(overall).toBeGreaterThan(0);
    expect(overall).toBeLessThan(10);
    expect(Number(await page.getByTestId('control-readiness').getAttribute('aria-valuenow'))).toBeCloseTo((2 + 0.5) / 93 * 100, 0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('keeps both edits when the same item is saved from two pages: the second applies their change to the latest version', async () => {
    const other = await context.newPage();
    other.setDefaultTimeout(15_000);
    try {
      await page.goto(itemAddress('iso27001:2022:A.5.9'));
      await other.goto(itemAddress('iso27001:2022:A.5.9'));
      await page.getByLabel('Notes').waitFor();
      await other.getByLabel('Target date').waitFor();

      await page.getByLabel('Notes').fill('Asset register kept in the practice manual');
      await page.getByRole('button', { name: 'Save' }).click();
      await savedMessage(page, 'A.5.9').waitFor();

      await other.getByLabel('Target date').fill('2027-03-31');
      await other.getByRole('button', { name: 'Save' }).click();
      const notice = other.getByRole('region', { name: 'Someone else saved this item while you were editing' });
      await notice.waitFor();
      await expect(other.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Someone else saved this item while you were editing');
      const differences = notice.getByRole('table');
      await expect(differences.getByRole('row', { name: /^Notes/ }).innerText()).resolves.toMatch(/Asset register kept in the practice manual\s+You did not change this/);
      await expect(differences.getByRole('row', { name: /^Target date/ }).innerText()).resolves.toMatch(/Not set\s+31\/03\/2027/);
      await expect(other.getByLabel('Target date').inputValue()).resolves.toBe('2027-03-31');
      await expect(other.getByLabel('Notes').inputValue()).resolves.toBe('Asset register kept in the practice manual');
      expect(await seriousViolations(other)).toEqual([]);

      await other.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
      await savedMessage(other, 'A.5.9').waitFor();
      await expect(notice.count()).resolves.toBe(0);

      await page.reload();
      await expect(page.getByLabel('Notes').inputValue()).resolves.toBe('Asset register kept in the practice manual');
      await expect(page.getByLabel('Target date').inputValue()).resolves.toBe('2027-03-31');
    } finally {
      await other.close();
    }
  });

  it('pages and sorts the gap-analysis list from the keyboard, and Back returns to the previous page', async () => {
    await page.goto(`${server.url}/gap`);
    await page.getByText(/^Showing 1–50 of \d+ items$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Next page' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Showing 51–100 of \d+ items$/).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('region');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby') ?? '')).resolves.not.toBe('');
    expect(new URL(page.url()).searchParams.get('cursor')).toBeTruthy();

    await page.getByRole('button', { name: 'Last page' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Showing \d+–(\d+) of \1 items$/).waitFor();
    await expect(page.getByRole('button', { name: 'Next page' }).isDisabled()).resolves.toBe(true);

    await page.goBack();
    await page.getByText(/^Showing 51–100 of \d+ items$/).waitFor();

    await page.getByRole('button', { name: /^Title/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Showing 1–50 of \d+ items$/).waitFor();
    await expect(page.getByRole('columnheader', { name: /^Title/ }).getAttribute('aria-sort')).resolves.toBe('ascending');
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
  });

  it('has no serious accessibility violation on the members, audit trail, outbox and settings pages', async () => {
    for (const [path, heading] of [
      ['/members', 'Members'],
      ['/audit-log', 'Audit trail'],
      ['/outbox', 'Outbox — e-mail Custodian has sent or logged'],
      ['/settings', 'Settings'],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      await page.getByRole('table').or(page.getByRole('button', { name: 'Save settings' })).first().waitFor();
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });

  it('exports the gap analysis as XLSX and the file reads back', async () => {
    await page.goto(`${server.url}/gap`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export gap analysis (XLSX)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^gap-analysis-jetty-road-medical-centre-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const controls = workbook.getWorksheet('Annex A controls');
    const byRef = new Map<string, string>();
    controls?.eachRow((row, n) => {
      if (n > 1) byRef.set(String(row.getCell(1).value), String(row.getCell(5).value));
    });
    expect(byRef.get('A.5.1')).toBe('Implemented');
    expect(byRef.get('A.8.13')).toBe('Implemented');
    expect(byRef.get('A.5.17')).toBe('Partially implemented');
    expect(byRef.get('A.5.2')).toBe('Not started');
    const clauses = workbook.getWorksheet('Clauses 4–10');
    let clause43 = '';
    clauses?.eachRow((row) => {
      if (row.getCell(1).value === '4.3') clause43 = String(row.getCell(5).value);
    });
    expect(clause43).toBe('Partially implemented');
    expect(workbook.getWorksheet('Summary')?.getRow(2).getCell(2).value).toBe(clinic);
  });

  it('logged no 403 in the browser console on the way (no CSRF retry, no organisation request while MFA is pending)', () => {
    expect(browserProblems.filter((problem) => /\b403\b/.test(problem))).toEqual([]);
  });
});
