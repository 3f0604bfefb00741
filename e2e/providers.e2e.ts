import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

// The demo on: its fictional providers fill the directory.
const stack = useE2eStack({ isWithoutMailServer: true, env: { CUSTODIAN_DEMO: 'true' } });
let browser: Browser;
let server: ServerProcess;

beforeAll(() => {
  ({ server, browser } = stack);
});

describe('the public directory', () => {
  it('is reachable without signing in, lists the demo providers and shows a certification body’s verified accreditation and ties', async () => {
    const page = await (await browser.newContext({ locale: 'en-AU' })).newPage();
    await page.goto(`${server.url}/login`);
    await page.getByRole('link', { name: 'Find a consultant or certification body' }).click();
    await page.getByRole('heading', { name: 'Find a consultant or certification body' }).waitFor();
    await page.getByRole('link', { name: 'Wattlebird Certification (demo)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Kind').selectOption('consultant');
    await page.getByRole('link', { name: 'Wattlebird Certification (demo)' }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Paperbark Health Security Advisory (demo)' }).waitFor();
    await page.getByLabel('Kind').selectOption('');
    await page.getByRole('link', { name: 'Wattlebird Certification (demo)' }).click();
    await page.getByRole('heading', { name: 'Wattlebird Certification (demo)' }).waitFor();
    await page.getByText(/Accreditation verified by Custodian on \d\d\/\d\d\/\d{4}, valid until \d\d\/\d\d\/\d{4}/).first().waitFor();
    await page.getByRole('link', { name: 'Paperbark Health Security Advisory (demo)' }).waitFor();
    await page.getByText(/^5 %/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
