import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagementReviewDetail, ReviewAction } from '@custodian/shared/contracts/management-reviews.ts';
import type { OrgCtx } from '../../core/ctx.ts';
import { todayIn } from '../../lib/dates.ts';
import { docxParagraphs, pdfText } from '../../../test/read-document.ts';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { managementReviewProgress, reviewsObligations, reviewsPackFiles } from './management-reviews.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const path = '/api/v1/management-reviews';
type Detail = ManagementReviewDetail;
const inputOf = (review: Detail, key: string) => review.inputs.find((input) => input.key === key);

/** The exports the lead wires (obligations, pack, progress) read only the transaction, the organisation and the time. */
function readCtx(orgId: string, now = new Date()): OrgCtx {
  return {
    tx: server.deps.database.db,
    org: { id: orgId, name: 'Bayside Physio', timeZone: 'Australia/Sydney', isDemo: false, isMfaRequired: false },
    now,
  } as unknown as OrgCtx;
}

describe('management reviews', () => {
  it('prepares a review with inputs read from the records, holds it (freezing them), carries open actions into the next review, and exports minutes', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const today = todayIn('Australia/Sydney', new Date());
    await owner.client.request('POST', '/api/v1/scope/items', {
      section: 'external_issue',
      name: 'New privacy reforms',
      description: 'Changes to the Privacy Act',
    });
    await owner.client.request('POST', '/api/v1/scope/items', {
      section: 'interested_party',
      name: 'Patients and their carers',
      requirements: 'Privacy of their records',
    });

    // The chair must be an owner (top management); attendees must be members.
    const notOwner = await owner.client.request('POST', path, { title: 'First review', plannedOn: today, chairUserId: contributor.userId });
    expect(notOwner.status).toBe(400);
    expect(JSON.stringify(notOwner.json())).toContain('owner');

    const created = await owner.client.request('POST', path, {
      title: 'First review',
      plannedOn: today,
      chairUserId: owner.userId,
      attendeeUserIds: [contributor.userId],
    });
    expect(created.status).toBe(201);
    let review = created.json<Detail>();
    expect(review).toMatchObject({ status: 'planned', chair: { userId: owner.userId }, attendees: [{ userId: contributor.userId }] });
    expect(review.inputs.map((input) => input.key)).toEqual([
      'previous_actions',
      'issues_changes',
      'nonconformities',
      'monitoring',
      'audit_results',
      'objectives',
      'interested_parties',
      'risk_status',
      'improvement',
    ]);
    expect(inputOf(review, 'issues_changes')?.lines.join('\n')).toContain('External issue: New privacy reforms');
    expect(inputOf(review, 'interested_parties')?.lines).toEqual(['Patients and their carers: Privacy of their records']);
    expect(inputOf(review, 'monitoring')?.lines.join('\n')).toMatch(/Controls: 0 of \d+ applicable controls implemented/);
    expect(inputOf(review, 'previous_actions')?.summary).toContain('No actions from earlier reviews');
    expect(inputOf(review, 'audit_results')?.summary).toMatch(/^No internal audit has been completed since/);

    // Notes are versioned; a stale save is a 409 with the notes as they are now.
    const input = inputOf(review, 'interested_parties');
    const noted = await owner.client.request('PATCH', `${path}/${review.id}/inputs/interested_parties`, {
      version: input?.version,
      notes: 'Two complaints about reception screens',
    });
    expect(noted.status).toBe(200);
    const staleNote = await owner.client.request('PATCH', `${path}/${review.id}/inputs/interested_parties`, { version: input?.version, notes: 'lost' });
    expect(staleNote.status).toBe(409);
    expect(staleNote.json<{ error: { details: { current: { notes: string } } } }>().error.details.current.notes).toBe('Two complaints about reception screens');

    const action = (
      await owner.client.request('POST', `${path}/${review.id}/actions`, {
        title: 'Lock reception screens after 5 minutes',
        ownerUserId: contributor.userId,
        dueOn: '2099-01-31',
      })
    ).json<ReviewAction>();
    expect(action).toMatchObject({ status: 'open', ownerName: 'Member contributor', isOverdue: false });

    review = (await owner.client.get(`${path}/${review.id}`)).json<Detail>();
    const future = await owner.client.request('POST', `${path}/${review.id}/hold`, { version: review.version, heldOn: '2099-01-01' });
    expect(future.status).toBe(400);
    const held = await owner.client.request('POST', `${path}/${review.id}/hold`, { version: review.version, heldOn: today });
    expect(held.status).toBe(200);
    review = held.json<Detail>();
    expect(review).toMatchObject({ status: 'held', heldOn: today });
    expect(inputOf(review, 'interested_parties')?.notes).toBe('Two complaints about reception screens');
    const staleHold = await owner.client.request('POST', `${path}/${review.id}/hold`, { version: review.version - 1, heldOn: today });
    expect(staleHold.status).toBe(409);

    // Frozen: a new issue does not reach the held review, and it cannot be read again.
    await owner.client.request('POST', '/api/v1/scope/items', { section: 'internal_issue', name: 'Receptionist turnover' });
    expect((await owner.client.request('POST', `${path}/${review.id}/refresh`, { version: review.version })).status).toBe(409);
    expect(inputOf((await owner.client.get(`${path}/${review.id}`)).json<Detail>(), 'issues_changes')?.lines.join('\n')).not.toContain('Receptionist turnover');

    // Decisions, then approval by an owner only; approved minutes no longer change.
    review = (
      await owner.client.request('PATCH', `${path}/${review.id}`, {
        version: review.version,
        decisions: 'Keep the ISMS scope as it is.\nFund screen privacy filters.',
      })
    ).json<Detail>();
    expect((await contributor.client.request('POST', `${path}/${review.id}/approve`, { version: review.version })).status).toBe(403);
    review = (await owner.client.request('POST', `${path}/${review.id}/approve`, { version: review.version })).json<Detail>();
    expect(review).toMatchObject({ status: 'approved', approvedByName: owner.name });
    expect((await owner.client.request('PATCH', `${path}/${review.id}`, { version: review.version, decisions: 'rewritten' })).status).toBe(409);
    expect((await owner.client.request('DELETE', `${path}/${review.id}`)).status).toBe(409);

    // Minutes, read back from both files.
    const pdf = await owner.client.get(`${path}/${review.id}/minutes.pdf`);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const pdfWords = await pdfText(pdf.raw.rawPayload);
    expect(pdfWords).toContain('Management review minutes: First review');
    expect(pdfWords).toContain('Fund screen privacy filters.');
    expect(pdfWords).toContain('Lock reception screens after 5 minutes');
    expect(pdfWords).toContain(`Minutes approved by ${owner.name}`);
    const docx = await docxParagraphs((await owner.client.get(`${path}/${review.id}/minutes.docx`)).raw.rawPayload);
    expect(docx).toContain('Feedback from interested parties');
    expect(docx).toContain('Discussion: Two complaints about reception screens');
    expect(docx).toContain('31/01/2099');

    // The next review reports the open action and the issue added since.
    const next = (await owner.client.request('POST', path, { title: 'Second review', plannedOn: '2099-06-01', chairUserId: owner.userId })).json<Detail>();
    expect(inputOf(next, 'previous_actions')?.lines).toEqual([expect.stringContaining('Lock reception screens after 5 minutes')]);
    expect(inputOf(next, 'previous_actions')?.summary).toMatch(/^1 action from earlier reviews still open/);
    expect(inputOf(next, 'issues_changes')?.lines.join('\n')).toContain('Receptionist turnover');
    expect(inputOf(next, 'issues_changes')?.summary).toContain(`since the last review on ${today.split('-').reverse().join('/')}`);

    // Following up the action after approval: its status may change, its wording may not.
    expect((await owner.client.request('PATCH', `${path}/${review.id}/actions/${action.id}`, { version: action.version, title: 'Other' })).status).toBe(409);
    const done = await owner.client.request('PATCH', `${path}/${review.id}/actions/${action.id}`, { version: action.version, status: 'done' });
    expect(done.json<ReviewAction>()).toMatchObject({ status: 'done', version: action.version + 1 });

    // What the lead wires: obligations, the auditor pack, the guided path's progress.
    const ctx = readCtx(owner.orgId);
    const obligations = await reviewsObligations(ctx);
    expect(obligations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: `management-review:${next.id}`, dueOn: '2099-06-01', ownerUserId: owner.userId, isDone: false }),
        expect.objectContaining({ key: `management-review:${review.id}`, isDone: true }),
        expect.objectContaining({ key: `management-review-action:${action.id}`, dueOn: '2099-01-31', ownerUserId: contributor.userId, isDone: true }),
      ]),
    );
    const pack = await reviewsPackFiles(ctx);
    expect(pack.map((file) => file.path)).toEqual([`management-reviews/management-review-${today}-first-review.pdf`]);
    expect(await pdfText(pack[0]?.bytes ?? new Uint8Array())).toContain('Fund screen privacy filters.');
    expect(await managementReviewProgress(ctx)).toMatchObject({ done: 1, total: 3 });

    const trail = (await owner.client.get(`/api/v1/audit-log?entityId=${review.id}&order=asc`)).json<{ items: Array<{ action: string }> }>();
    expect(trail.items.map((e) => e.action)).toEqual([
      'management_reviews.created',
      'management_reviews.input_noted',
      'management_reviews.held',
      'management_reviews.updated',
      'management_reviews.approved',
    ]);
  }, 120_000);

  it('refuses a stale change with the review as it is now, deletes only planned reviews, and hides reviews from another organisation', async () => {
    const owner = await signUpOwner(server);
    const contributor = await addMemberWithRole(server, owner, 'contributor');
    const review = (await owner.client.request('POST', path, { title: 'Shared', plannedOn: '2099-03-01', chairUserId: owner.userId })).json<Detail>();
    await owner.client.request('PATCH', `${path}/${review.id}`, { version: review.version, title: 'First' });
    const stale = await owner.client.request('PATCH', `${path}/${review.id}`, { version: review.version, title: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.json<{ error: { details: { current: Detail } } }>().error.details.current).toMatchObject({ title: 'First', version: review.version + 1 });
    expect(
      (await owner.client.request('PATCH', `${path}/${review.id}`, { version: review.version + 1, attendeeUserIds: ['00000000-0000-4000-8000-000000000000'] }))
        .status,
    ).toBe(400);
    expect(await managementReviewProgress(readCtx(owner.orgId))).toEqual({
      done: 1,
      total: 3,
      detail: 'The management review “First” is planned for 01/03/2099.',
    });
    const stranger = await signUpOwner(server);
    expect((await stranger.client.get(`${path}/${review.id}`)).status).toBe(404);
    expect((await stranger.client.get(`${path}/${review.id}/minutes.pdf`)).status).toBe(404);
    expect((await stranger.client.get(path)).json<{ total: { count: number } }>().total.count).toBe(0);
    expect((await contributor.client.request('DELETE', `${path}/${review.id}`)).status).toBe(403);
    expect((await owner.client.request('DELETE', `${path}/${review.id}`)).status).toBe(200);
    expect(await managementReviewProgress(readCtx(owner.orgId))).toMatchObject({ done: 0, total: 3 });
  });
});
