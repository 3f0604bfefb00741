import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { linkFromMail, type SmtpSink } from './support/smtp-sink.ts';
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
    await owner.goto(`${server.url}/signup`);
    await owner.getByLabel('Your name').fill('Mara Manager');
    await owner.getByLabel(/^E-mail( \(required\))?$/).fill(ownerEmail);
    await owner.getByLabel('Password').fill(password);
    await owner.getByLabel('Organisation name').fill('Banksia Dental');
    await owner.getByRole('button', { name: 'Create account' }).click();
    await owner.goto(await linkFromMail(smtp, ownerEmail, /Subject: Confirm your e-mail address/, '/verify-email'));
    await owner.getByText(/confirmed/i).first().waitFor();
    await owner.goto(`${server.url}/login`);
    await owner.getByLabel(/^E-mail( \(required\))?$/).fill(ownerEmail);
    await owner.getByLabel('Password').fill(password);
    await owner.getByRole('button', { name: 'Sign in', exact: true }).click();
    await owner.getByRole('heading', { name: 'Dashboard' }).waitFor();

    await owner.goto(`${server.url}/members`);
    await owner.getByLabel(/^E-mail/).fill(staffEmail);
    await owner.getByLabel('Role', { exact: true }).selectOption('staff');
    await owner.getByRole('button', { name: 'Send invitation' }).click();
    await staff.goto(await linkFromMail(smtp, staffEmail, /Subject: You are invited to Banksia Dental/, '/accept-invitation'));
    await staff.getByLabel('Your name').fill('Rosa Reception');
    await staff.getByLabel('Choose a password').fill(password);
    await staff.getByRole('button', { name: 'Create my account and join' }).click();
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
});
