import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../apps/cli/cli-process.ts';
import { seriousViolations } from './support/axe.ts';
import { enrolTotp, signInWithTotp, signUpAndSignIn } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

// The demo on (its providers fill the console), mail to the sink.
const stack = useE2eStack({ env: { CUSTODIAN_DEMO: 'true' } });
let page: Page;
const email = `operator.${Date.now()}@custodian-ops.example`;
const password = 'lighthouse keeper at dawn 9';

beforeAll(async () => {
  ({ page } = await stack.newPage());
});

describe('the platform operator', () => {
  it('is made from the command line, needs two-step verification, and suspends a provider from the console', async () => {
    await signUpAndSignIn(page, stack.server.url, stack.smtp, { name: 'Olive Operator', email, password, organisation: 'Custodian Operations' });
    const enrolment = await enrolTotp(page, stack.server.url);
    // The embedded database admits one process: stop the server, grant from the command line, start again.
    const server = await stack.restartServer(async (dataDir) => {
      const granted = await runCli({ CUSTODIAN_DATA_DIR: dataDir, CUSTODIAN_SECRET: '' }, ['operator', 'grant', '--email', email]);
      expect(granted.status, granted.stderr).toBe(0);
    });
    // Signed out and in again with the code: the console needs two-step verification.
    await page.context().clearCookies();
    await signInWithTotp(page, server.url, email, password, enrolment);
    await page.getByRole('link', { name: 'Operator console' }).click();
    await page.getByRole('heading', { name: 'Marketplace health' }).waitFor();
    await page.getByRole('link', { name: 'Quokka Audit & Certification (demo)' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Suspend Quokka Audit & Certification (demo)' }).click();
    await page.getByLabel(/^Reason/).fill('Testing suspension from the console');
    await page.getByRole('button', { name: 'Suspend provider' }).click();
    await page.getByText('Quokka Audit & Certification (demo) is suspended: it has left the directory and matching.').waitFor();
    await page.goto(`${server.url}/providers`);
    await page.getByRole('link', { name: 'Wattlebird Certification (demo)' }).waitFor();
    await expect(page.getByRole('link', { name: 'Quokka Audit & Certification (demo)' }).count()).resolves.toBe(0);
  });
});
