import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;
let page: Page;

const email = `risk.owner.${Date.now()}@harbour-gp.example`;
const password = 'kelp forest at high tide 58';
const shots = process.env.E2E_SCREENSHOT_DIR;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page } = await stack.newPage());
});

describe('risk register: method, a risk from the threat library, treatment, acceptance', () => {
  it('has a signed-in owner', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Robin Owner', email, password, organisation: 'Harbour GP' });
  });

  it('changes the method to 4 × 4 after previewing it, and the versions list both', async () => {
    await page.getByRole('link', { name: 'Risks', exact: true }).click();
    await page.getByRole('heading', { name: 'Risk register', level: 1 }).waitFor();
    await page.getByText('No risks recorded yet').waitFor();
    await page.getByRole('link', { name: 'Risk method' }).click();
    await page.getByRole('heading', { name: 'Risk method', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Use 4 × 4' }).click();
    await page.getByLabel('Why the method is changing').fill('A four-point scale suits a small practice');
    expect(await page.getByRole('button', { name: 'Save as version 2' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Preview which risks move' }).click();
    await page.getByText('No risk moves with this change (0 risks checked).').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('risk-method');
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText(/Saved version 2\. 0 of 0 risks were re-scored/).waitFor();
    await page.getByText(/Version 2/).first().waitFor();
  });

  it('adds a risk from the threat library with a first treatment task and the suggested controls', async () => {
    await page.getByRole('link', { name: '← Back to the risk register' }).click();
    await page.getByRole('link', { name: 'Add a risk' }).click();
    await page.getByRole('heading', { name: 'Add a risk', level: 1 }).waitFor();
    await page.getByLabel('Scenario').selectOption({ label: 'Cyber attack: Ransomware encrypts the practice management system' });
    await page.getByRole('button', { name: 'Use this scenario' }).click();
    await page.getByText(/A first treatment task will be added with 4 suggested controls/).waitFor();
    // 3 × 5 on the default scales lands on 3 × 4 of the 4 × 4 method.
    expect(await page.locator('select[name="inherentLikelihood"]').inputValue()).toBe('3');
    expect(await page.locator('select[name="inherentImpact"]').inputValue()).toBe('4');
    await page.locator('select[name="ownerUserId"]').selectOption({ label: 'Robin Owner (Owner)' });
    await page.locator('select[name="residualLikelihood"]').selectOption('2');
    await page.locator('select[name="residualImpact"]').selectOption('2');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('new-risk');
    await page.getByRole('button', { name: 'Add risk' }).click();
    await page.getByRole('heading', { name: /^R-0001 / }).waitFor();
    await page.getByRole('link', { name: /A\.8\.13 Information backup/ }).waitFor();
    await page.getByText('Gap analysis: Not started').first().waitFor();
  });

  it('accepts the residual risk as its owner, and the history says so in plain words', async () => {
    await page.getByRole('button', { name: 'Accept the residual risk' }).click();
    await page.getByText(/Accepted by Robin Owner on \d{2}\/\d{2}\/\d{4}/).waitFor();
    await page.getByText(/Robin Owner formally accepted the residual risk of R-0001/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('risk');
    await page.getByRole('link', { name: '← Back to the risk register' }).click();
    const row = page.getByRole('row', { name: /R-0001/ });
    await row.getByText('Residual risk accepted').waitFor();
    await shot('register');
  });
});
