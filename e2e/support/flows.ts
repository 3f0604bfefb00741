import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { linkFromMail, type SmtpSink } from './smtp-sink.ts';

/** The sign-in and sign-up fields, named exactly: the pages also offer passkeys and SSO, and the account page has e-mail fields of its own. */
export const emailField = /^E-mail( \(required\))?$/;

/** Signs up through the page and opens the confirmation link from the mail, so the account can sign in. */
export async function signUpAndConfirm(
  page: Page,
  baseUrl: string,
  sink: SmtpSink,
  person: { name: string; email: string; password: string; organisation: string },
): Promise<void> {
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Your name').fill(person.name);
  await page.getByLabel(emailField).fill(person.email);
  await page.getByLabel('Password').fill(person.password);
  await page.getByLabel('Organisation name').fill(person.organisation);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.goto(await linkFromMail(sink, person.email, /Subject: Confirm your e-mail address/, '/verify-email'));
  await page
    .getByText(/confirmed/i)
    .first()
    .waitFor();
}

/** Fills in the sign-in page with a password and submits it (what follows depends on the account). */
export async function signInWithPassword(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(emailField).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs up, confirms the address and signs in: a new owner on their dashboard. */
export async function signUpAndSignIn(
  page: Page,
  baseUrl: string,
  sink: SmtpSink,
  person: { name: string; email: string; password: string; organisation: string },
): Promise<void> {
  await signUpAndConfirm(page, baseUrl, sink, person);
  await signInWithPassword(page, baseUrl, person.email, person.password);
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

/**
 * The owner invites someone from the members page (with a role, when given) and that person opens the
 * e-mailed link in their own page, chooses their name and password and joins; it returns once the
 * invitation form was used and the joining page has been submitted (where they land is the caller's to check).
 */
export async function inviteAndJoin(
  owner: Page,
  joiner: Page,
  baseUrl: string,
  sink: SmtpSink,
  invite: { email: string; role?: string; organisation: string; name: string; password: string },
): Promise<void> {
  await owner.goto(`${baseUrl}/members`);
  const form = owner.locator('form', { has: owner.getByRole('button', { name: 'Send invitation' }) });
  await form.getByLabel(/^E-mail/).fill(invite.email);
  if (invite.role) await form.getByLabel('Role', { exact: true }).selectOption(invite.role);
  await form.getByRole('button', { name: 'Send invitation' }).click();
  await joiner.goto(await linkFromMail(sink, invite.email, new RegExp(`Subject: You are invited to ${invite.organisation}`), '/accept-invitation'));
  await joiner.getByLabel('Your name').fill(invite.name);
  await joiner.getByLabel('Choose a password').fill(invite.password);
  await joiner.getByRole('button', { name: 'Create my account and join' }).click();
}

/**
 * A code the server has not seen yet: for the 30-second step after `after` (the server accepts one
 * step either side of now and refuses a step it has already used), or for now when that is later.
 * Waiting for the next window instead cost up to 30 s per sign-in.
 */
export async function freshTotp(secret: string, after: number): Promise<string> {
  const step = Math.max(after + 1, Math.floor(Date.now() / 30_000));
  return generate({ secret, epoch: step * 30 });
}

/** What enrolment in two-step verification leaves the test: the secret, the 30-second step its code used, the QR code's address and the recovery codes. */
export interface TotpEnrolment {
  secret: string;
  step: number;
  qrSource: string;
  recoveryCodes: string[];
}

/** Turns on two-step verification for the signed-in account from the security page and keeps the recovery codes. */
export async function enrolTotp(page: Page, baseUrl: string): Promise<TotpEnrolment> {
  await page.goto(`${baseUrl}/account/security`);
  await page.getByRole('button', { name: 'Set up two-step verification' }).click();
  const qrSource = (await page.getByRole('img', { name: /QR code/ }).getAttribute('src')) ?? '';
  const secret = await page.getByLabel('Secret key').inputValue();
  const step = Math.floor(Date.now() / 30_000);
  await page.getByLabel('Authentication code').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' });
  await codes.waitFor();
  const recoveryCodes = await codes.getByRole('listitem').allInnerTexts();
  await page.getByRole('button', { name: 'I have saved these codes' }).click();
  return { secret, step, qrSource, recoveryCodes };
}

/** Signs in with the password and a fresh code of the enrolment (after `enrolment.step`), and waits for the dashboard. */
export async function signInWithTotp(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  enrolment: Pick<TotpEnrolment, 'secret' | 'step'>,
): Promise<void> {
  await signInWithPassword(page, baseUrl, email, password);
  await submitTotp(page, enrolment);
}

/** Answers the sign-in's two-step verification page with a fresh code, and waits for the dashboard. */
export async function submitTotp(page: Page, enrolment: Pick<TotpEnrolment, 'secret' | 'step'>): Promise<void> {
  await page.getByLabel('Authentication code').fill(await freshTotp(enrolment.secret, enrolment.step));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}
