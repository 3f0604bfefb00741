import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

/**
 * The acceptance path of issue 9 as a practice manager clicks it: scope → assets → a changed 5 × 5
 * method → a risk from the threat library → treatment linked to Annex A controls → the owner accepts
 * the residual risk → the residual heat map shows it → the register exported as XLSX and imported
 * into a fresh organisation through the import page → the two registers compare equal.
 */

const stack = useE2eStack();
let page: Page;
const problems: string[] = [];

const email = `practice.manager.${Date.now()}@harbour-gp.example`;
const password = 'pelicans on the breakwater 44';
/** Set E2E_SHOTS=dir to keep a screenshot of each page for a person to look at. */
const shots = process.env.E2E_SHOTS;

/** The exported workbook: each sheet's rows (header first) as plain values, ready to compare. */
type Sheets = Record<string, unknown[][]>;
let exported: Buffer;
let firstRegister: Sheets;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

/** Clicks "Export register (XLSX)" on the register page and reads the downloaded workbook back. */
async function exportRegister(): Promise<{ buffer: Buffer; sheets: Sheets }> {
  await nav('Import & export registers');
  await page.getByRole('heading', { name: 'Import and export registers', level: 1 }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export register (XLSX)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^register-.+-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const buffer = await readFile((await download.path()) ?? '');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets: Sheets = {};
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((value) => (value instanceof Date ? value.toISOString() : value))));
    sheets[sheet.name] = rows;
  });
  return { buffer, sheets };
}

