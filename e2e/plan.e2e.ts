import ICAL from 'ical.js';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe.ts';
import { signUpAndSignIn } from './support/flows.ts';
import { useE2eStack } from './support/stack.ts';

/**
 * The guided path as a practice manager sees it: the dashboard's plan panel with what is overdue and
 * the projected Stage 2 date, the plan page it leads to, and the private calendar feed, read back by a
 * calendar parser as Outlook or Google Calendar would read it.
 */

const stack = useE2eStack();
let page: Page;
const problems: string[] = [];
const email = `practice.manager.${Date.now()}@wattle-physio.example`;
const password = 'magpies in the paddock 58';

/** A day counted from today in Sydney (the organisation's zone), as yyyy-mm-dd and as the pages show it. */
function day(offset: number): { iso: string; au: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(new Date());
  const iso = new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  return { iso, au: iso.split('-').reverse().join('/') };
}
const overdue = day(-5);
const soon = day(9);
const target = day(200);
const riskReview = day(12);

/** In the page, as the signed-in manager (their session and CSRF token): a call to the API the web app makes. */
async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const reply = await page.evaluate(
    async ({ method, path, body }) => {
      const csrf = decodeURIComponent(document.cookie.split('; ').find((part) => part.startsWith('custodian_csrf='))?.split('=')[1] ?? '');
      const response = await fetch(`/api/v1${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, json: (await response.json()) as unknown };
    },
    { method, path, body },
  );
  if (reply.status >= 300) throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.json)}`);
  return reply.json as T;
}

beforeAll(async () => {
  ({ page } = await stack.newPage({ problems }));
});

describe('the plan to certification: dashboard panel, plan page and calendar feed', () => {
  it('a new practice manager sees where to start the plan on the dashboard', async () => {
    await signUpAndSignIn(page, stack.server.url, stack.smtp, { name: 'Priya Manager', email, password, organisation: 'Wattle Physiotherapy' });
    const panel = page.getByTestId('plan-panel');
    await panel.getByRole('link', { name: 'Set a target Stage 2 date' }).waitFor();
    await panel.getByRole('heading', { name: 'What to do next' }).waitFor();
  });

  it('with dated obligations, the dashboard panel lists the overdue milestone first with its date, and the projection', async () => {
    const me = await api<{ user: { id: string } }>('GET', '/auth/session');
    await api('POST', '/plan', { targetStage2On: target.iso });
    await api('POST', '/plan/milestones', { step: 'risk', title: 'Risk workshop with the partners', ownerUserId: me.user.id, dueOn: overdue.iso });
    await api('POST', '/plan/milestones', { step: 'documents', title: 'Privacy policy drafted', dueOn: soon.iso });
    await api('POST', '/risks', { title: 'Ransomware on the booking system', inherent: { likelihood: 3, impact: 4 }, nextReviewOn: riskReview.iso });

    await page.reload();
    const panel = page.getByTestId('plan-panel');
    const next = panel.getByRole('list').first();
    await next.getByRole('link', { name: 'Overdue: Risk workshop with the partners' }).waitFor();
    expect(await next.getByRole('listitem').first().textContent()).toBe(`Overdue: Risk workshop with the partners — Was due ${overdue.au} (Priya Manager).`);
    await panel.getByRole('heading', { name: 'Projected Stage 2 audit' }).waitFor();
    expect(await panel.getByTestId('projected-stage2').textContent()).toContain(`(planned ${target.au})`);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('follows the panel to the plan page: overdue and open milestones with their dates, and the Stage 2 projection', async () => {
    await page.getByTestId('plan-panel').getByRole('link', { name: 'Overdue: Risk workshop with the partners' }).click();
    await page.getByRole('heading', { name: 'Plan to certification', level: 1 }).waitFor();
    expect(await page.getByTestId('projected-stage2').textContent()).toContain(`(planned ${target.au})`);

    const milestones = page.getByRole('table');
    const late = milestones.getByRole('row', { name: /Risk workshop with the partners/ });
    await late.getByText('Overdue', { exact: true }).waitFor();
    expect(await late.getByLabel('Due date of Risk workshop with the partners').inputValue()).toBe(overdue.iso);
    const upcoming = milestones.getByRole('row', { name: /Privacy policy drafted/ });
    await upcoming.getByText('Open', { exact: true }).waitFor();
    expect(await upcoming.getByLabel('Due date of Privacy policy drafted').inputValue()).toBe(soon.iso);
    // The default milestones are set back from the target: Stage 2 itself on the target day.
    expect(await milestones.getByLabel('Due date of Stage 2 audit held').inputValue()).toBe(target.iso);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('turns on the calendar feed and reads its private link: a calendar that lists the obligations', async () => {
    const feed = page.getByRole('region', { name: 'Calendar feed' });
    await feed.getByText('You have no calendar feed.').waitFor();
    await feed.getByRole('button', { name: 'Make a feed address' }).click();
    const link = await feed.getByLabel('Your feed address (shown only now)').inputValue();
    expect(link).toMatch(new RegExp(`^${stack.server.url}/api/v1/calendar\\.ics\\?token=cal_`));
    await feed.getByRole('button', { name: 'Make a new address' }).waitFor();

    // Fetched as a calendar application would: no session, only the secret in the address.
    const reply = await fetch(link);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(await reply.text()));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    const on = (summary: string) => events.filter((e) => e.summary === summary).map((e) => ({ day: e.startDate.toString(), isDate: e.startDate.isDate }));
    expect(on('Milestone: Risk workshop with the partners')).toEqual([{ day: overdue.iso, isDate: true }]);
    expect(on('Milestone: Privacy policy drafted')).toEqual([{ day: soon.iso, isDate: true }]);
    expect(on('Review the risk R-0001 Ransomware on the booking system')).toEqual([{ day: riskReview.iso, isDate: true }]);
    // The eight default milestones, the two added and the risk review.
    expect(events).toHaveLength(11);

    // Stopping the feed ends the link.
    await feed.getByRole('button', { name: 'Stop the feed' }).click();
    await feed.getByText('You have no calendar feed.').waitFor();
    expect((await fetch(link)).status).toBe(404);
    expect(problems).toEqual([]);
  });
});
