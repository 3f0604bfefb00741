import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { linkFromMail, mailTo, type SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;

let page: Page;

const email = `reception.${Date.now()}@harbour-gp.example`;
const oldPassword = 'sea breeze over the jetty 7';
const newPassword = 'pelicans on the pylons 42';

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page } = await stack.newPage());
});

describe('forgotten password: a reset link over real SMTP, a new password, then sign-in', () => {
  it('has an account to forget the password of', async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Robin Reception');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(oldPassword);
    await page.getByLabel('Organisation name').fill('Pylon Street Clinic');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(await linkFromMail(smtp, email, /Subject: Confirm your e-mail address/, '/verify-email'));
    await page.getByText(/confirmed/i).first().waitFor();
  });

  it('asks for a link from the sign-in page and gets the same answer as for any address', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Forgotten password?' }).click();
    await page.getByRole('heading', { name: 'Forgotten your password?' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByRole('button', { name: 'Send me a reset link' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    await page.getByText(`If ${email} has a Custodian account, we have sent it a link`).waitFor();
  });

  it('opens the e-mailed link, sets a new password, and the link then says it was used', async () => {
    const link = await linkFromMail(smtp, email, /Subject: Reset your Custodian password/, '/reset-password');
    await page.goto(link);
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByText(`For ${email}.`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('New password').fill('password12345');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText(/too common/).first().waitFor();
    await page.getByLabel('New password').fill(newPassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();

    await page.goto(link);
    await page.getByText('This link has already been used').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
  });

  it('signs in with the new password and not the old one', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(oldPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('The e-mail address or password is not right.').waitFor();
    await page.getByLabel('Password').fill(newPassword);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('shows this device on the account security page and changes the password there', async () => {
    await page.goto(`${server.url}/account/security`);
    const sessions = page.getByRole('table', { name: /Your sessions/ });
    await sessions.getByText('This device').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Current password').fill(newPassword);
    await page.getByLabel('New password').fill(oldPassword);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Your password is changed. Other devices have been signed out.').waitFor();
    expect(await mailTo(smtp, email, /Subject: Your Custodian password was changed/)).toMatch(/If this wasn't you, reset your password/);
  });
});
