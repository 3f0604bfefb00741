import { readFile } from 'node:fs/promises';
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
let problems: string[];

const email = `practice.manager.${Date.now()}@bayside-health.example`;
const password = 'lighthouse beam over the bay 64';
const shots = process.env.E2E_SCREENSHOT_DIR;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  ({ server, smtp } = stack);
  problems = [];
  ({ page } = await stack.newPage({ problems }));
});

/** In the page: marks Annex A controls implemented through the API, as the gap analysis would (same session, its CSRF token). */
async function markImplemented(ids: string[]): Promise<number[]> {
  const csrf = decodeURIComponent(
    document.cookie
      .split('; ')
      .find((part) => part.startsWith('custodian_csrf='))
      ?.split('=')[1] ?? '',
  );
  const statuses: number[] = [];
  for (const id of ids) {
    const reply = await fetch(`/api/v1/gap/items/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify({ version: 0, status: 'implemented' }),
    });
    statuses.push(reply.status);
  }
  return statuses;
}

describe('frameworks: Essential Eight and Privacy Principles coverage, the 2013 transition and the OSCAL catalogue', () => {
  it('has a signed-in practice manager who has implemented a few controls', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Pat Manager', email, password, organisation: 'Bayside Health Clinic' });
    const ids = ['A.5.34', 'A.5.31', 'A.8.13', 'A.5.30', 'A.8.3'].map((ref) => `iso27001:2022:${ref}`);
    expect(await page.evaluate(markImplemented, ids)).toEqual([200, 200, 200, 200, 200]);
  });

  it('shows the Other frameworks panel on the dashboard and follows it to the frameworks page', async () => {
    await page.goto(`${server.url}/`);
    const panel = page.getByRole('region', { name: 'Other frameworks' });
    await panel.getByText('Essential Eight Maturity Level One').waitFor();
    await panel.getByText('Australian Privacy Principles').waitFor();
    // APP 5 maps to A.5.34 and A.5.31 only, so one principle of 13 is covered.
    await panel.getByText('7.7%').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('frameworks-dashboard');
    await panel.getByRole('link', { name: 'See Essential Eight and Privacy Principles coverage' }).click();
    await page.getByRole('heading', { name: 'Frameworks', level: 1 }).waitFor();
  });

  it('shows the Essential Eight table with ASD’s attribution, and APP 11 with its coverage and controls', async () => {
    const e8 = page.getByRole('region', { name: 'Essential Eight (ASD)' });
    const table = e8.getByRole('table', { name: /Essential Eight requirements covered/ });
    await table.getByRole('columnheader', { name: 'Maturity Level Three' }).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(8);
    const backups = table.getByRole('row', { name: /Regular backups/ });
    await backups
      .getByText(/\d+ of \d+ requirements covered/)
      .first()
      .waitFor();
    await table.getByRole('row', { name: /All eight strategies/ }).waitFor();
    await e8.getByText(/CC BY 4\.0/).waitFor();
    await page.getByText('Custodian’s own judgement', { exact: false }).waitFor();

    const apps = page.getByRole('region', { name: 'Australian Privacy Principles' });
    expect(await apps.locator('tbody tr').count()).toBe(13);
    const app11 = apps.getByRole('row', { name: /APP 11 Security of personal information/ });
    await app11.getByText('Partly covered').waitFor();
    expect(await app11.getByRole('link', { name: 'A.5.34' }).getAttribute('href')).toBe('/controls/iso27001%3A2022%3AA.5.34');
    await apps
      .getByRole('row', { name: /APP 5 / })
      .getByText('Covered', { exact: true })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('frameworks');
  });

  it('downloads the OSCAL catalogue and it reads back as OSCAL 1.1.3', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Control catalogue (OSCAL JSON)' }).click()]);
    const saved = JSON.parse(await readFile(await download.path(), 'utf8')) as { catalog?: { metadata?: Record<string, unknown>; groups?: unknown[] } };
    expect(saved.catalog?.metadata?.['oscal-version']).toBe('1.1.3');
    await page.getByRole('link', { name: 'System security plan (OSCAL JSON)' }).waitFor();
  });

  it('opens the transition page and filters to the 11 controls new in 2022', async () => {
    await page.getByRole('link', { name: 'Moving from ISO/IEC 27001:2013' }).click();
    await page.getByRole('heading', { name: 'Moving from ISO/IEC 27001:2013', level: 1 }).waitFor();
    await page.getByText(/The 114 controls of the 2013 edition became 93 controls in 2022/).waitFor();
    const table = page.getByRole('table', { name: /Annex A controls of 2022/ });
    expect(await table.locator('tbody tr').count()).toBe(93);
    await table
      .getByRole('row', { name: /A\.5\.34 / })
      .getByText('Implemented')
      .waitFor();
    await page.getByLabel('New controls only').check();
    await page.getByText('Showing 11 of 93 controls.').waitFor();
    const newOnly = page.getByRole('table', { name: 'Annex A controls new in 2022' });
    expect(await newOnly.locator('tbody tr').count()).toBe(11);
    expect(await newOnly.getByText('New in 2022', { exact: true }).count()).toBe(11);
    await newOnly
      .getByRole('row', { name: /A\.5\.7 Threat intelligence/ })
      .getByText('Not started')
      .waitFor();
    expect(page.url()).toContain('new=1');
    expect(await seriousViolations(page)).toEqual([]);
    await shot('frameworks-transition');
    expect(problems).toEqual([]);
  });
});
