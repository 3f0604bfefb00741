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

const email = `practice.manager.${Date.now()}@harbour-gp.example`;
const password = 'rock pools at low tide 31';
/** Set E2E_SHOTS=dir to keep a screenshot of each page for a person to look at. */
const shots = process.env.E2E_SHOTS;

async function shot(name: string): Promise<void> {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page } = await stack.newPage());
});

async function addAsset(fields: { name: string; kind: string; classification: string; confidentiality?: string }): Promise<void> {
  await page.getByRole('link', { name: 'Add an asset' }).click();
  await page.getByRole('heading', { name: 'Add an asset', level: 1 }).waitFor();
  await page.getByLabel(/^Name/).fill(fields.name);
  await page.getByLabel('Kind of asset').selectOption({ label: fields.kind });
  await page.getByLabel(/^Classification/).selectOption({ label: fields.classification });
  if (fields.confidentiality) await page.getByLabel('Confidentiality').selectOption(fields.confidentiality);
  await page.getByRole('button', { name: 'Add asset' }).click();
}

describe('assets: the register, an asset and its links, the classification scheme', () => {
  it('has a signed-in practice manager who finds Assets in the navigation', async () => {
    await signUpAndSignIn(page, server.url, smtp, { name: 'Morgan Manager', email, password, organisation: 'Harbour GP' });
    await page.getByRole('link', { name: 'Assets', exact: true }).click();
    await page.getByRole('heading', { name: 'Assets', level: 1 }).waitFor();
    await page.getByText('No assets recorded yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds assets with automatic references and links one to another, shown on both', async () => {
    await addAsset({ name: 'Practice management system', kind: 'Software', classification: 'Sensitive health information', confidentiality: '5' });
    await page.getByRole('heading', { name: 'A-0001 Practice management system', level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Back to the asset register' }).click();
    await addAsset({ name: 'Clinic server', kind: 'Device', classification: 'Confidential' });
    await page.getByRole('heading', { name: 'A-0002 Clinic server', level: 1 }).waitFor();
    await page.getByRole('link', { name: '← Back to the asset register' }).click();
    await page.getByRole('link', { name: 'Practice management system' }).click();
    await page.getByLabel('“Practice management system”…').selectOption({ label: 'runs on' });
    await page.getByLabel('Find the other asset').fill('server');
    await page.getByLabel('Other asset', { exact: true }).selectOption({ label: 'A-0002 Clinic server (Device)' });
    await page.getByRole('button', { name: 'Add link' }).click();
    await page.getByRole('listitem').filter({ hasText: 'This asset runs on A-0002 Clinic server' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('asset-detail');
    await page.getByRole('link', { name: 'A-0002 Clinic server' }).click();
    await page.getByRole('listitem').filter({ hasText: 'A-0001 Practice management system runs on this asset' }).waitFor();
  });

  it('changes an asset and filters the register', async () => {
    await page.getByLabel('Location').fill('Comms cupboard, level 1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved A-0002 Clinic server.').waitFor();
    await page.getByRole('link', { name: '← Back to the asset register' }).click();
    const table = page.getByRole('table', { name: /Asset register/ });
    await table.getByRole('link', { name: 'Clinic server' }).waitFor();
    await page.getByRole('combobox', { name: 'Classification' }).selectOption({ label: 'Sensitive health information' });
    await expect.poll(async () => table.getByRole('link', { name: 'Clinic server' }).count()).toBe(0);
    await table.getByRole('link', { name: 'Practice management system' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot('asset-register');
  });

  it('lets the manager add a level to the scheme but not remove one in use', async () => {
    await page.getByRole('link', { name: 'Classification scheme' }).click();
    await page.getByRole('heading', { name: 'Classification scheme', level: 1 }).waitFor();
    await page.getByText('1 asset holds this level, so it cannot be removed.').first().waitFor();
    await page.getByRole('button', { name: 'Add a level' }).click();
    await page.getByLabel('Level 5: name').fill('Board only');
    await page.getByRole('button', { name: 'Save scheme' }).click();
    await page.getByText('The classification scheme was saved.').waitFor();
    expect(await page.getByRole('button', { name: /Remove Confidential/ }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot('classification-scheme');
  });
});
