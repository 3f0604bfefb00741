import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { gapApi, type GapItem, type UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import { call, urlOf } from '../../api/client.ts';

/** The address of the gap analysis workbook (a plain link: the session cookie authenticates the GET). */
export const gapExportUrl = urlOf(gapApi.export);

/** The query of the gap list as the address gives it (filters, sort, order, cursor). */
export type GapListInput = NonNullable<CallInput<typeof gapApi.list>['query']>;

/** One page of gap items, filtered, sorted and paginated by the server. */
export function useGapItems(query: GapListInput) {
  return useQuery({
    queryKey: ['gap', 'items', query],
    queryFn: () => call(gapApi.list, { query }),
    placeholderData: keepPreviousData,
  });
}

/** One gap item with its status, owner, target date, notes, justification and version. */
export function useGapItem(itemId: string) {
  return useQuery({
    queryKey: ['gap', 'item', itemId],
    queryFn: () => call(gapApi.get, { params: { itemId } }),
  });
}

/** The readiness summary behind the dashboard. */
export function useReadiness(isEnabled = true) {
  return useQuery({ queryKey: ['gap', 'readiness'], queryFn: () => call(gapApi.readiness), enabled: isEnabled });
}

/**
 * Saves the changed fields of one gap item with the version the editor read; refreshes the list, the
 * item and the readiness figures. A stale version fails with an edit_conflict ApiError.
 */
export function useUpdateGapItem(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateGapBody) => call(gapApi.update, { params: { itemId }, body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['gap', 'item', itemId], saved);
      await queryClient.invalidateQueries({ queryKey: ['gap'] });
    },
  });
}

/** Puts the item as it is now on the server into the cache (after an edit conflict was discarded). */
export function useReplaceCachedGapItem(itemId: string) {
  const queryClient = useQueryClient();
  return (current: GapItem) => {
    queryClient.setQueryData(['gap', 'item', itemId], current);
    void queryClient.invalidateQueries({ queryKey: ['gap', 'items'] });
  };
}
