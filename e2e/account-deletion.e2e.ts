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
let member: Page;

const stamp = Date.now();
const ownerEmail = `manager.${stamp}@wattle-physio.example`;
const memberEmail = `locum.${stamp}@wattle-physio.example`;
const memberName = 'Imogen Wirraway';
const password = 'gum leaves on the verandah 9';

beforeAll(async () => {
  ({ server, smtp } = stack);
  ({ page: owner } = await stack.newPage());
  ({ page: member } = await stack.newPage());
});

describe('a member deletes their account; the owner de-identifies them', () => {
  it('has an owner and a member who joined by invitation', async () => {
    await signUpAndSignIn(owner, server.url, smtp, { name: 'Mara Manager', email: ownerEmail, password, organisation: 'Wattle Street Physio' });
    await inviteAndJoin(owner, member, server.url, smtp, { email: memberEmail, organisation: 'Wattle Street Physio', name: memberName, password });
    await member.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('the member deletes their account from the danger zone, typing their address to confirm', async () => {
    await member.goto(`${server.url}/account/security`);
    const zone = member.getByRole('region', { name: 'Delete your account' });
    await zone.getByText('You will leave: Wattle Street Physio.').waitFor();
    expect(await seriousViolations(member)).toEqual([]);
    await zone.getByLabel('Your e-mail address').fill(ownerEmail);
    await zone.getByRole('button', { name: 'Delete my account' }).click();
    await zone.getByText('is not the e-mail address of your account').first().waitFor();
    await zone.getByLabel('Your e-mail address').fill(memberEmail);
    await zone.getByRole('button', { name: 'Delete my account' }).click();
    await member.getByText('Your account has been deleted and you have been signed out.').waitFor();
    await member.getByLabel(/^E-mail( \(required\))?$/).fill(memberEmail);
    await member.getByLabel('Password').fill(password);
    await member.getByRole('button', { name: 'Sign in', exact: true }).click();
    await member.getByText('The e-mail address or password is not right.').waitFor();
  });

  it('the owner sees them among the people who have left and de-identifies them', async () => {
    await owner.goto(`${server.url}/members`);
    const left = owner.getByRole('table', { name: /People who have left/ });
    await left.getByText('Deleted their account').waitFor();
    await left.getByRole('rowheader', { name: memberName }).waitFor();
    expect(await seriousViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: `De-identify ${memberName}` }).click();
    await owner.getByRole('dialog').getByRole('button', { name: 'De-identify' }).click();
    await owner.getByText(`${memberName} is now shown as “Former member 1” everywhere in Wattle Street Physio.`).waitFor();
    await left.getByRole('rowheader', { name: 'Former member 1' }).waitFor();
  });

  it('the audit trail shows “Former member 1”, never their name, and still checks as intact', async () => {
    await owner.goto(`${server.url}/audit-log`);
    await owner.getByText(/Former member 1 deleted their account/).first().waitFor();
    await owner.getByText(/replaced a former member's name and e-mail address with “Former member 1”/).first().waitFor();
    expect(await owner.locator('main').innerText()).not.toContain(memberName);
    expect(await seriousViolations(owner)).toEqual([]);
    await owner.getByRole('button', { name: /Check|Verify/ }).first().click();
    await owner.getByText(/The audit trail is intact/).waitFor();
  });
});
