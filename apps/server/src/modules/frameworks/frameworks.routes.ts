import { frameworksApi } from '@custodian/shared/contracts/frameworks.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getFrameworkCoverage, getTransitionView, oscalCatalog, oscalProfile, oscalSsp } from './frameworks.service.ts';

/** Other frameworks seen through the controls register, and the OSCAL exports. */
export const frameworksRoutes = [
  defineRoute(frameworksApi.coverage, { handler: (ctx) => getFrameworkCoverage(ctx) }),
  defineRoute(frameworksApi.transition, { handler: (ctx) => getTransitionView(ctx) }),
  defineRoute(frameworksApi.oscalCatalog, { handler: async (ctx) => oscalCatalog(ctx), respond: (file, http) => http.file(file.fileName, file.body) }),
  defineRoute(frameworksApi.oscalProfile, { handler: async (ctx) => oscalProfile(ctx), respond: (file, http) => http.file(file.fileName, file.body) }),
  defineRoute(frameworksApi.oscalSsp, { handler: (ctx) => oscalSsp(ctx), respond: (file, http) => http.file(file.fileName, file.body) }),
];
