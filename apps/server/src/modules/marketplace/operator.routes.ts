import { operatorApi } from '@custodian/shared/contracts/operator.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { listProvidersForOperator, marketplaceHealth, operatorCertificate, reinstateProvider, revokeVerification, suspendProvider, verifyClaim } from './operator.service.ts';
import { certificateReply } from './provider.routes.ts';

/** The platform operator's console: providers and their claims, verification, suspension, health. */
export const operatorRoutes = [
  defineRoute(operatorApi.providers, { handler: (ctx, { query }) => listProvidersForOperator(ctx, query) }),
  defineRoute(operatorApi.verify, { handler: (ctx, { params, body }) => verifyClaim(ctx, params.orgId, body, ctx.user.id) }),
  defineRoute(operatorApi.revokeVerification, { handler: (ctx, { params }) => revokeVerification(ctx, params.orgId, params.verificationId) }),
  defineRoute(operatorApi.suspend, { handler: (ctx, { params, body }) => suspendProvider(ctx, params.orgId, body.reason) }),
  defineRoute(operatorApi.reinstate, { handler: (ctx, { params, body }) => reinstateProvider(ctx, params.orgId, body.note) }),
  defineRoute(operatorApi.certificate, { handler: (ctx, { params }) => operatorCertificate(ctx, params.orgId, params.accreditationId), respond: (file, http) => certificateReply(file, http) }),
  defineRoute(operatorApi.health, { handler: (ctx) => marketplaceHealth(ctx) }),
];
