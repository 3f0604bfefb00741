import { riskInsightsApi } from '@custodian/shared/contracts/risk-insights.ts';
import { defineRoute } from '../../http/route-kit.ts';
import { getRiskInsights } from './risk-insights.service.ts';
import { buildRiskReport, renderRiskReport, type RiskReportKind } from './risk-reports.service.ts';

/** A report download: the model is read in the request's transaction, the file rendered after it. */
function reportRoute(route: (typeof riskInsightsApi)['assessmentDocx' | 'assessmentPdf' | 'treatmentDocx' | 'treatmentPdf'], kind: RiskReportKind, format: 'docx' | 'pdf') {
  return defineRoute(route, {
    handler: (ctx) => buildRiskReport(ctx, kind),
    respond: async (draft, http) => {
      const file = await renderRiskReport(draft, format);
      return http.file(file.fileName, file.body);
    },
  });
}

/** Risk insights: the charts' figures, and the risk assessment report and risk treatment plan. */
export const riskInsightsRoutes = [
  defineRoute(riskInsightsApi.get, { handler: (ctx, { query }) => getRiskInsights(ctx, query) }),
  reportRoute(riskInsightsApi.assessmentDocx, 'assessment', 'docx'),
  reportRoute(riskInsightsApi.assessmentPdf, 'assessment', 'pdf'),
  reportRoute(riskInsightsApi.treatmentDocx, 'treatment', 'docx'),
  reportRoute(riskInsightsApi.treatmentPdf, 'treatment', 'pdf'),
];
