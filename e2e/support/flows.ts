import type { Page } from 'playwright-core';
import { linkFromMail, type SmtpSink } from './smtp-sink.ts';

/** The sign-in and sign-up fields, named exactly: the pages also offer passkeys and SSO, and the account page has e-mail fields of its own. */
export const emailField = /^E-mail( \(required\))?$/;

/** Signs up through the page and opens the confirmation link from the mail, so the account can sign in. */
export async function signUpAndConfirm(page: Page, baseUrl: string, sink: SmtpSink, person: { name: string; email: string; password: string; organisation: string }): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel(emailField).fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Organisation name').fill(person.organisation);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto(await linkFromMail(sink, person.email, /Subject: Confirm your e-mail address/, '/verify-email'));
  await page.getByText(/confirmed/i).first().waitFor();
}

/** Fills in the sign-in page with a password and submits it (what follows depends on the account). */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(emailField).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
