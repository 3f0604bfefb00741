import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { riskInsightsApi, type CreateRiskInsightBody } from '@custodian/shared/contracts/risk-insights.ts';
import { call } from '../../api/client.ts';

export type RiskInsightListInput = NonNullable<CallInput<typeof riskInsightsApi.list>['query']>;

/** One page of risk insights, filtered and sorted by the server. */
export function useRiskInsights(query: RiskInsightListInput) {
  return useQuery({ queryKey: ['risk-insights', query], queryFn: () => call(riskInsightsApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useRiskInsightChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['risk-insights'] });
  return {
    create: useMutation({ mutationFn: (body: CreateRiskInsightBody) => call(riskInsightsApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(riskInsightsApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
