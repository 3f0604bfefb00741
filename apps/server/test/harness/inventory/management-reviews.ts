import { managementReviewsApi as api } from '@custodian/shared/contracts/management-reviews.ts';
import { docxParagraphs, pdfText } from '../../read-document.ts';
import { send } from '../http.ts';
import { fromRoute, type InventoryEntry, type RaceSpec } from '../route-inventory.ts';
import type { CanaryPlanter, World } from '../world.ts';
import { countEvents, expectEqual, json, winnerOf } from './helpers.ts';

const base = '/api/v1/management-reviews';
interface Fresh {
  id: string;
  version: number;
  inputs: Array<{ key: string; version: number }>;
}

/** A new management review of org A (prepared by its owner, who chairs it). */
async function freshReview(world: World, title = 'A management review'): Promise<Fresh> {
  const reply = await send(world.server.app, world.jars.owner, 'POST', base, { body: { title, plannedOn: '2099-03-01', chairUserId: world.userIds.owner } });
  if (reply.status !== 201) throw new Error(`could not prepare a management review: ${reply.status} ${reply.text}`);
  return json<Fresh>(reply);
}

/** A review of org A recorded as held (ready for approval). */
async function heldReview(world: World): Promise<Fresh> {
  const review = await freshReview(world);
  const reply = await send(world.server.app, world.jars.owner, 'POST', `${base}/:id/hold`, {
    params: { id: review.id },
    body: { version: review.version, heldOn: '2020-01-01' },
  });
  if (reply.status !== 200) throw new Error(`could not hold a management review: ${reply.status} ${reply.text}`);
  return json<Fresh>(reply);
}

/** A review of org A with one action: the review's id and the action. */
async function freshAction(world: World): Promise<{ id: string; actionId: string; version: number }> {
  const review = await freshReview(world);
  const reply = await send(world.server.app, world.jars.owner, 'POST', `${base}/:id/actions`, {
    params: { id: review.id },
    body: { title: 'An action', dueOn: '2099-04-01' },
  });
  if (reply.status !== 201) throw new Error(`could not add an action: ${reply.status} ${reply.text}`);
  const action = json<{ id: string; version: number }>(reply);
  return { id: review.id, actionId: action.id, version: action.version };
}

/** Two requests with the same version of a fresh record: only one may win, and one event is recorded. */
function oneWins(
  make: (world: World) => Promise<{ params: Record<string, string>; body: Record<string, unknown> }>,
  event: string,
  entityOf: (params: Record<string, string>) => string | undefined,
): RaceSpec {
  return {
    requests: async ({ world }) => {
      const spec = await make(world);
      return [{ spec }, { spec: { params: spec.params, body: { ...spec.body } } }];
    },
    maxWins: 1,
    verify: async (world, _replies, requests) => expectEqual(`${event} events`, await countEvents(world, event, entityOf(requests[0].spec.params ?? {})), 1),
  };
}

/** A management review of org A whose title carries a canary: nobody outside org A may ever see it. */
export const managementReviewsCanaries: readonly CanaryPlanter[] = [
  {
    kind: 'managementReviewTitle',
    // The canary's review, and a review with an action, so every management review table holds org A rows.
    plant: async (world, text) => {
      await freshReview(world, `Review ${text}`);
      await freshAction(world);
    },
  },
];

const documentText = async (raw: Buffer) => (await docxParagraphs(raw)).join('\n');
const ownerOnly = { statuses: { isms_manager: 403, contributor: 403 }, reason: 'minutes are approved by top management: an owner' } as const;

