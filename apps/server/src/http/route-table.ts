import { accountRoutes } from '../modules/auth/account.routes.ts';
import { apiTokenRoutes } from '../modules/api-tokens/api-tokens.routes.ts';
import { auditLogRoutes } from '../modules/audit-log/audit-log.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { catalogueRoutes } from '../modules/catalogue/catalogue.routes.ts';
import { gapRoutes } from '../modules/gap/gap.routes.ts';
import { orgRoutes } from '../modules/org/org.routes.ts';
import { passkeyRoutes } from '../modules/auth/passkey.routes.ts';
import { ssoRoutes } from '../modules/sso/sso.routes.ts';
import { systemRoutes } from '../modules/system/system.routes.ts';
import { leadRoutes } from '../modules/marketplace/lead.routes.ts';
import { requestRoutes } from '../modules/marketplace/request.routes.ts';
import type { RouteBinding } from './route-kit.ts';
import { quoteRoutes } from '../modules/marketplace/quotes.routes.ts';
import { operatorRoutes } from '../modules/marketplace/operator.routes.ts';
import { providerRoutes } from '../modules/marketplace/provider.routes.ts';
import { scopeRoutes } from '../modules/scope/scope.routes.ts';
import { assetsRoutes } from '../modules/assets/assets.routes.ts';
import { riskInsightsRoutes } from '../modules/risk-insights/risk-insights.routes.ts';
import { risksRoutes } from '../modules/risks/risks.routes.ts';
import { registerImportRoutes } from '../modules/register-import/register-import.routes.ts';
import { controlsRoutes } from '../modules/gap/controls.routes.ts';
import { soaRoutes } from '../modules/soa/soa.routes.ts';
import { frameworksRoutes } from '../modules/frameworks/frameworks.routes.ts';
import { evidenceRoutes } from '../modules/evidence/evidence.routes.ts';
import { certificationRoutes } from '../modules/certification/certification.routes.ts';
import { documentsRoutes } from '../modules/documents/documents.routes.ts';
import { planRoutes } from '../modules/plan/plan.routes.ts';
import { managementReviewsRoutes } from '../modules/management-reviews/management-reviews.routes.ts';
import { auditsRoutes, nonconformitiesRoutes } from '../modules/audits/audits.routes.ts';
import { trainingRoutes } from '../modules/training/training.routes.ts';
// new-module: imports

/** Every module's routes. A new module adds one line (npm run new-module does it). */
export const routeTable: readonly RouteBinding[] = [
  ...systemRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...passkeyRoutes,
  ...apiTokenRoutes,
  ...orgRoutes,
  ...catalogueRoutes,
  ...gapRoutes,
  ...auditLogRoutes,
  ...ssoRoutes,
  ...quoteRoutes,
  ...requestRoutes,
  ...leadRoutes,
  ...providerRoutes,
  ...operatorRoutes,
  ...scopeRoutes,
  ...assetsRoutes,
  ...riskInsightsRoutes,
  ...risksRoutes,
  ...registerImportRoutes,
  ...controlsRoutes,
  ...soaRoutes,
  ...frameworksRoutes,
  ...evidenceRoutes,
  ...certificationRoutes,
  ...documentsRoutes,
  ...planRoutes,
  ...managementReviewsRoutes,
  ...auditsRoutes,
  ...nonconformitiesRoutes,
  ...trainingRoutes,
  // new-module: routes
];
