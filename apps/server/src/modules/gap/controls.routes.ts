import { controlsApi } from '@custodian/shared/contracts/controls.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { addControlReasons, createControl, deleteControl, getControl, listControls, updateControl } from './controls.service.ts';

/** The controls register: Annex A and the organisation's own controls, applicability and implementation. */
export const controlsRoutes = [
  defineRoute(controlsApi.list, { handler: (ctx, { query }) => listControls(ctx, query) }),
  defineRoute(controlsApi.get, { handler: (ctx, { params }) => getControl(ctx, params.controlId) }),
  defineRoute(controlsApi.update, { handler: (ctx, { params, body }) => updateControl(ctx, params.controlId, body) }),
  defineRoute(controlsApi.addReasons, { handler: (ctx, { body }) => addControlReasons(ctx, body) }),
  defineRoute(controlsApi.create, { handler: (ctx, { body }) => createControl(ctx, body) }),
  defineRoute(controlsApi.remove, { handler: async (ctx, { params }) => (await deleteControl(ctx, params.controlId), { ok: true as const }) }),
];
