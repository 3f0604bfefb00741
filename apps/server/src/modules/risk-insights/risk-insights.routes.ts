import { riskInsightsApi } from '@custodian/shared/contracts/risk-insights.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getRiskInsights } from './risk-insights.service.ts';

/** Risk insights: the charts' figures, and the risk assessment report and risk treatment plan. */
export const riskInsightsRoutes = [defineRoute(riskInsightsApi.get, { handler: (ctx, { query }) => getRiskInsights(ctx, query) })];