/** Management reviews (9.3). */
export const managementReviewsInventory: readonly InventoryEntry[] = [
  { ...fromRoute(api.list), request: () => ({ query: { limit: '200' } }) },
  { ...fromRoute(api.get), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshReview(world)).id } }) },
  {
    ...fromRoute(api.create),
    // The chair is an owner of the caller's own organisation (org B's owner when org B calls).
    request: ({ world, actor }) => ({ body: { title: 'Prepared by the matrix', plannedOn: '2099-05-01', chairUserId: world.userIds[actor === 'other_org' ? 'other_org' : 'owner'] } }),
    race: {
      requests: async ({ world }) => {
        const body = (title: string) => ({ spec: { body: { title, plannedOn: '2099-05-01', chairUserId: world.userIds.owner } } });
        return [body('Race one'), body('Race two')];
      },
      maxWins: 2,
    },
  },
  {
    ...fromRoute(api.update),
    addressesOrgA: true,
    request: async ({ world }) => {
      const review = await freshReview(world);
      return { params: { id: review.id }, body: { version: review.version, decisions: 'changed by the matrix' } };
    },
    race: {
      requests: async ({ world }) => {
        const review = await freshReview(world);
        const edit = (decisions: string) => ({ spec: { params: { id: review.id }, body: { version: review.version, decisions } } });
        return [edit('race one'), edit('race two')];
      },
      maxWins: 1,
      verify: async (world, replies, requests) => {
        const id = requests[0].spec.params?.id ?? '';
        const final = json<{ decisions: string }>(await send(world.server.app, world.jars.owner, 'GET', `${base}/:id`, { params: { id } }));
        const expected = (requests[winnerOf(replies)]?.spec.body as { decisions: string } | undefined)?.decisions;
        return [
          ...expectEqual('the saved decisions', final.decisions, expected),
          ...expectEqual('changes recorded', await countEvents(world, 'management_reviews.updated', id), 1),
        ];
      },
    },
  },
  {
    ...fromRoute(api.refresh),
    addressesOrgA: true,
    request: async ({ world }) => {
      const review = await freshReview(world);
      return { params: { id: review.id }, body: { version: review.version } };
    },
    race: oneWins(
      async (world) => {
        const review = await freshReview(world);
        return { params: { id: review.id }, body: { version: review.version } };
      },
      'management_reviews.refreshed',
      (params) => params.id,
    ),
  },
  {
    ...fromRoute(api.hold),
    addressesOrgA: true,
    request: async ({ world }) => {
      const review = await freshReview(world);
      return { params: { id: review.id }, body: { version: review.version, heldOn: '2020-01-01' } };
    },
    race: oneWins(
      async (world) => {
        const review = await freshReview(world);
        return { params: { id: review.id }, body: { version: review.version, heldOn: '2020-01-01' } };
      },
      'management_reviews.held',
      (params) => params.id,
    ),
  },
  {
    ...fromRoute(api.approve),
    addressesOrgA: true,
    expect: ownerOnly,
    request: async ({ world }) => {
      const review = await heldReview(world);
      return { params: { id: review.id }, body: { version: review.version } };
    },
    race: oneWins(
      async (world) => {
        const review = await heldReview(world);
        return { params: { id: review.id }, body: { version: review.version } };
      },
      'management_reviews.approved',
      (params) => params.id,
    ),
  },
  {
    ...fromRoute(api.remove),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshReview(world)).id } }),
    expect: { statuses: { contributor: 403 }, reason: 'the policy lets a contributor delete only what they prepared; the owner prepared this one' },
    race: {
      requests: async ({ world }) => {
        const { id } = await freshReview(world);
        return [{ spec: { params: { id } } }, { spec: { params: { id } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) =>
        expectEqual('deletions recorded', await countEvents(world, 'management_reviews.deleted', requests[0].spec.params?.id), 1),
    },
  },
  {
    ...fromRoute(api.updateInput),
    addressesOrgA: true,
    request: async ({ world }) => {
      const review = await freshReview(world);
      const input = review.inputs.find((entry) => entry.key === 'interested_parties');
      return { params: { id: review.id, key: 'interested_parties' }, body: { version: input?.version ?? 1, notes: 'noted by the matrix' } };
    },
    race: oneWins(
      async (world) => {
        const review = await freshReview(world);
        return {
          params: { id: review.id, key: 'objectives' },
          body: { version: review.inputs.find((entry) => entry.key === 'objectives')?.version ?? 1, notes: 'race' },
        };
      },
      'management_reviews.input_noted',
      (params) => params.id,
    ),
  },
  {
    ...fromRoute(api.addAction),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshReview(world)).id }, body: { title: 'Added by the matrix', dueOn: '2099-06-01' } }),
    race: {
      requests: async ({ world }) => {
        const { id } = await freshReview(world);
        return [{ spec: { params: { id }, body: { title: 'Race one' } } }, { spec: { params: { id }, body: { title: 'Race two' } } }];
      },
      maxWins: 2,
    },
  },
  {
    ...fromRoute(api.updateAction),
    addressesOrgA: true,
    request: async ({ world }) => {
      const action = await freshAction(world);
      return { params: { id: action.id, actionId: action.actionId }, body: { version: action.version, status: 'done' } };
    },
    race: oneWins(
      async (world) => {
        const action = await freshAction(world);
        return { params: { id: action.id, actionId: action.actionId }, body: { version: action.version, notes: 'race' } };
      },
      'management_reviews.action_updated',
      (params) => params.actionId,
    ),
  },
  {
    ...fromRoute(api.removeAction),
    addressesOrgA: true,
    request: async ({ world }) => {
      const action = await freshAction(world);
      return { params: { id: action.id, actionId: action.actionId } };
    },
    race: {
      requests: async ({ world }) => {
        const action = await freshAction(world);
        const spec = { params: { id: action.id, actionId: action.actionId } };
        return [{ spec }, { spec: { params: { ...spec.params } } }];
      },
      maxWins: 1,
      verify: async (world, _replies, requests) =>
        expectEqual('deletions recorded', await countEvents(world, 'management_reviews.action_deleted', requests[0].spec.params?.actionId), 1),
    },
  },
  {
    ...fromRoute(api.minutesDocx),
    addressesOrgA: true,
    request: async ({ world }) => ({ params: { id: (await freshReview(world)).id } }),
    bodyText: documentText,
  },
  { ...fromRoute(api.minutesPdf), addressesOrgA: true, request: async ({ world }) => ({ params: { id: (await freshReview(world)).id } }), bodyText: pdfText },
];
