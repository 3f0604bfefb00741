import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { inviteAndJoin, signUpAndSignIn } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;
let owner: Page;
let staff: Page;
let contributor: Page;
let documentAddress: string;

const stamp = Date.now();
const ownerEmail = `manager.${stamp}@banksia-dental.example`;
const staffEmail = `reception.${stamp}@banksia-dental.example`;
const contributorEmail = `locum.${stamp}@banksia-dental.example`;
const password = 'salt spray on the jetty 27';

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page: owner } = await stack.newPage());
  ({ page: staff } = await stack.newPage());
  ({ page: contributor } = await stack.newPage());
});

describe('a policy from a template is approved, assigned and acknowledged, and coverage shows it', () => {
  it('creates the clean desk policy from a template, filled in with the practice’s name, and approves it', async () => {
    await signUpAndSignIn(owner, server.url, smtp, { name: 'Bea Banksia', email: ownerEmail, password, organisation: 'Banksia Dental' });
    await owner.getByRole('link', { name: 'Documents' }).first().click();
    await owner.getByRole('heading', { name: 'Documents', level: 1 }).waitFor();
    await owner.getByLabel('Start from').selectOption({ label: 'Clean desk and clear screen policy' });
    await owner.getByRole('button', { name: 'Create document' }).click();
    await owner.getByRole('heading', { name: 'Clean desk and clear screen policy', level: 1 }).waitFor();
    const editor = owner.getByRole('textbox', { name: 'Document text' });
    await editor.getByText('Patients, visitors and cleaners pass through our rooms. At Banksia Dental').waitFor();
    await editor.click();
    await owner.keyboard.press('Control+End');
    await owner.keyboard.type(' Shred misprints daily.');
    await owner.getByRole('button', { name: 'Save draft' }).click();
    await owner.getByText('Draft saved.').waitFor();
    expect(await seriousViolations(owner)).toEqual([]);
    await owner.getByLabel('What changed').fill('First issue');
    await owner.getByRole('button', { name: 'Approve' }).click();
    await owner.getByText(/Version 1\.0, approved \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} by Bea Banksia: First issue/).waitFor();
    documentAddress = owner.url();
  });

  it('changes the review period; a second tab’s choice is kept through the conflict notice and applied to the latest version', async () => {
    const other = await owner.context().newPage();
    other.setDefaultTimeout(15_000);
    try {
      await other.goto(documentAddress);
      await other.getByLabel('Review period').waitFor();
      expect(await owner.getByLabel('Owner', { exact: true }).locator('option:checked').innerText()).toBe('Bea Banksia (Owner)');

      await owner.getByLabel('Review period').selectOption({ label: 'Every 24 months' });
      await owner.getByRole('button', { name: 'Save owner and review period' }).click();
      await owner.getByText('Saved the owner and review period.').waitFor();
      await owner.getByRole('definition').getByText('24 months').waitFor();

      await other.getByLabel('Review period').selectOption({ label: 'Every 6 months' });
      await other.getByRole('button', { name: 'Save owner and review period' }).click();
      const notice = other.getByRole('region', { name: 'Someone else saved this document while you were editing' });
      await notice.waitFor();
      const differences = (await notice.getByRole('row', { name: /^Review period/ }).innerText()).replace(/\s+/g, ' ');
      expect(differences).toBe('Review period Every 24 months Every 6 months');
      expect(await other.getByLabel('Review period').inputValue()).toBe('6');
      expect(await seriousViolations(other)).toEqual([]);
      await other.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
      await other.getByText('Saved the owner and review period.').waitFor();
      expect(await notice.count()).toBe(0);

      await owner.reload();
      await owner.getByRole('definition').getByText('6 months').waitFor();
      expect(await owner.getByLabel('Review period').inputValue()).toBe('6');
    } finally {
      await other.close();
    }
  });

  it('assigns it to staff; a staff member lands on My policies and acknowledges it', async () => {
    await owner.getByLabel('Role').selectOption('staff');
    await owner.getByRole('button', { name: 'Assign to role' }).click();
    await owner.getByText('Everyone with the role Staff').waitFor();

    await inviteAndJoin(owner, staff, server.url, smtp, { email: staffEmail, role: 'staff', organisation: 'Banksia Dental', name: 'Sam Reception', password });
    await staff.getByRole('heading', { name: 'My policies', level: 1 }).waitFor();
    await staff.getByText('Banksia Dental asks you to read one policy').waitFor();
    await staff.getByText('Read the policy').click();
    await staff.getByText('Shred misprints daily.').waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByRole('button', { name: 'I have read and understood “Clean desk and clear screen policy”' }).click();
    await staff.getByText(/Acknowledged on \d{2}\/\d{2}\/\d{4}/).waitFor();
    await staff.getByText('You are up to date with Banksia Dental').waitFor();
  });

  it('shows the acknowledgement in the coverage report', async () => {
    await owner.goto(`${server.url}/documents`);
    const perPolicy = owner.getByRole('table', { name: 'Per policy' });
    await perPolicy.getByRole('row', { name: /Clean desk and clear screen policy 1\.0 1 of 1 100%/ }).waitFor();
    await owner.getByLabel('Only people with policies still to acknowledge').uncheck();
    await owner.getByRole('table', { name: 'Per person' }).getByRole('row', { name: /Sam Reception Staff 1 of 1/ }).waitFor();
  });

  it('asks a named person who is not in the role to read it; they see it on My policies until the request is removed', async () => {
    await inviteAndJoin(owner, contributor, server.url, smtp, { email: contributorEmail, role: 'contributor', organisation: 'Banksia Dental', name: 'Lou Locum', password });
    await contributor.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await contributor.goto(`${server.url}/my-policies`);
    await contributor.getByText('No policies have been assigned to you yet.').waitFor();

    await owner.goto(documentAddress);
    await owner.getByLabel('Person').selectOption({ label: 'Lou Locum (Contributor)' });
    await owner.getByRole('button', { name: 'Assign to person' }).click();
    await owner.getByText('Lou Locum is asked to read it.').waitFor();
    const asked = owner.getByRole('list', { name: 'Asked to read it' });
    await asked.getByRole('listitem').filter({ hasText: 'Lou Locum' }).waitFor();
    // Named people are not offered twice.
    expect(await owner.getByLabel('Person').locator('option', { hasText: 'Lou Locum' }).count()).toBe(0);
    expect(await seriousViolations(owner)).toEqual([]);

    await contributor.reload();
    await contributor.getByText('Banksia Dental asks you to read one policy').waitFor();
    await contributor.getByRole('button', { name: 'I have read and understood “Clean desk and clear screen policy”' }).click();
    await contributor.getByText(/Acknowledged on \d{2}\/\d{2}\/\d{4}/).waitFor();

    await owner.goto(`${server.url}/documents`);
    await owner.getByRole('table', { name: 'Per policy' }).getByRole('row', { name: /Clean desk and clear screen policy 1\.0 2 of 2 100%/ }).waitFor();

    await owner.goto(documentAddress);
    await owner.getByRole('button', { name: 'Remove Lou Locum' }).click();
    await owner.getByText('Lou Locum is no longer asked to read it.').waitFor();
    expect(await asked.getByRole('listitem').filter({ hasText: 'Lou Locum' }).count()).toBe(0);
    await contributor.reload();
    await contributor.getByText('No policies have been assigned to you yet.').waitFor();
  });

  it('keeps typed draft text through a colleague’s save: the notice compares both texts and applies mine on the latest version', async () => {
    const other = await owner.context().newPage();
    other.setDefaultTimeout(15_000);
    try {
      await other.goto(documentAddress);
      const theirEditor = other.getByRole('textbox', { name: 'Document text' });
      await theirEditor.getByText('Shred misprints daily.').waitFor();
      const editor = owner.getByRole('textbox', { name: 'Document text' });
      await editor.click();
      await owner.keyboard.press('Control+End');
      await owner.keyboard.type(' Lock the screen when you step away.');

      await theirEditor.click();
      await other.keyboard.press('Control+End');
      await other.keyboard.type(' Empty the bins nightly.');
      await other.getByRole('button', { name: 'Save draft' }).click();
      await other.getByText('Draft saved.').waitFor();

      await owner.getByRole('button', { name: 'Save draft' }).click();
      const notice = owner.getByRole('region', { name: 'Someone else saved the draft while you were editing' });
      await notice.waitFor();
      const row = notice.getByRole('row', { name: /^Document text/ });
      const cells = row.getByRole('cell');
      expect(await cells.nth(0).innerText()).toContain('Empty the bins nightly.');
      expect(await cells.nth(0).innerText()).not.toContain('Lock the screen');
      expect(await cells.nth(1).innerText()).toContain('Lock the screen when you step away.');
      expect(await editor.innerText()).toContain('Lock the screen when you step away.');
      expect(await seriousViolations(owner)).toEqual([]);
      await owner.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
      await owner.getByText('Draft saved.').waitFor();
      expect(await notice.count()).toBe(0);

      await other.reload();
      await theirEditor.getByText(/Lock the screen when you step away\./).waitFor();
    } finally {
      await other.close();
    }
  });

  it('keeps the typed approval note when the page re-reads, and shows the latest draft before approving a document changed meanwhile', async () => {
    await owner.goto(documentAddress);
    await owner.getByLabel('What changed').fill('Screens lock when unattended');
    // Saving the owner and review period on the page re-reads the document: the note stays.
    await owner.getByLabel('Review period').selectOption({ label: 'Every 12 months (yearly)' });
    await owner.getByRole('button', { name: 'Save owner and review period' }).click();
    await owner.getByText('Saved the owner and review period.').waitFor();
    await owner.getByRole('definition').getByText('12 months').waitFor();
    expect(await owner.getByLabel('What changed').inputValue()).toBe('Screens lock when unattended');

    const other = await owner.context().newPage();
    other.setDefaultTimeout(15_000);
    try {
      await other.goto(documentAddress);
      const theirEditor = other.getByRole('textbox', { name: 'Document text' });
      await theirEditor.getByText('Lock the screen when you step away.').waitFor();
      await theirEditor.click();
      await other.keyboard.press('Control+End');
      await other.keyboard.type(' Visitors never sit at the front desk.');
      await other.getByRole('button', { name: 'Save draft' }).click();
      await other.getByText('Draft saved.').waitFor();
    } finally {
      await other.close();
    }

    await owner.getByRole('button', { name: 'Approve' }).click();
    const changed = owner.getByRole('region', { name: 'The document changed since you read it, so it was not approved' });
    await changed.waitFor();
    await changed.getByText(/Visitors never sit at the front desk\./).waitFor();
    expect(await owner.getByLabel('What changed').inputValue()).toBe('Screens lock when unattended');
    expect(await owner.getByText(/Version 1\.1/).count()).toBe(0);
    expect(await seriousViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: 'Approve the latest version' }).click();
    await owner.getByText(/Version 1\.1, approved \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} by Bea Banksia: Screens lock when unattended/).waitFor();
  });
});