/** Imports the exported workbook as one kind on the import page: the suggested mapping as it is, checked, then committed (rows: of every sheet the kind reads). */
async function importAs(kind: 'Assets' | 'Risks', expectRows: number, expectDone: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByLabel('File (CSV or XLSX, up to 20 MB)').setInputFiles({ name: 'register-harbour-gp.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: exported });
  await page.getByRole('button', { name: 'Check the file' }).click();
  // The check's outcome, success or the problems by row, read whole so a failure says why.
  const outcome = page.locator('.alert-success, .alert-error');
  await outcome.waitFor();
  expect(await outcome.innerText()).toMatch(new RegExp(`^${expectRows} rows checked: no problems\\.`));
  await page.getByRole('button', { name: `Import ${expectRows} rows` }).click();
  await page.getByRole('status').filter({ hasText: expectDone }).waitFor();
}

/**
 * On the risk method page: renames likelihood 2, rates Unlikely × Minor Medium instead of Low, lowers
 * the appetite to Low, previews (`risks` checked, none moving) and saves version 2.
 */
async function configureMethod(risks: number): Promise<void> {
  await nav('Risks');
  await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Risk method' }).click();
  await page.getByRole('heading', { name: 'Risk method', level: 1 }).waitFor();
  await page.getByLabel('Likelihood 2: name').fill('Not expected this year');
  await page.getByLabel('Not expected this year × Minor').selectOption({ label: 'Medium' });
  await page.getByLabel(/^Risk appetite/).selectOption({ label: 'Low' });
  await page.getByLabel('Why the method is changing').fill('The partners accept only low risks; minor disruption at this likelihood matters to us.');
  expect(await page.getByRole('button', { name: 'Save as version 2' }).isDisabled()).toBe(true);
  await page.getByRole('button', { name: 'Preview which risks move' }).click();
  await page.getByText(`No risk moves with this change (${risks} risks checked).`).waitFor();
  await page.getByRole('button', { name: 'Save as version 2' }).click();
  await page.getByText(new RegExp(`Saved version 2\\. 0 of ${risks} risks were re-scored`)).waitFor();
  await page.getByText(/risks up to Low are within the appetite/).waitFor();
}

/** Drops what differs between organisations by nature: ids, versions and timestamps. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !/^(id|version)$|Id$|At$/.test(key))
      .map(([key, inner]) => [key, withoutIds(inner)]),
  );
}

/** The current organisation's registers through the API, as the session in the browser reads them: each asset with its links, each risk with its tasks. */
async function registerThroughApi(): Promise<unknown> {
  const get = async <T>(path: string): Promise<T> => {
    const reply = await page.request.get(`${stack.server.url}/api/v1${path}`);
    expect(reply.status(), path).toBe(200);
    return (await reply.json()) as T;
  };
  const assets = await get<{ items: Array<{ id: string }> }>('/assets?sort=ref&limit=100');
  const risks = await get<{ items: Array<{ id: string }> }>('/risks?sort=ref&limit=100');
  return withoutIds({
    assets: await Promise.all(assets.items.map((asset) => get(`/assets/${asset.id}`))),
    risks: await Promise.all(
      risks.items.map(async (risk) => {
        // The formal acceptance travels with the register (who accepted, at which level, with which note),
        // and imported tasks keep the file's order: both compared as they are.
        const fields = await get<Record<string, unknown>>(`/risks/${risk.id}`);
        const tasks = await get<{ items: Array<{ title: string }> }>(`/risks/${risk.id}/tasks`);
        return { risk: fields, tasks: tasks.items };
      }),
    ),
  });
}
let firstApi: unknown;

beforeAll(async () => {
  ({ page } = await stack.newPage({ problems }));
});

describe('issue 9 acceptance: from the scope to a register that moves to another organisation unchanged', () => {
  it('has a signed-in practice manager', async () => {
    await signUpAndSignIn(page, stack.server.url, stack.smtp, { name: 'Morgan Manager', email, password, organisation: 'Harbour GP' });
  });

  it('defines the scope: a site, a system and an exclusion with its justification', async () => {
    await nav('Scope & context');
    await page.getByRole('heading', { name: 'Context and scope', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Scope builder' }).first().click();
    await page.getByRole('heading', { name: 'Scope builder', level: 1 }).waitFor();
    const sites = page.getByRole('region', { name: 'Sites' });
    await sites.locator('summary', { hasText: 'Add site' }).click();
    await sites.getByLabel(/^Name/).fill('Harbour Street clinic');
    await sites.getByLabel('Description').fill('Consulting rooms, reception and the comms cupboard, 12 Harbour St.');
    await sites.getByRole('button', { name: 'Add site' }).click();
    await sites.getByRole('row', { name: /Harbour Street clinic/ }).waitFor();
    await page.getByRole('button', { name: 'Add “Practice management software”' }).click();
    await page.getByRole('region', { name: 'Systems' }).getByRole('row', { name: /Practice management software/ }).waitFor();
    const exclusions = page.getByRole('region', { name: 'Exclusions' });
    await exclusions.locator('summary', { hasText: 'Add exclusion' }).click();
    await exclusions.getByLabel('What is excluded').fill('Software development');
    await exclusions.getByLabel(/Why it is excluded/).fill('The practice writes no software of its own.');
    await exclusions.getByRole('button', { name: 'Add exclusion' }).click();
    await exclusions.getByRole('row', { name: /Software development/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('scope');
  });

  it('adds assets and links them', async () => {
    await nav('Assets');
    await page.getByRole('heading', { name: 'Assets', level: 1 }).waitFor();
    const add = async (name: string, kind: string, classification: string) => {
      await page.getByRole('link', { name: 'Add an asset' }).click();
      await page.getByRole('heading', { name: 'Add an asset', level: 1 }).waitFor();
      await page.getByLabel(/^Name/).fill(name);
      await page.getByLabel('Kind of asset').selectOption({ label: kind });
      await page.getByLabel(/^Classification/).selectOption({ label: classification });
      await page.locator('select[name="ownerUserId"]').selectOption({ label: 'Morgan Manager (Owner)' });
      await page.getByRole('button', { name: 'Add asset' }).click();
    };
    await add('Practice management system', 'Software', 'Sensitive health information');
    await page.getByRole('heading', { name: 'A-0001 Practice management system', level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Back to the asset register' }).click();
    await add('Clinic server', 'Device', 'Confidential');
    await page.getByRole('heading', { name: 'A-0002 Clinic server', level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Back to the asset register' }).click();
    await page.getByRole('link', { name: 'Practice management system' }).click();
    await page.getByLabel('“Practice management system”…').selectOption({ label: 'runs on' });
    await page.getByLabel('Find the other asset').fill('server');
    await page.getByLabel('Other asset', { exact: true }).selectOption({ label: 'A-0002 Clinic server (Device)' });
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('listitem').filter({ hasText: 'This asset runs on A-0002 Clinic server' }).waitFor();
  });

  it('configures the 5 × 5 method: a label, a cell and the appetite, previewed then saved', async () => {
    await configureMethod(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('risk-method');
  });

  it('creates a risk from the threat library, pre-filled, with a residual score', async () => {
    await page.getByRole('link', { name: '← Back to the risk register' }).click();
    await page.getByRole('link', { name: 'Add a risk' }).click();
    await page.getByRole('heading', { name: 'Add a risk', level: 1 }).waitFor();
    await page.getByLabel('Scenario').selectOption({ label: 'Cyber attack: Ransomware encrypts the practice management system' });
    await page.getByRole('button', { name: 'Use this scenario' }).click();
    await page.getByText(/A first treatment task will be added with \d+ suggested controls/).waitFor();
    expect(await page.getByLabel(/^Title/).inputValue()).toBe('Ransomware encrypts the practice management system');
    expect(await page.locator('select[name="inherentLikelihood"]').inputValue()).toBe('3');
    expect(await page.locator('select[name="inherentImpact"]').inputValue()).toBe('5');
    await page.locator('select[name="ownerUserId"]').selectOption({ label: 'Morgan Manager (Owner)' });
    const assets = page.getByRole('group', { name: 'Assets at risk' });
    for (const [search, asset] of [
      ['practice', 'A-0001 Practice management system (Software)'],
      ['A-0002', 'A-0002 Clinic server (Device)'],
    ] as const) {
      await assets.getByLabel(/^Find an asset/).fill(search);
      await assets.getByLabel('Asset to add').locator('option', { hasText: asset }).waitFor({ state: 'attached' });
      await assets.getByLabel('Asset to add').selectOption({ label: asset });
      await assets.getByRole('button', { name: 'Add asset' }).click();
    }
    await assets.getByRole('button', { name: 'Remove A-0002 Clinic server' }).waitFor();
    await page.locator('select[name="residualLikelihood"]').selectOption('2');
    await page.locator('select[name="residualImpact"]').selectOption('2');
    await page.locator('select[name="treatment"]').selectOption({ index: 1 });
    expect(await seriousViolations(page)).toEqual([]);
    await shot('new-risk');
    await page.getByRole('button', { name: 'Add risk' }).click();
    await page.getByRole('heading', { name: /^R-0001 Ransomware/ }).waitFor();
    await page.getByText('A-0001 Practice management system; A-0002 Clinic server').waitFor();
  });

  it('plans the treatment with tasks linked to Annex A controls', async () => {
    const plan = page.getByRole('region', { name: 'Treatment plan' });
    await plan.getByRole('link', { name: /A\.8\.13 Information backup/ }).waitFor();
    // The task the threat library added has no owner or due date yet: give it both, in place.
    const libraryTask = plan.getByRole('form', { name: /^Owner and due date of “Put in place the controls suggested/ });
    await libraryTask.getByLabel('Owner').selectOption({ label: 'Morgan Manager (Owner)' });
    await libraryTask.getByLabel('Due date').fill('2027-02-26');
    await libraryTask.getByRole('button', { name: /^Save owner and due date/ }).click();
    await plan.getByText('Morgan Manager · due 26/02/2027').waitFor();
    await plan.locator('input[name="taskTitle"]').fill('Test restoring the practice database from the off-site backup');
    await plan.locator('select[name="taskOwner"]').selectOption({ label: 'Morgan Manager (Owner)' });
    await plan.locator('input[name="taskDue"]').fill('2027-03-31');
    await plan.getByLabel('Annex A control it implements').selectOption({ label: 'A.6.3 Information security awareness, education and training' });
    await plan.getByRole('button', { name: 'Add control' }).click();
    await plan.getByRole('button', { name: 'Add task' }).click();
    await plan.getByRole('link', { name: /A\.6\.3 Information security awareness/ }).waitFor();
    expect(await plan.getByText('Gap analysis: Not started').count()).toBeGreaterThan(1);
  });

  it('the risk owner accepts the residual risk, above the appetite with a reason, flagged', async () => {
    const acceptance = page.getByRole('region', { name: 'Acceptance of the residual risk' });
    await acceptance.getByText(/above your organisation's risk appetite/).waitFor();
    await acceptance.getByLabel(/Why it is accepted/).fill('Backups are tested monthly; the partners accept a day of disruption.');
    await acceptance.getByRole('button', { name: 'Accept the residual risk' }).click();
    await acceptance.getByText(/Accepted by Morgan Manager on \d{2}\/\d{2}\/\d{4}/).waitFor();
    await acceptance.getByText('Above the risk appetite').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('risk');
  });

  it('the residual heat map shows the risk in its cell, accepted', async () => {
    await nav('Risk insights');
    await page.getByRole('heading', { name: 'Risk insights', level: 1 }).waitFor();
    const residual = page.getByRole('table', { name: 'Open risks by residual likelihood and impact' });
    const row = residual.getByRole('row', { name: /^2\. Not expected this year/ });
    // Impact 2 (Minor) is the second data cell of the row: the changed cell, now Medium.
    const cell = row.getByRole('cell').nth(1);
    expect((await cell.innerText()).replace(/\s+/g, ' ').trim()).toBe('1 Medium 1 accepted');
    const others = await residual.locator('.heat-count').allInnerTexts();
    expect(others.map(Number).reduce((a, b) => a + b, 0)).toBe(1);
    const inherent = page.getByRole('table', { name: 'Open risks by inherent likelihood and impact' });
    expect((await inherent.getByRole('row', { name: /^3\. Possible/ }).getByRole('cell').nth(4).innerText()).replace(/\s+/g, ' ').trim()).toBe('1 High 1 accepted');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('risk-insights');
  });

  it('exports the register as XLSX with the assets, links, the risk and its tasks', async () => {
    const { buffer, sheets } = await exportRegister();
    exported = buffer;
    firstRegister = sheets;
    firstApi = await registerThroughApi();
    expect(Object.keys(sheets)).toEqual(['Assets', 'Asset links', 'Risks', 'Treatment tasks']);
    expect(sheets.Assets?.slice(1).map((row) => row.slice(0, 2))).toEqual([
      ['A-0001', 'Practice management system'],
      ['A-0002', 'Clinic server'],
    ]);
    expect(sheets['Asset links']?.slice(1)).toEqual([['A-0001', 'runs on', 'A-0002']]);
    const [header, risk] = sheets.Risks ?? [];
    const value = (column: string) => risk?.[header?.indexOf(column) ?? -1];
    expect(value('Ref')).toBe('R-0001');
    expect(value('Owner e-mail')).toBe(email);
    expect(value('Assets')).toBe('A-0001; A-0002');
    expect([value('Inherent likelihood'), value('Inherent impact'), value('Residual likelihood'), value('Residual impact')]).toEqual([3, 5, 2, 2]);
    expect(value('Status')).toBe('Residual risk accepted');
    expect(sheets['Treatment tasks']).toHaveLength(3);
  });

  it('creates a fresh organisation and imports the file there, assets then risks, through the import page', async () => {
    await nav('Settings');
    await page.getByLabel(/^Name of the new organisation/).fill('Harbour GP (copy)');
    await page.getByRole('button', { name: 'Create organisation' }).click();
    await page.getByRole('button', { name: 'Switch to Harbour GP (copy)' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    // The export carries scores as likelihood × impact, not the method: the new practice adopts the
    // same method first, or the levels, labels and appetite of the imported risks would differ.
    await configureMethod(0);
    await nav('Import & export registers');
    await page.getByRole('heading', { name: 'Import and export registers', level: 1 }).waitFor();
    await importAs('Assets', 3, 'Imported 2 assets, 1 link between assets.');
    await importAs('Risks', 3, 'Imported 1 risk, 2 treatment tasks.');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('import');
  });

  it('the fresh organisation’s register is the same, cell for cell and through the API', async () => {
    const { sheets } = await exportRegister();
    expect(sheets).toEqual(firstRegister);
    expect(await registerThroughApi()).toEqual(firstApi);
    expect(problems).toEqual([]);
  });
});
