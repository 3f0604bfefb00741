import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import {
  managementReviewsApi as api,
  type CreateActionBody,
  type CreateManagementReviewBody,
  type ReviewInputKey,
  type UpdateActionBody,
  type UpdateManagementReviewBody,
} from '@custodian/shared/contracts/management-reviews.ts';
import { call } from '../../api/client.ts';

export type ManagementReviewListInput = NonNullable<CallInput<typeof api.list>['query']>;

/** One page of management reviews, sorted by the server. */
export function useManagementReviews(query: ManagementReviewListInput) {
  return useQuery({ queryKey: ['management-reviews', query], queryFn: () => call(api.list, { query }), placeholderData: keepPreviousData });
}

/** One review with its inputs and actions. */
export function useManagementReview(id: string) {
  return useQuery({ queryKey: ['management-reviews', 'detail', id], queryFn: () => call(api.get, { params: { id } }) });
}

/** Every change to reviews, each refreshing what is shown. */
export function useManagementReviewChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['management-reviews'] });
  const versioned = { onSettled: refresh };
  return {
    create: useMutation({ mutationFn: (body: CreateManagementReviewBody) => call(api.create, { body }), onSuccess: refresh }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: UpdateManagementReviewBody }) => call(api.update, { params: { id }, body }),
      ...versioned,
    }),
    refreshInputs: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => call(api.refresh, { params: { id }, body: { version } }),
      ...versioned,
    }),
    hold: useMutation({
      mutationFn: ({ id, version, heldOn }: { id: string; version: number; heldOn: string }) => call(api.hold, { params: { id }, body: { version, heldOn } }),
      ...versioned,
    }),
    approve: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) => call(api.approve, { params: { id }, body: { version } }),
      ...versioned,
    }),
    remove: useMutation({
      mutationFn: (id: string) => call(api.remove, { params: { id } }),
      // The deleted review's own page is being left: reading it again would only answer "not found".
      onSuccess: (_reply, id) => queryClient.invalidateQueries({ queryKey: ['management-reviews'], predicate: (query) => query.queryKey[2] !== id }),
    }),
    updateInput: useMutation({
      mutationFn: ({ id, key, version, notes }: { id: string; key: ReviewInputKey; version: number; notes: string }) =>
        call(api.updateInput, { params: { id, key }, body: { version, notes } }),
      onSuccess: refresh,
    }),
    addAction: useMutation({
      mutationFn: ({ id, body }: { id: string; body: CreateActionBody }) => call(api.addAction, { params: { id }, body }),
      onSuccess: refresh,
    }),
    updateAction: useMutation({
      mutationFn: ({ id, actionId, body }: { id: string; actionId: string; body: UpdateActionBody }) =>
        call(api.updateAction, { params: { id, actionId }, body }),
      ...versioned,
    }),
    removeAction: useMutation({
      mutationFn: ({ id, actionId }: { id: string; actionId: string }) => call(api.removeAction, { params: { id, actionId } }),
      onSuccess: refresh,
    }),
  };
}
