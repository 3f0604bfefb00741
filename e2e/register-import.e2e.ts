import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signInWithPassword, signUpAndConfirm } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

const stack = useE2eStack();
let page: Page;
const problems: string[] = [];

const email = `practice.manager.${Date.now()}@harbour-st.example`;
const password = 'seagulls over the jetty 27';
const header = 'Asset,Type,Classification,C,I,A,Responsible';
const file = (rows: string[]) => ({ name: 'assets.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });

beforeAll(async () => {
  ({ page } = await stack.newPage({ problems }));
});

describe('register import and export in the browser', () => {
  it('has a signed-in practice manager on the import page, reached from the navigation', async () => {
    await signUpAndConfirm(page, stack.server.url, stack.smtp, { name: 'Morgan Manager', email, password, organisation: 'Harbour Street Clinic' });
    await signInWithPassword(page, stack.server.url, email, password);
    await page.getByRole('link', { name: 'Import & export registers' }).click();
    await page.getByRole('heading', { name: 'Import and export registers', level: 1 }).waitFor();
  });

  it('suggests the columns, lets the person choose one, and lists the problems by row without importing', async () => {
    await page
      .getByLabel('File (CSV or XLSX, up to 20 MB)')
      .setInputFiles(file([`Reception PC,Device,Internal,2,2,2,${email}`, 'Old drive,Device,Secret,1,1,1,']));
    await expect.poll(() => page.getByLabel('Name (required)').inputValue()).toBe('0');
    // "Responsible" is not a heading the import knows: the person picks it for the owner's e-mail.
    expect(await page.locator('#map-assets-owner option:checked').textContent()).toBe('Do not import');
    await page.locator('#map-assets-owner').selectOption({ label: 'Responsible' });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText("Row 3: Classification 'Secret' is not one of Public, Internal, Confidential or Sensitive health information.").waitFor();
    expect(await page.getByRole('button', { name: /^Import/ }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('imports the corrected file with its progress, then the export holds the rows as numbers and text', async () => {
    await page
      .getByLabel('File (CSV or XLSX, up to 20 MB)')
      .setInputFiles(file([`Reception PC,Device,Internal,2,2,2,${email}`, 'Old drive,Device,Confidential,1,1,1,']));
    await page.locator('#map-assets-owner').selectOption({ label: 'Responsible' });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByText('2 rows checked: no problems.').waitFor();
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 2 assets.' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export register (XLSX)' }).click();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await (await download).path()) ?? '');
    const assets = workbook.getWorksheet('Assets');
    expect(assets?.getRow(2).values).toEqual([undefined, 'A-0001', 'Reception PC', 'Device', 'Internal', 2, 2, 2, email, '', '']);
    expect(assets?.getRow(3).getCell(2).value).toBe('Old drive');
    expect(problems).toEqual([]);
  });
});
