import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { startServerProcess } from './support/server-process.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

// The server as a newcomer starts it: the demo on, no mail server.
const stack = useE2eStack({ isWithoutMailServer: true, isFromEmptyDataDir: true, env: { CUSTODIAN_DEMO: 'true' } });
let browser: Browser;
let server: ServerProcess;

beforeAll(() => {
  ({ server, browser } = stack);
});

describe('first start on an empty data directory', () => {
  it('prints the demo sign-in, which opens Harbourside Family Clinic (demo) with a partly done gap analysis', async () => {
    const output = server.output();
    expect(output).toMatch(/Custodian is running at http:\/\/127\.0\.0\.1:\d+/);
    const login = /sign in as (\S+) with password (\S+)/.exec(output);
    expect(login).not.toBeNull();
    const page = await (await browser.newContext({ locale: 'en-AU' })).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/^E-mail( \(required\))?$/).waitFor();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to main content');
    await page.getByLabel(/^E-mail( \(required\))?$/).fill(login?.[1] ?? '');
    await page.getByLabel('Password').fill(login?.[2] ?? '');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('Harbourside Family Clinic (demo)').first().waitFor();
    const overall = Number(await page.getByRole('meter', { name: 'Overall readiness' }).getAttribute('aria-valuenow'));
    expect(overall).toBeGreaterThan(5);
    expect(overall).toBeLessThan(60);
    await page
      .getByRole('heading', { name: /Stage 1/ })
      .first()
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${server.url}/gap?isOverdue=true`);
    await page.getByRole('table').first().waitFor();
    await expect(page.getByRole('link', { name: /A\.8\.8/ }).count()).resolves.toBe(1);
  });

  it('does not create the demo again on the next start', async () => {
    await server.stop();
    const again = await startServerProcess({ CUSTODIAN_DATA_DIR: server.dataDir });
    try {
      expect(again.output()).not.toMatch(/Demo organisation/);
    } finally {
      await again.stop();
    }
  });
});
