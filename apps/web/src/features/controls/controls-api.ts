import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { controlsApi, type AddControlReasonsBody, type ControlItem, type CreateControlBody, type UpdateControlBody } from '@custodian/shared/contracts/controls.ts';
import { call } from '../../api/client.ts';

export type ControlListInput = NonNullable<CallInput<typeof controlsApi.list>['query']>;

/** One page of the controls register, filtered and sorted by the server. */
export function useControls(query: ControlListInput) {
  return useQuery({ queryKey: ['controls', 'list', query], queryFn: () => call(controlsApi.list, { query }), placeholderData: keepPreviousData });
}

export function useControl(controlId: string) {
  return useQuery({ queryKey: ['controls', 'item', controlId], queryFn: () => call(controlsApi.get, { params: { controlId } }) });
}

/** Everything the register feeds (the gap analysis, the SoA, framework coverage) is read again after a change. */
async function refreshAfterChange(queryClient: ReturnType<typeof useQueryClient>): Promise<void> {
  await Promise.all(['controls', 'gap', 'soa', 'frameworks'].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}

export function useUpdateControl(controlId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateControlBody) => call(controlsApi.update, { params: { controlId }, body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['controls', 'item', controlId], saved);
      await refreshAfterChange(queryClient);
    },
  });
}

/** Puts the control as it is now on the server into the cache (after an edit conflict was discarded). */
export function useReplaceCachedControl(controlId: string) {
  const queryClient = useQueryClient();
  return (current: ControlItem) => queryClient.setQueryData(['controls', 'item', controlId], current);
}

export function useCreateControl() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: CreateControlBody) => call(controlsApi.create, { body }), onSuccess: () => refreshAfterChange(queryClient) });
}

export function useDeleteControl(controlId: string) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: () => call(controlsApi.remove, { params: { controlId } }), onSuccess: () => refreshAfterChange(queryClient) });
}

export function useAddControlReasons() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (body: AddControlReasonsBody) => call(controlsApi.addReasons, { body }), onSuccess: () => refreshAfterChange(queryClient) });
}

export const controlPath = (controlId: string) => `/controls/${encodeURIComponent(controlId)}`;
