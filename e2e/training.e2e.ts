import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { inviteAndJoin, signUpAndSignIn } from './support/flows.ts';
import type { SmtpSink } from './support/smtp-sink.ts';
import { useE2eStack, type ServerProcess } from './support/stack.ts';

/**
 * Issue 11, awareness training (A.6.3), as a clinic clicks it: a training item is added and assigned to
 * a team, a staff member in that team completes it on their My training page, and coverage shows it.
 */

const stack = useE2eStack();
let server: ServerProcess;
let smtp: SmtpSink;
let owner: Page;
let staff: Page;

const stamp = Date.now();
const ownerEmail = `manager.${stamp}@banksia-dental.example`;
const staffEmail = `reception.${stamp}@banksia-dental.example`;
const password = 'pelicans on the breakwater 7';

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page: owner } = await stack.newPage());
  ({ page: staff } = await stack.newPage());
});

describe('awareness training: assigned to a team, completed by staff, shown in coverage', () => {
  it('has an owner and a staff member who joined by invitation', async () => {
    await signUpAndSignIn(owner, server.url, smtp, { name: 'Mara Manager', email: ownerEmail, password, organisation: 'Banksia Dental' });
    await inviteAndJoin(owner, staff, server.url, smtp, { email: staffEmail, role: 'staff', organisation: 'Banksia Dental', name: 'Rosa Reception', password });
    // A staff member's home is the policies they must read, with their training under them.
    await staff.getByRole('heading', { name: 'My policies', level: 1 }).waitFor();
  });

  it('adds a team and a training item, and assigns the item to the team', async () => {
    await owner.getByRole('navigation').getByRole('link', { name: 'Training', exact: true }).click();
    await owner.getByRole('heading', { name: 'Awareness training', level: 1 }).waitFor();
    await owner.getByLabel('New team').fill('Front desk');
    await owner.getByRole('button', { name: 'Add team' }).click();
    await owner.getByLabel('Team', { exact: true }).selectOption({ label: 'Front desk' });
    await owner.getByLabel('Member', { exact: true }).selectOption({ label: 'Rosa Reception' });
    await owner.getByRole('button', { name: 'Put in team' }).click();
    await owner.getByText('Front desk: Rosa Reception').waitFor();

    await owner.getByLabel(/^Title/).fill('Spotting phishing e-mails');
    await owner.getByLabel(/^Training content/).fill('Check the sender before you click.\n\nReport anything odd to the practice manager.');
    await owner.getByRole('button', { name: 'Add training' }).click();
    await owner.getByRole('rowheader', { name: 'Spotting phishing e-mails' }).waitFor();
    await owner.getByLabel('Assign to').selectOption({ label: 'A team' });
    await owner.getByLabel('Who', { exact: true }).selectOption({ label: 'Front desk' });
    await owner.getByRole('button', { name: 'Assign', exact: true }).click();
    await owner.getByRole('cell', { name: 'Front desk' }).waitFor();
    expect(await seriousViolations(owner)).toEqual([]);
  });

  it('the staff member reads it and marks it complete on My training', async () => {
    await staff.goto(`${server.url}/`);
    await staff.getByText('One training item is waiting for you.').waitFor();
    await staff.getByRole('link', { name: 'Open my training' }).click();
    await staff.getByRole('heading', { name: /Spotting phishing e-mails/ }).waitFor();
    await staff.getByText('Report anything odd to the practice manager.').waitFor();
    expect(await seriousViolations(staff)).toEqual([]);
    await staff.getByRole('button', { name: 'Mark “Spotting phishing e-mails” complete' }).click();
    await staff.getByText('Complete', { exact: true }).waitFor();
  });

  it('coverage shows the team complete', async () => {
    await owner.goto(`${server.url}/training/coverage`);
    const team = owner.getByRole('row', { name: /^Front desk/ });
    await team.waitFor();
    expect((await team.innerText()).replace(/\s+/g, ' ')).toBe('Front desk 1 1 1 100 % 0 0');
    expect(await seriousViolations(owner)).toEqual([]);
  });

  it('a manager changes the item on its page; a wrong number of days is explained and nothing is sent', async () => {
    await owner.goto(`${server.url}/training`);
    await owner.getByRole('link', { name: 'Spotting phishing e-mails' }).click();
    await owner.getByRole('heading', { name: 'Spotting phishing e-mails', level: 1 }).waitFor();
    await owner.getByLabel(/^Title/).fill('Spotting phishing and scam e-mails');
    await owner.getByLabel('Days to complete').fill('400');
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByRole('alert').getByText('Enter the days to complete as a whole number from 1 to 365.').waitFor();
    await owner.getByRole('heading', { name: 'Spotting phishing e-mails', level: 1 }).waitFor();

    await owner.getByLabel('Days to complete').fill('14');
    await owner.getByLabel('How often').selectOption({ label: 'Every 6 months' });
    await owner.getByRole('button', { name: 'Save changes' }).click();
    await owner.getByText('Saved “Spotting phishing and scam e-mails”.').waitFor();
    await owner.getByRole('heading', { name: 'Spotting phishing and scam e-mails', level: 1 }).waitFor();
    await owner.getByText('Written content. Every 6 months, within 14 days of being assigned.').waitFor();
    expect(await seriousViolations(owner)).toEqual([]);
  });

  it('keeps what a second tab typed when the item was saved meanwhile, and applies it to the latest version', async () => {
    const other = await owner.context().newPage();
    other.setDefaultTimeout(15_000);
    try {
      await other.goto(owner.url());
      await other.getByLabel('Days to complete').waitFor();
      await owner.getByLabel(/^Training content/).fill('Check the sender before you click.\n\nReport anything odd to the practice manager straight away.');
      await owner.getByRole('button', { name: 'Save changes' }).click();
      await owner.getByText('Saved “Spotting phishing and scam e-mails”.').waitFor();

      await other.getByLabel('Days to complete').fill('21');
      await other.getByRole('button', { name: 'Save changes' }).click();
      const notice = other.getByRole('region', { name: 'Someone else saved this training item while you were editing' });
      await notice.waitFor();
      expect((await notice.getByRole('row', { name: /^Training content/ }).innerText()).replace(/\s+/g, ' ')).toMatch(/straight away\. You did not change this$/);
      expect(await other.getByLabel('Days to complete').inputValue()).toBe('21');
      expect(await other.getByLabel(/^Training content/).inputValue()).toMatch(/straight away\.$/);
      await other.getByRole('button', { name: 'Apply my changes to the latest version' }).click();
      await other.getByText('Saved “Spotting phishing and scam e-mails”.').waitFor();
      expect(await notice.count()).toBe(0);
      await owner.reload();
      await owner.getByText('Written content. Every 6 months, within 21 days of being assigned.').waitFor();
    } finally {
      await other.close();
    }
  });

  it('a manager records a completion for a staff member, with its evidence, and coverage and My training show it', async () => {
    await owner.goto(`${server.url}/training`);
    await owner.getByLabel(/^Title/).fill('Privacy and patient records');
    await owner.getByLabel(/^Training content/).fill('Patient records stay in the clinical system.');
    await owner.getByRole('button', { name: 'Add training' }).click();
    await owner.getByRole('rowheader', { name: 'Privacy and patient records' }).waitFor();
    await owner.getByLabel('Training', { exact: true }).selectOption({ label: 'Privacy and patient records' });
    await owner.getByLabel('Assign to').selectOption({ label: 'Everyone with a role' });
    await owner.getByLabel('Who', { exact: true }).selectOption({ label: 'Staff' });
    await owner.getByRole('button', { name: 'Assign', exact: true }).click();
    await owner.getByRole('cell', { name: 'Everyone with the role Staff' }).waitFor();

    await owner.getByRole('link', { name: 'Privacy and patient records' }).click();
    await owner.getByRole('heading', { name: 'Record a completion for someone' }).waitFor();
    expect(await owner.getByLabel('Person', { exact: true }).locator('option').allInnerTexts()).toEqual(['Rosa Reception']);
    await owner.getByRole('button', { name: 'Record completion' }).click();
    await owner.getByRole('alert').getByText('Say what shows the training was done (a certificate, an attendance sheet).').waitFor();
    await owner.getByLabel(/^Evidence/).fill('Signed attendance sheet, staff meeting');
    await owner.getByRole('button', { name: 'Record completion' }).click();
    await owner.getByText(/^Recorded that Rosa Reception completed “Privacy and patient records” on \d{2}\/\d{2}\/\d{4}\.$/).waitFor();
    const recorded = owner.getByRole('table', { name: 'Completions recorded' }).getByRole('row', { name: /^Rosa Reception/ });
    await recorded.waitFor();
    expect((await recorded.innerText()).replace(/\s+/g, ' ')).toMatch(/^Rosa Reception \d{2}\/\d{2}\/\d{4} Signed attendance sheet, staff meeting Mara Manager$/);
    expect(await seriousViolations(owner)).toEqual([]);

    await owner.goto(`${server.url}/training/coverage`);
    const item = owner.getByRole('row', { name: /^Privacy and patient records/ });
    await item.waitFor();
    expect((await item.innerText()).replace(/\s+/g, ' ')).toBe('Privacy and patient records 1 1 100 % 0 0');
    await staff.goto(`${server.url}/my-training`);
    await staff.getByRole('heading', { name: /Privacy and patient records\s+Complete/ }).waitFor();
  });

  it('unassigns the team: the item leaves the staff member’s training and coverage', async () => {
    await owner.goto(`${server.url}/training`);
    await owner.getByRole('link', { name: 'Spotting phishing and scam e-mails' }).click();
    await owner.getByRole('button', { name: 'Unassign Front desk' }).click();
    await owner.getByText('“Spotting phishing and scam e-mails” is no longer assigned to Front desk.').waitFor();
    await owner.getByText('Nobody yet.', { exact: false }).waitFor();
    await staff.goto(`${server.url}/my-training`);
    await staff.getByRole('heading', { name: /Privacy and patient records/ }).waitFor();
    expect(await staff.getByRole('heading', { name: /Spotting phishing/ }).count()).toBe(0);
    await owner.goto(`${server.url}/training/coverage`);
    await owner.getByRole('row', { name: /^Privacy and patient records/ }).waitFor();
    expect(await owner.getByRole('row', { name: /^Spotting phishing/ }).count()).toBe(0);
  });
});
