import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMemberWithRole, signUpOwner } from '../../../test/test-client.ts';
import { startTestServer, type TestServer } from '../../../test/test-server.ts';
import { todayIn } from '../../lib/dates.ts';
import { recordAllPlanProjections } from './plan-projection.service.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server.close());

const inDays = (n: number) => {
  const today = todayIn('Australia/Sydney', new Date());
  return new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)) + n)).toISOString().slice(0, 10);
};

interface View {
  plan: { targetStage2On: string; version: number } | null;
  steps: Array<{ step: string; state: string; done: number; total: number; detail: string }>;
  milestones: Array<{ id: string; title: string; dueOn: string; version: number; isOverdue: boolean; ownerUserId: string | null }>;
  next: Array<{ kind: string; title: string; detail: string }>;
  projection: { projectedOn: string | null; cause: string; basis: string; movement: { direction: string; reasons: string[] } } | null;
}

describe('the guided path', { timeout: 90_000 }, () => {
  it('starts from a Stage 2 date with default milestones, reads progress from the modules, and refuses bad edits', async () => {
    const owner = await signUpOwner(server);
    const staff = await addMemberWithRole(server, owner, 'staff');
    const stranger = await signUpOwner(server);
    const empty = (await owner.client.get('/api/v1/plan')).json<View>();
    expect(empty.plan).toBeNull();
    expect(empty.steps.map((s) => s.state)).toEqual(['not_started', 'not_started', 'not_started', 'not_started', 'not_started', 'not_started']);
    expect(empty.steps[3]?.detail).toBe('0 of 16 mandatory documents approved.');
    // Two sources of one step read as two sentences.
    expect(empty.steps[4]?.detail).toMatch(/^0 of \d+ clauses and applicable controls covered by a completed internal audit\. No management review has been prepared yet\.$/);
    expect(empty.next[0]?.title).toBe('Scope');

    expect((await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(0) })).status).toBe(400);
    expect((await staff.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(200) })).status).toBe(403);
    const started = await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(200) });
    expect(started.status).toBe(201);
    const view = started.json<View>();
    expect(view.milestones.map((m) => [m.title, m.dueOn])).toEqual([
      ['Scope statement approved', inDays(32)],
      ['Risks assessed and treatments decided', inDays(60)],
      ['Statement of Applicability approved', inDays(88)],
      ['Mandatory documents approved', inDays(116)],
      ['Internal audit completed', inDays(144)],
      ['Management review held', inDays(158)],
      ['Stage 1 audit held', inDays(172)],
      ['Stage 2 audit held', inDays(200)],
    ]);
    expect(view.milestones.every((m) => m.ownerUserId === owner.userId)).toBe(true);
    expect((await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(100) })).status).toBe(409);

    // Progress comes from the modules: a written scope statement, a risk with a treatment decided.
    const statement = (await owner.client.get('/api/v1/scope/statement')).json<{ version: number }>();
    expect((await owner.client.request('PATCH', '/api/v1/scope/statement', { version: statement.version, summary: 'The ISMS covers the clinic.' })).status).toBe(200);
    expect((await owner.client.request('POST', '/api/v1/risks', { title: 'Ransomware', inherent: { likelihood: 3, impact: 4 }, status: 'treatment_planned', treatment: 'modify' })).status).toBe(201);
    expect((await owner.client.request('POST', '/api/v1/risks', { title: 'Lost laptop', inherent: { likelihood: 2, impact: 3 } })).status).toBe(201);
    const after = (await owner.client.get('/api/v1/plan')).json<View>();
    expect(after.steps.slice(0, 3).map((s) => [s.state, s.done, s.total])).toEqual([
      ['in_progress', 1, 2],
      ['in_progress', 1, 2],
      ['not_started', 0, 94],
    ]);
    expect(after.steps[1]?.detail).toBe('1 of 2 risks assessed with a treatment decided.');

    // Milestones: versioned edits, owners must be members, other organisations get 404.
    const first = after.milestones[0];
    if (!first) throw new Error('no milestone');
    expect((await owner.client.request('PATCH', `/api/v1/plan/milestones/${first.id}`, { version: first.version, ownerUserId: stranger.userId })).status).toBe(400);
    const moved = await owner.client.request('PATCH', `/api/v1/plan/milestones/${first.id}`, { version: first.version, dueOn: inDays(40), ownerUserId: staff.userId });
    expect(moved.status).toBe(200);
    const stale = await owner.client.request('PATCH', `/api/v1/plan/milestones/${first.id}`, { version: first.version, title: 'Lost edit' });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(stale.body)).toContain(inDays(40));
    expect((await stranger.client.request('PATCH', `/api/v1/plan/milestones/${first.id}`, { version: 2, isDone: true })).status).toBe(404);
    expect((await stranger.client.request('DELETE', `/api/v1/plan/milestones/${first.id}`)).status).toBe(404);
    const trail = (await owner.client.get('/api/v1/audit-log?action=plan.milestone_updated')).json<{ items: Array<{ sentence?: string; summary?: string }> }>();
    expect(trail.items).toHaveLength(1);
  });

  it('projects Stage 2 from the recorded pace, moves it when a milestone falls overdue, and says why', async () => {
    const owner = await signUpOwner(server);
    expect((await owner.client.request('POST', '/api/v1/plan', { targetStage2On: inDays(120) })).status).toBe(201);
    const stalled = (await owner.client.get('/api/v1/plan')).json<View>();
    expect(stalled.projection?.cause).toBe('unknown_pace');
    expect(stalled.projection?.projectedOn).toBeNull();

    // Fourteen days ago nothing was done (a recorded point); since then the scope statement was written and approved.
    await server.ownerQuery(
      "insert into plan_projections (org_id, recorded_on, steps_done, target_stage2_on, projected_on, pace_per_week, slip_days, overdue_titles, recorded_at) values ($1, $2, 0, $3, $3, null, 0, '{}', now())",
      [owner.orgId, inDays(-14), inDays(120)],
    );
    const statement = (await owner.client.get('/api/v1/scope/statement')).json<{ version: number }>();
    const written = (await owner.client.request('PATCH', '/api/v1/scope/statement', { version: statement.version, summary: 'The ISMS covers the clinic.' })).json<{ version: number; revision: number }>();
    expect((await owner.client.request('POST', '/api/v1/scope/statement/approve', { revision: written.revision, note: '' })).status).toBe(200);
    const paced = (await owner.client.get('/api/v1/plan')).json<View>();
    // One step in 14 days = 0.5 a week; 5 steps left = 70 days: before the planned date, so the plan holds.
    expect(paced.projection?.cause).toBe('on_target');
    expect(paced.projection?.projectedOn).toBe(inDays(120));
    expect(paced.projection?.movement.reasons.join(' ')).toContain('Work was completed since');

    // The first milestone falls overdue by 10 days: the projection moves 10 days later and names it.
    const milestone = paced.milestones[0];
    if (!milestone) throw new Error('no milestone');
    expect((await owner.client.request('PATCH', `/api/v1/plan/milestones/${milestone.id}`, { version: milestone.version, dueOn: inDays(-10) })).status).toBe(200);
    const late = (await owner.client.get('/api/v1/plan')).json<View>();
    expect(late.projection?.projectedOn).toBe(inDays(130));
    expect(late.projection?.cause).toBe('overdue');
    expect(late.projection?.movement.direction).toBe('later');
    expect(late.projection?.movement.reasons[0]).toBe(`“${milestone.title}” fell overdue since ${inDays(-14).split('-').reverse().join('/')}.`);
    expect(late.next[0]).toMatchObject({ kind: 'overdue_milestone', title: milestone.title });

    // The job records today's point; the comparison stays with the last point before today.
    expect(await recordAllPlanProjections(server.deps, server.app.log)).toBeGreaterThanOrEqual(1);
    const points = await server.ownerQuery<{ recorded_on: string; projected_on: string; overdue_titles: string[] }>(
      'select recorded_on::text, projected_on::text, overdue_titles from plan_projections where org_id = $1 order by recorded_on',
      [owner.orgId],
    );
    expect(points.map((p) => [p.recorded_on, p.projected_on])).toEqual([
      [inDays(-14), inDays(120)],
      [inDays(0), inDays(130)],
    ]);
  });
});
