import type { InventoryEntry } from '../route-inventory.ts';
import type { CanaryPlanter } from '../world.ts';
import { accountInventory } from './account.ts';
import { apiTokenCanary, apiTokensInventory } from './api-tokens.ts';
import { auditLogInventory } from './audit-log.ts';
import { authInventory } from './auth.ts';
import { catalogueInventory } from './catalogue.ts';
import { gapInventory } from './gap.ts';
import { formerMemberCanary, orgInventory } from './org.ts';
import { passkeyInventory } from './passkeys.ts';
import { ssoCanaryPlanter, ssoInventory } from './sso.ts';
import { systemInventory } from './system.ts';
import { quotesInventory } from './quotes.ts';
import { leadsInventory } from './leads.ts';
import { marketplaceRequestCanary, marketplaceRequestsInventory } from './marketplace-requests.ts';
import { operatorInventory } from './operator.ts';
import { providersInventory } from './providers.ts';
import { scopeCanaries, scopeInventory } from './scope.ts';
import { assetsCanaries, assetsInventory } from './assets.ts';
import { riskInsightsCanaries, riskInsightsInventory } from './risk-insights.ts';
import { risksCanaries, risksInventory } from './risks.ts';
import { registerImportInventory } from './register-import.ts';
import { controlsCanaries, controlsInventory } from './controls.ts';
import { frameworksInventory } from './frameworks.ts';
import { evidenceCanaries, evidenceInventory } from './evidence.ts';
import { certificationCanaries, certificationInventory } from './certification.ts';
import { documentsCanaries, documentsInventory } from './documents.ts';
import { planCanaries, planInventory } from './plan.ts';
import { managementReviewsCanaries, managementReviewsInventory } from './management-reviews.ts';
import { auditsCanaries, auditsInventory } from './audits.ts';
import { trainingCanaries, trainingInventory } from './training.ts';
// new-module: imports

/** Every API operation, one entry each: the matrix, the fuzzer and the race check read this list. */
export const routeInventory: readonly InventoryEntry[] = [
  ...systemInventory,
  ...authInventory,
  ...accountInventory,
  ...passkeyInventory,
  ...apiTokensInventory,
  ...orgInventory,
  ...catalogueInventory,
  ...gapInventory,
  ...auditLogInventory,
  ...ssoInventory,
  ...quotesInventory,
  ...marketplaceRequestsInventory,
  ...leadsInventory,
  ...providersInventory,
  ...operatorInventory,
  ...scopeInventory,
  ...assetsInventory,
  ...riskInsightsInventory,
  ...risksInventory,
  ...registerImportInventory,
  ...controlsInventory,
  ...frameworksInventory,
  ...evidenceInventory,
  ...certificationInventory,
  ...documentsInventory,
  ...planInventory,
  ...managementReviewsInventory,
  ...auditsInventory,
  ...trainingInventory,
  // new-module: inventory
];

/** Canaries modules plant in org A beyond the world's own four; the matrix checks none leaves org A. */
export const canaryPlanters: readonly CanaryPlanter[] = [
  ssoCanaryPlanter,
  apiTokenCanary,
  formerMemberCanary,
  marketplaceRequestCanary,
  ...scopeCanaries,
  ...assetsCanaries,
  ...riskInsightsCanaries,
  ...risksCanaries,
  ...controlsCanaries,
  ...evidenceCanaries,
  ...certificationCanaries,
  ...documentsCanaries,
  ...planCanaries,
  ...managementReviewsCanaries,
  ...auditsCanaries,
  ...trainingCanaries,
  // new-module: canaries
];
