import { readFile } from 'node:fs/promises';
import { generate } from 'otplib';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

// Defects a practice manager found (issue 7), on a server with no mail server configured: the links come
// from the one line per mail the server prints, as a newcomer's would.

const stack = useE2eStack({ isWithoutMailServer: true, env: { LOG_LEVEL: 'info' } });
let context: BrowserContext;
let page: Page;
let server: ServerProcess;
const browserProblems: string[] = [];

const email = `owner.${Date.now()}@quay-street.example`;
const password = 'tide charts by the ferry 9';

beforeAll(async () => {
  server = stack.server;
  ({ context, page } = await stack.newPage({ acceptDownloads: true, problems: browserProblems }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

/** The link of the last "E-mail not sent (no SMTP configured)" line for an address, waiting for the mail worker. */
async function loggedLink(to: string, path: string): Promise<string> {
  const pattern = new RegExp(`E-mail not sent \\(no SMTP configured\\) to ${to.replace(/[.+]/g, '\\$&')}: [^\\n]* — open (\\S+${path}\\?token=[^\\s"\\\\]+)`, 'g');
  const deadline = Date.now() + 15_000;
  for (;;) {
    const links = [...server.output().matchAll(pattern)].map((match) => match[1] ?? '');
    if (links.length > 0) return links.at(-1) ?? '';
    if (Date.now() > deadline) throw new Error(`no logged mail to ${to}:\n${server.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('defects found by a practice manager, fixed', () => {
  it('confirms the first account from the link printed on the console', async () => {
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Robin Quay');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Organisation name').fill('Quay Street Dental');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: /check your e-mail/i }).waitFor();
    await page.goto(await loggedLink(email, '/verify-email'));
    await page.getByText('Thank you. Your account is ready.').waitFor();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('opens the gap analysis filtered to Stage 1 from the Stage 1 panel, with the filter in the address', async () => {
    // The stage panels show once the gap analysis has started: record one control (not a Stage 1 item).
    await page.goto(`${server.url}/gap/${encodeURIComponent('iso27001:2022:A.5.1')}`);
    await page.getByLabel('Status').selectOption({ label: 'Implemented' });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: /^Saved A\.5\.1 as Implemented\.$/ }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'See every Stage 1 item in the gap analysis' }).click();
    await page.waitForURL(/\/gap\?(.*&)?stage=1(&|$)/);
    await expect(page.getByLabel('Audit stage').inputValue()).resolves.toBe('1');
    const shown = await page.getByText(/^Showing 1–\d+ of (\d+) items$/).innerText();
    const total = Number(/of (\d+) items/.exec(shown)?.[1]);
    expect(total).toBeGreaterThan(10);
    expect(total).toBeLessThan(139);
  });

  it('does not offer Not applicable for a clause, and does for an Annex A control', async () => {
    await page.goto(`${server.url}/gap/${encodeURIComponent('iso27001:2022:4.3')}`);
    await page.getByLabel('Status').waitFor();
    expect(await page.getByLabel('Status').locator('option').allInnerTexts()).not.toContain('Not applicable');
    await page.goto(`${server.url}/gap/${encodeURIComponent('iso27001:2022:A.7.4')}`);
    await page.getByLabel('Status').waitFor();
    expect(await page.getByLabel('Status').locator('option').allInnerTexts()).toContain('Not applicable');
  });

  it('says plainly that no invitation e-mail was sent, and where the link is', async () => {
    const invitee = `new.nurse.${Date.now()}@quay-street.example`;
    await page.goto(`${server.url}/members`);
    await page.getByLabel(/^E-mail/).fill(invitee);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    const status = page.getByRole('status').filter({ hasText: `No e-mail was sent to ${invitee}` });
    await status.waitFor();
    await expect(page.getByText(`Invitation sent to ${invitee}.`).count()).resolves.toBe(0);
    await status.getByRole('link', { name: 'Outbox page' }).click();
    await page.getByRole('heading', { name: 'Outbox — e-mail Custodian has sent or logged' }).waitFor();
    await page.getByText(invitee).first().waitFor();
  });

  it('drops the "set up two-step verification" notices as soon as it is on, and the codes can be copied, downloaded and printed', async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Require two-step verification for everyone').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/\/account\/security$/);
    const navNote = page.getByText('Set up two-step verification to use the rest of Custodian.');
    await navNote.waitFor();

    await page.getByRole('button', { name: 'Set up two-step verification' }).click();
    const secret = await page.getByLabel('Secret key').inputValue();
    await page.getByLabel('Authentication code').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Turn on two-step verification' }).click();
    const list = page.getByRole('list', { name: 'Recovery codes' });
    await list.waitFor();
    // Before "I have saved these codes" and without a reload, the notices are gone.
    await expect.poll(() => navNote.count()).toBe(0);
    await expect(page.getByText(/requires two-step verification\./).count()).resolves.toBe(0);
    const codes = await list.getByRole('listitem').allInnerTexts();
    expect(codes).toHaveLength(10);

    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText('The recovery codes are copied.', { exact: false }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    for (const code of codes) expect(copied).toContain(code.trim());

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download (.txt)' }).click()]);
    expect(download.suggestedFilename()).toBe('custodian-recovery-codes.txt');
    const saved = await readFile(await download.path(), 'utf8');
    for (const code of codes) expect(saved).toContain(code.trim());
    expect(saved).toContain(email);

    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => void ((window as unknown as { printed: number }).printed += 1);
    });
    await page.getByRole('button', { name: 'Print' }).click();
    await expect(page.evaluate(() => (window as unknown as { printed: number }).printed)).resolves.toBe(1);

    await page.getByRole('button', { name: 'I have saved these codes' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('logged no 403 in the browser console on the way', () => {
    expect(browserProblems.filter((problem) => /\b403\b/.test(problem))).toEqual([]);
  });
});
