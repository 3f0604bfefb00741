import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../apps/server/src/lib/dates.ts';
import { signInWithPassword, signUpAndConfirm } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

/**
 * Issue 11 acceptance, internal audit: an audit is planned, raises a minor nonconformity, a corrective
 * action is added and completed, and the effectiveness review closes the nonconformity.
 */

const stack = useE2eStack();
let page: Page;
const problems: string[] = [];
const email = `practice.owner.${Date.now()}@bayside-physio.example`;
const password = 'gulls over the jetty 31';
const today = todayIn('Australia/Sydney', new Date());

async function nav(name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).click();
}

beforeAll(async () => {
  ({ page } = await stack.newPage({ problems }));
});

describe('issue 11 acceptance: an internal audit raises a minor nonconformity that is corrected and closed', () => {
  it('plans and starts an audit of clause 10, records a minor finding and completes it', async () => {
    await signUpAndConfirm(page, stack.server.url, stack.smtp, { name: 'Olivia Owner', email, password, organisation: 'Bayside Physio' });
    await signInWithPassword(page, stack.server.url, email, password);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await nav('Internal audits');
    await page.getByRole('heading', { name: 'Internal audits', level: 1 }).waitFor();
    await page.getByLabel(/^Audit title/).fill('Improvement audit (demo)');
    await page.getByLabel(/^Planned start/).fill(today);
    await page.getByLabel(/^Auditor/).selectOption({ index: 1 });
    await page.getByLabel('Clause 10').check();
    await page.getByRole('button', { name: 'Plan audit' }).click();
    await page.getByRole('heading', { name: 'Improvement audit (demo)', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Start the audit' }).click();
    const results = page.getByLabel(/^Result for /);
    await results.first().waitFor();
    await page.getByLabel('Type').selectOption('minor');
    await page.getByRole('textbox', { name: /^Finding/ }).fill('Corrective actions are not followed up');
    await page.getByRole('button', { name: 'Record finding' }).click();
    await page.getByRole('link', { name: 'NC-1' }).waitFor();
    const count = await results.count();
    for (let i = 0; i < count; i += 1) {
      await Promise.all([page.waitForResponse((r) => r.url().includes('/checklist/') && r.status() === 200), results.nth(i).selectOption('conforms')]);
    }
    await page.getByRole('textbox', { name: /^Conclusion/ }).fill('The ISMS conforms apart from one minor nonconformity.');
    await page.getByRole('button', { name: 'Complete the audit' }).click();
    await page.getByText('The ISMS conforms apart from one minor nonconformity.', { exact: true }).last().waitFor();
    await page.getByRole('button', { name: 'Complete the audit' }).waitFor({ state: 'detached' });
  });

  it('corrects the nonconformity and closes it with an effective review', async () => {
    await page.getByRole('link', { name: 'NC-1' }).click();
    await page.getByRole('heading', { name: /^NC-1: / }).waitFor();
    await page.getByRole('textbox', { name: /^Root cause/ }).fill('Nobody owned the follow-up');
    await page.getByRole('button', { name: 'Save analysis' }).click();
    await page.getByRole('textbox', { name: /^Corrective action/ }).fill('Name an owner for every action and review them monthly');
    await page.getByLabel(/^Action owner/).selectOption({ index: 1 });
    await page.getByLabel(/^Due/).fill(today);
    await page.getByRole('button', { name: 'Add corrective action' }).click();
    await page.getByRole('button', { name: 'Mark complete' }).click();
    await page.getByRole('button', { name: 'Record effectiveness review' }).waitFor();
    await page.getByLabel(/^What you checked/).fill('Monthly review held; every action has an owner');
    await page.getByRole('button', { name: 'Record effectiveness review' }).click();
    await page.getByText(/effective — Monthly review held/).waitFor();
    await nav('Nonconformities');
    const row = page.getByRole('row', { name: /NC-1/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('Closed');
    expect(problems).toEqual([]);
  });
});
