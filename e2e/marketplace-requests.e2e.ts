import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import { linkFromMail } from './support/smtp-sink.ts';
import { useE2eStack } from './support/stack.ts';

// No demo: mail to the sink.
const stack = useE2eStack();

const email = `practice.manager.${Date.now()}@hobart-gp.example`;
const guestEmail = `guest.${Date.now()}@dental.example`;
const password = 'quiet harbour morning 57';

async function fillNeeds(page: Page): Promise<void> {
  await page.getByLabel('Number of staff').fill('24');
  await page.getByLabel('Full-time equivalents').fill('17.5');
  await page.getByLabel('Site 1: state').selectOption('TAS');
  await page.getByLabel('Site 1: suburb or town').fill('Hobart');
  await page.getByRole('button', { name: 'Add another site' }).click();
  await page.getByLabel('Site 2: state').selectOption('TAS');
  await page.getByLabel('Site 2: suburb or town').fill('Launceston');
  await page.getByLabel('Budget from (dollars, optional)').fill('20000');
  await page.getByLabel('Budget up to (dollars, optional)').fill('10000');
}

describe('asking for quotes in the browser', () => {
  it('a signed-in practice manager fills the pre-filled form, sees the estimate, and the request waits for approval', async () => {
    const { server, smtp } = stack;
    const { page } = await stack.newPage();
    await signUpAndSignIn(page, server.url, smtp, { name: 'Hana Manager', email, password, organisation: 'Hobart GP' });
    await page.getByRole('link', { name: 'Requests for quotes' }).click();
    await page.getByText('No requests yet').waitFor();
    await page.getByRole('link', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Ask for quotes', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'What to expect (an estimate)' }).waitFor();
    // Pre-filled from the organisation: whom it asks for, and its head count (one member so far).
    await page.getByText(/^Asking for Hobart GP\./).waitFor();
    await expect(page.getByLabel('Number of staff').inputValue()).resolves.toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
    await fillNeeds(page);
    // The estimate follows the answers: 18 persons → the chart's days for that size.
    await page.getByText(/Certification audit: about \d+(\.5)? days/).waitFor();
    await page.getByRole('button', { name: 'Ask for quotes' }).click();
    await page.getByText('The highest figure of your budget must not be lower than the lowest figure.').first().waitFor();
    await page.getByLabel('Budget up to (dollars, optional)').fill('45000');
    await page.getByRole('button', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Request for quotes', level: 1 }).waitFor();
    await page.getByText('Waiting for the marketplace to check it').waitFor();
    await page.getByText('Hobart (TAS); Launceston (TAS)').waitFor();
    await page.getByText('Providers are chosen once the marketplace has checked your request.').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a guest asks without an account, confirms through the private link and sees the request', async () => {
    const { server, smtp } = stack;
    const { page } = await stack.newPage();
    await page.goto(`${server.url}/guest/new-request`);
    await page.getByRole('heading', { name: 'Ask for quotes', level: 1 }).waitFor();
    await page.getByLabel('Your name').fill('Gina Guest');
    await page.getByLabel('Your e-mail address').fill(guestEmail);
    await page.getByLabel('Organisation name').fill('Harbour Dental');
    await fillNeeds(page);
    await page.getByLabel('Budget up to (dollars, optional)').fill('30000');
    await page.getByLabel('Training for staff').check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ask for quotes' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const link = await linkFromMail(smtp, guestEmail, /Subject: Confirm your request for quotes/, '/guest/request');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Your request for quotes' }).waitFor();
    await page.getByText('Waiting for the marketplace to check it').waitFor();
    await page.getByRole('heading', { name: 'Training for staff' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
