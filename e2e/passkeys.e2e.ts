import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

/** A step-up counts this long here (the default is five minutes), so the test can let it go stale. */
const stepUpSeconds = 5;
// WebAuthn needs a host name as the relying party (an IP address is refused): the server's public
// address is http://localhost:<port>.
const stack = useE2eStack({ env: { STEP_UP_SECONDS: String(stepUpSeconds) }, hostName: 'localhost' });
let context: BrowserContext;
let page: Page;
let cdp: CDPSession;
let authenticatorId = '';
let server: ServerProcess;
let smtp: SmtpSink;

const email = `practice.manager.${Date.now()}@harbour-gp.example`;
const password = 'lighthouse keeper on the point 8';
const ddmmyyyy = /^\d{2}\/\d{2}\/\d{4}$/;

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ context, page } = await stack.newPage());
  // Chromium's virtual authenticator stands in for the phone or laptop that holds the passkey.
  cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  ({ authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  }));
});

/** The cells of a passkey's row after its name: added, last used, actions. */
async function passkeyCells(name: string): Promise<string[]> {
  return page.getByRole('table', { name: /Your passkeys/ }).getByRole('row').filter({ hasText: name }).getByRole('cell').allInnerTexts();
}

describe('passkeys: enrol on the security page, sign in without a password, confirm it is you', () => {
  it('has a confirmed account, signed in with the password', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Pat Practice', email, password, organisation: 'Lighthouse Road Clinic' });
  });

  it('adds a named passkey on the account security page and lists it', async () => {
    await page.goto(`${server.url}/account/security`);
    await page.getByRole('heading', { name: 'Passkeys', exact: true }).waitFor();
    await page.getByLabel('Passkey name').fill('Work laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await page.getByText('Passkey “Work laptop” added. You can now use it to sign in.').waitFor();
    // The list reloads after the change: read the row once it is back.
    await expect.poll(() => passkeyCells('Work laptop')).toEqual([expect.stringMatching(ddmmyyyy), 'Not used yet', expect.anything()]);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.isResidentCredential).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs out, then signs in with the passkey alone', async () => {
    await page.getByRole('button', { name: /^Account:/ }).click();
    await page.getByRole('button', { name: 'Sign out' }).or(page.getByRole('menuitem', { name: 'Sign out' })).first().click();
    await page.getByRole('heading', { name: 'Sign in to Custodian' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.goto(`${server.url}/account/security`);
    await expect.poll(() => passkeyCells('Work laptop')).toEqual([expect.stringMatching(ddmmyyyy), expect.stringMatching(ddmmyyyy), expect.anything()]);
  });

  it('asks to confirm it is you before removing the passkey once the sign-in is no longer recent, and takes the passkey', async () => {
    await new Promise((r) => setTimeout(r, (stepUpSeconds + 1) * 1000));
    await page.getByRole('button', { name: 'Remove Work laptop' }).click();
    await page.getByRole('button', { name: 'Remove passkey' }).click();
    const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Use your passkey' }).click();
    await page.getByText('Passkey “Work laptop” removed.').waitFor();
    await page.getByText('No passkeys yet').waitFor();
  });
});
