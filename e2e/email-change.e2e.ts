import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { linkFromMail, mailTo, type SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let browser: Browser;
let server: ServerProcess;
let smtp: SmtpSink;

let page: Page;

const stamp = Date.now();
const oldEmail = `manager.${stamp}@bayview-physio.example`;
const newEmail = `practice.manager.${stamp}@bayview-physio.example`;
const password = 'tide pools under the cliff 31';

beforeAll(async () => {
  ({ server, smtp, browser } = stack);
  ({ page } = await stack.newPage());
});

async function signIn(target: Page, email: string): Promise<void> {
  await target.goto(`${server.url}/login`);
  await target.getByLabel(/^E-mail( \(required\))?$/).fill(email);
  await target.getByLabel('Password').fill(password);
  await target.getByRole('button', { name: 'Sign in', exact: true }).click();
}

describe('changing the e-mail address: a link to the new address over real SMTP, then sign-in with it', () => {
  it('has a confirmed account to move', async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Jordan Bayview');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(oldEmail);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Organisation name').fill('Bayview Physio');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(await linkFromMail(smtp, oldEmail, /Subject: Confirm your e-mail address/, '/verify-email'));
    await page.getByText(/confirmed/i).first().waitFor();
    await signIn(page, oldEmail);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('asks for the change on the account page; the old address is told, without the link', async () => {
    await page.goto(`${server.url}/account/security`);
    await page.getByRole('heading', { name: 'E-mail address' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('New e-mail address').fill(newEmail);
    await page.getByRole('button', { name: 'Change e-mail address' }).click();
    await page.getByText(`We have sent a link to ${newEmail}.`).waitFor();
    const notice = await mailTo(smtp, oldEmail, /Subject: Your Custodian e-mail address is being changed/);
    expect(notice).toContain(newEmail);
    expect(notice).not.toMatch(/token=/);
  });

  it('opens the link from the new mailbox in another browser, and the address is changed', async () => {
    const link = await linkFromMail(smtp, newEmail, /Subject: Confirm your new e-mail address for Custodian/, '/confirm-email-change');
    const elsewhere = await browser.newContext({ locale: 'en-AU', timezoneId: 'Australia/Sydney' });
    try {
      const other = await elsewhere.newPage();
      await other.goto(link);
      await other.getByRole('heading', { name: 'Your e-mail address is changed' }).waitFor();
      await other.getByText(`From now on you sign in with ${newEmail}.`).waitFor();
      expect(await seriousViolations(other)).toEqual([]);
      await other.goto(link);
      await other.getByText('This link has already been used').waitFor();
    } finally {
      await elsewhere.close();
    }
  });

  it('signs in with the new address, and not the old one', async () => {
    // The change ended every session of the person: this browser was signed out too.
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Sign in to Custodian' }).waitFor();
    await signIn(page, oldEmail);
    await page.getByText('The e-mail address or password is not right.').waitFor();
    await signIn(page, newEmail);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.url}/account/security`);
    await page.getByText(`You sign in with ${newEmail}.`).waitFor();
  });
});
