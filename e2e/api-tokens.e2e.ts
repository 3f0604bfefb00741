import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;

let page: Page;
let secret = '';

const email = `practice.manager.${Date.now()}@bayside-gp.example`;
const password = 'rock pools at low tide 31';

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page } = await stack.newPage({ permissions: ['clipboard-read', 'clipboard-write'] }));
});

/** What a program does with the token: list the gap analysis over HTTP, no cookies. */
async function listGapItems(token: string): Promise<Response> {
  return fetch(`${server.url}/api/v1/gap/items?limit=5`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
}

describe('API tokens: made in the browser, used by a program, revoked in the browser', () => {
  it('has a signed-in practice manager', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Morgan Manager', email, password, organisation: 'Bayside GP' });
  });

  it('creates a token from the account menu and reads its secret, shown once', async () => {
    await page.getByRole('button', { name: /Account/ }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByRole('heading', { name: 'API tokens', level: 1 }).waitFor();
    await page.getByText('No tokens yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText(/Name .*(required|enter)/i).first().waitFor();
    await page.getByLabel('Name').fill('Nightly sync');
    await page.getByLabel('Gap analysis').selectOption('read');
    await expect.poll(async () => page.getByText(/The token stops working on \d{2}\/\d{2}\/\d{4}\./).count()).toBe(1);
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('heading', { name: 'Your new token “Nightly sync”' }).waitFor();
    secret = (await page.getByTestId('new-token-secret').textContent()) ?? '';
    expect(secret).toMatch(/^cust_[A-Za-z0-9_-]{47}$/);
    await page.getByRole('button', { name: 'Copy token' }).click();
    await page.getByText('The token is copied.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(async () => page.getByTestId('new-token-secret').count()).toBe(0);
    const row = page.getByRole('row', { name: /Nightly sync/ });
    await row.getByText('Gap analysis: read').waitFor();
    await row.getByText('Never').waitFor();
    await row.getByText('Active').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('lists gap items over HTTP with the token, and the page shows when it was last used', async () => {
    const reply = await listGapItems(secret);
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as { items: Array<{ itemId: string }>; total: { count: number } };
    expect(body.items).toHaveLength(5);
    expect(body.total.count).toBeGreaterThan(100);
    const write = await fetch(`${server.url}/api/v1/gap/items/iso27001:2022:A.5.1`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 0, status: 'partial' }),
    });
    expect(write.status).toBe(403);
    await page.reload();
    const row = page.getByRole('row', { name: /Nightly sync/ });
    await row.getByText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
  });

  it('revokes it in the browser; the same call now gets 401', async () => {
    await page.getByRole('button', { name: 'Revoke Nightly sync' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke “Nightly sync”?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Revoked “Nightly sync”. Programs using it are refused from now on.').waitFor();
    await page.getByRole('row', { name: /Nightly sync/ }).getByText(/^Revoked \d{2}\/\d{2}\/\d{4}$/).waitFor();
    const reply = await listGapItems(secret);
    expect(reply.status).toBe(401);
    expect(((await reply.json()) as { error: { message: string } }).error.message).toMatch(/has been revoked/);
  });

  it('records both in the audit trail in plain words', async () => {
    await page.goto(`${server.url}/audit-log`);
    await page.getByText("Morgan Manager revoked the API token 'Nightly sync'", { exact: false }).first().waitFor();
    await page.getByText("Morgan Manager created the API token 'Nightly sync'", { exact: false }).first().waitFor();
  });
});
