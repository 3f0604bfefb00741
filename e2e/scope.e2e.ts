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
let problems: string[];

const email = `practice.manager.${Date.now()}@harbourside.example`;
const password = 'rock pools at low tide 31';

beforeAll(async () => {
  ({ server, smtp } = stack);
  problems = [];
  ({ page } = await stack.newPage({ problems }));
});

/** In the page: changes the Telehealth entry's description as another tab would (same session, its CSRF token). */
async function saveElsewhere(description: string): Promise<number> {
  const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
  const list = (await (await fetch('/api/v1/scope/items?section=system')).json()) as { items: Array<{ id: string; name: string; version: number }> };
  const entry = list.items.find((item) => item.name === 'Telehealth platform');
  const reply = await fetch(`/api/v1/scope/items/${entry?.id ?? ''}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ version: entry?.version, description }),
  });
  return reply.status;
}

describe('context and scope: from the gap analysis to an approved scope statement', () => {
  it('has a signed-in practice manager who finds the scope from the gap item for clause 4.3', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Morgan Manager', email, password, organisation: 'Harbourside Family Clinic' });
    await page.goto(`${server.url}/gap/iso27001:2022:4.3`);
    await page.getByRole('link', { name: 'Scope builder' }).click();
    await page.getByRole('heading', { name: 'Scope builder', level: 1 }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds systems with one click, keeps typed work when someone else saved first, and refuses an exclusion without a reason', async () => {
    await page.getByRole('button', { name: 'Add “Telehealth platform”' }).click();
    await page.getByRole('row', { name: /Telehealth platform/ }).waitFor();
    await expect.poll(async () => page.getByRole('button', { name: 'Add “Telehealth platform”' }).count()).toBe(0);
    // Someone else saves the entry while it is open here: nothing typed is lost, and it can be applied to their version.
    await page.getByRole('button', { name: 'Edit Telehealth platform' }).click();
    const systems = page.getByRole('region', { name: 'Systems' });
    await systems.getByLabel('Description').first().fill('Video consultations through the practice’s telehealth service.');
    expect(await page.evaluate(saveElsewhere, 'Changed in another tab')).toBe(200);
    await systems.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Someone else saved “Telehealth platform” while you were editing' }).waitFor();
    await page.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
    await page.getByRole('row', { name: /Video consultations through the practice’s telehealth service/ }).waitFor();
    // The one refusal expected here: the 409 of the stale save (and the browser's console line about it).
    const expected = (problem: string) => /^409 PATCH .*\/api\/v1\/scope\/items\//.test(problem) || problem.includes('status of 409 (Conflict)');
    expect(problems.filter(expected)).toHaveLength(2);
    problems.splice(0, problems.length, ...problems.filter((problem) => !expected(problem)));
    const exclusions = page.getByRole('region', { name: 'Exclusions' });
    await exclusions.locator('summary', { hasText: 'Add exclusion' }).click();
    await exclusions.getByLabel('What is excluded').fill('Software development');
    await exclusions.getByRole('button', { name: 'Add exclusion' }).click();
    await exclusions.getByText('Give the reason this is excluded from the scope.').first().waitFor();
    expect(await exclusions.getByLabel('What is excluded').inputValue()).toBe('Software development');
    await exclusions.getByLabel(/Why it is excluded/).fill('The practice writes no software of its own.');
    await exclusions.getByRole('button', { name: 'Add exclusion' }).click();
    await exclusions.getByRole('row', { name: /Software development/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds interested parties from the healthcare suggestions', async () => {
    await page.goto(`${server.url}/scope/parties`);
    await page.getByRole('button', { name: 'Add “Office of the Australian Information Commissioner (OAIC)”' }).click();
    await page.getByRole('row', { name: /Notifiable Data Breaches/ }).waitFor();
  });

  it('writes the summary, approves the statement and downloads it', async () => {
    await page.getByRole('link', { name: '← Back to context and scope' }).click();
    await page.getByRole('heading', { name: 'Context and scope', level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Summary' }).fill('All clinical and administrative services at the Harbourside clinic.');
    await page.getByRole('button', { name: 'Save summary' }).click();
    await page.getByText('Summary saved.').waitFor();
    await page.getByRole('button', { name: 'Approve revision 6' }).click();
    await page.getByText('Revision 6 of the scope statement is approved.').waitFor();
    await page.getByText(/Revision 6 approved by Morgan Manager on \d{2}\/\d{2}\/\d{4}/).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download scope statement (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^scope-statement-harbourside-family-clinic-\d{4}-\d{2}-\d{2}\.pdf$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
