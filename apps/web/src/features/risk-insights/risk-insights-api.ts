import { useQuery } from '@tanstack/react-query';
import { riskInsightsApi, type ReportFormat } from '@custodian/shared/contracts/risk-insights.ts';
import { call, urlOf } from '../../api/client.ts';

/** Heat maps, top risks, breakdowns and the trend over the last `days` days. */
export function useRiskInsights(days: number) {
  return useQuery({ queryKey: ['risk-insights', days], queryFn: () => call(riskInsightsApi.get, { query: { days } }) });
}

/** Download addresses of the risk assessment report and the risk treatment plan (plain links: the session cookie authenticates the GET). */
export function reportUrl(report: 'assessment' | 'treatment', format: ReportFormat): string {
  if (report === 'assessment') return urlOf(format === 'docx' ? riskInsightsApi.assessmentDocx : riskInsightsApi.assessmentPdf);
  return urlOf(format === 'docx' ? riskInsightsApi.treatmentDocx : riskInsightsApi.treatmentPdf);
}
