import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { managementReviewsApi, type CreateManagementReviewBody } from '@custodian/shared/contracts/management-reviews.ts';
import { call } from '../../api/client.ts';

export type ManagementReviewListInput = NonNullable<CallInput<typeof managementReviewsApi.list>['query']>;

/** One page of management reviews, filtered and sorted by the server. */
export function useManagementReviews(query: ManagementReviewListInput) {
  return useQuery({ queryKey: ['management-reviews', query], queryFn: () => call(managementReviewsApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useManagementReviewChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['management-reviews'] });
  return {
    create: useMutation({ mutationFn: (body: CreateManagementReviewBody) => call(managementReviewsApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(managementReviewsApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
