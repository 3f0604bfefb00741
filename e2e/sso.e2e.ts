import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProvider, type TestProvider } from '../apps/server/test/oidc-test-provider.ts';
import { seriousViolations } from './support/axe.ts';
import { linkFromMail, type SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;
let provider: TestProvider;

const domain = `bayview-${Date.now().toString(36)}.example`;
const owner = `practice.manager@${domain}`;
const nurse = `nurse.jo@${domain}`;
const ownerPassword = 'sea breeze over the jetty 7';
const nursePassword = 'gulls above the boat ramp 31';

beforeAll(async () => {
  ({ server, smtp } = stack);
  provider = await startTestProvider({ redirectUris: [`${server.url}/sso/callback`] });
  provider.accounts.set(nurse, { email: nurse, emailVerified: true, name: 'Jo Nurse' });
});

afterAll(async () => {
  await provider?.close();
});

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  return stack.newPage();
}

async function passwordSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** In the page: another owner changes the role for people who join (same session, its CSRF token), as a second tab would. */
async function changeRoleElsewhere(jitRole: string): Promise<number> {
  const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
  const now = (await (await fetch('/api/v1/org/sso')).json()) as { issuer: string; clientId: string; isRequired: boolean; isJitEnabled: boolean; version: number };
  const body = { issuer: now.issuer, clientId: now.clientId, isRequired: now.isRequired, isJitEnabled: now.isJitEnabled, jitRole, version: now.version };
  const reply = await fetch('/api/v1/org/sso', { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify(body) });
  return reply.status;
}

describe('single sign-on: an owner requires it, and a person signs in through the provider', () => {
  let ownerPage: Page;
  let recoveryCode = '';

  it('has an owner at the organisation’s domain with two-step verification', async () => {
    ({ page: ownerPage } = await newPage());
    const page = ownerPage;
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Morgan Manager');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(owner);
    await page.getByLabel('Password').fill(ownerPassword);
    await page.getByLabel('Organisation name').fill('Bayview Family Practice');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.goto(await linkFromMail(smtp, owner, /Subject: Confirm your e-mail address/, '/verify-email'));
    await page.getByText('Thank you. Your account is ready.').waitFor();
    await passwordSignIn(page, owner, ownerPassword);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.url}/account/security`);
    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    const secret = await page.getByLabel('Secret key').inputValue();
    await page.getByLabel('Authentication code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    recoveryCode = await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').first().innerText();
    await page.getByRole('button', { name: 'I have saved these codes' }).click();
  });

  it('configures single sign-on in the settings: domain, provider (checked), just-in-time membership, required', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await page.getByText(`${server.url}/sso/callback`).waitFor();
    expect(await page.getByLabel('E-mail domain').inputValue()).toBe(domain);
    await page.getByRole('button', { name: 'Add domain' }).click();
    await page.getByText(/added \d{2}\/\d{2}\/\d{4}/).waitFor();

    await page.getByLabel("Your provider's address (issuer)").fill('http://127.0.0.1:9');
    await page.getByLabel('Client id').fill(provider.clientId);
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await page.getByRole('button', { name: 'Save single sign-on settings' }).click();
    await page.getByText(/could not reach an OpenID Connect provider/).first().waitFor();

    await page.getByLabel("Your provider's address (issuer)").fill(provider.issuer);
    await page.getByLabel('Let people from your domains join on their first sign-in').check();
    await page.getByLabel('Role for people who join this way').selectOption({ label: 'Contributor' });
    await page.getByLabel('Require single sign-on for everyone in this organisation').check();
    await page.getByRole('button', { name: 'Save single sign-on settings' }).click();
    await page.getByText('Single sign-on settings saved.').waitFor();
    await page.getByText('A secret is saved (it is never shown).').waitFor();
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs a new person in through the provider’s sign-in page and makes them a member (just in time)', async () => {
    const { page, context } = await newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('button', { name: "Sign in with your organisation's single sign-on" }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Work e-mail').fill(nurse);
    await page.getByRole('button', { name: 'Continue' }).click();
    // The provider's own sign-in page (oidc-provider's development pages), on another port.
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    expect(await page.locator('input[name="login"]').inputValue()).toBe(nurse);
    await page.locator('input[name="password"]').fill('any password at the provider');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: 'Continue' }).click();
    await page.waitForURL((url) => url.href.startsWith(server.url));
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Bayview Family Practice').first().waitFor();
    await context.close();
  });

  it('refuses that member a password sign-in into the organisation, pointing to single sign-on', async () => {
    const { page, context } = await newPage();
    // The person gives themselves a password (an account made through single sign-on has none).
    await page.goto(`${server.url}/forgot-password`);
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(nurse);
    await page.getByRole('button', { name: 'Send me a reset link' }).click();
    await page.goto(await linkFromMail(smtp, nurse, /Subject: Reset your Custodian password/, '/reset-password'));
    await page.getByLabel('New password').fill(nursePassword);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('heading', { name: 'Your password is changed' }).waitFor();

    await passwordSignIn(page, nurse, nursePassword);
    await page.getByText(/Your organisation asks you to sign in with its single sign-on, not a password/).waitFor();
    expect(page.url()).toContain('/login');
    await context.close();
  });

  it('still lets the owner in with password and two-step verification (break-glass)', async () => {
    const { page, context } = await newPage();
    await passwordSignIn(page, owner, ownerPassword);
    await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel('Recovery code').fill(recoveryCode.trim());
    await page.getByRole('button', { name: 'Verify and sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Single sign-on' }).waitFor();
    await context.close();
  });

  it('keeps a typed client secret and role when the page reads the settings again, and applies them on another owner’s save', async () => {
    const page = ownerPage;
    await page.goto(`${server.url}/settings`);
    const role = page.getByLabel('Role for people who join this way');
    await role.waitFor();
    await page.getByLabel('Client secret').fill(provider.clientSecret);
    await role.selectOption({ label: 'Auditor (read-only)' });
    expect(await page.evaluate(changeRoleElsewhere, 'isms_manager')).toBe(200);
    // As when the person comes back to the tab: the page reads the settings again.
    const reread = page.waitForResponse((reply) => reply.url().endsWith('/api/v1/org/sso') && reply.request().method() === 'GET');
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await reread;
    await page.waitForTimeout(200);
    expect(await page.getByLabel('Client secret').inputValue()).toBe(provider.clientSecret);
    expect(await role.inputValue()).toBe('auditor');

    await page.getByRole('button', { name: 'Save single sign-on settings' }).click();
    const notice = page.getByRole('region', { name: 'Someone else saved the single sign-on settings while you were editing' });
    await notice.waitFor();
    expect((await notice.getByRole('row', { name: /^Role for people/ }).innerText()).replace(/\s+/g, ' ')).toBe('Role for people who join this way ISMS manager Auditor (read-only)');
    expect(await notice.innerText()).not.toContain(provider.clientSecret);
    expect(await page.getByLabel('Client secret').inputValue()).toBe(provider.clientSecret);
    expect(await seriousViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
    await page.getByText('Single sign-on settings saved.').waitFor();
    expect(await notice.count()).toBe(0);
    expect(await page.getByLabel('Client secret').inputValue()).toBe('');
    await page.reload();
    expect(await page.getByLabel('Role for people who join this way').inputValue()).toBe('auditor');
  });
});
