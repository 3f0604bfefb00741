import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GapItem, GapListQuery, ReadinessReply, UpdateGapBody } from '@custodian/shared/contracts/gap.ts';
import { api, toQuery } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export const gapExportUrl = '/api/v1/gap/export.xlsx';

export type GapFilters = Partial<Omit<GapListQuery, 'isOverdue'>> & { isOverdue?: 'true' | 'false' };

/** One page of gap items, filtered, sorted and paginated by the server. */
export function useGapItems(filters: GapFilters) {
  return useQuery({
    queryKey: ['gap', 'items', filters],
    queryFn: () => api.get<Page<GapItem>>(`/gap/items${toQuery(filters)}`),
    placeholderData: keepPreviousData,
  });
}

/** One gap item with its status, owner, target date, notes and justification. */
export function useGapItem(itemId: string) {
  return useQuery({
    queryKey: ['gap', 'item', itemId],
    queryFn: () => api.get<GapItem>(`/gap/items/${encodeURIComponent(itemId)}`),
  });
}

/** The readiness summary behind the dashboard. */
export function useReadiness(isEnabled = true) {
  return useQuery({ queryKey: ['gap', 'readiness'], queryFn: () => api.get<ReadinessReply>('/gap/readiness'), enabled: isEnabled });
}

/** Saves one gap item; refreshes the list, the item and the readiness figures. */
export function useUpdateGapItem(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateGapBody) => api.put<GapItem>(`/gap/items/${encodeURIComponent(itemId)}`, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['gap', 'item', itemId], saved);
      await queryClient.invalidateQueries({ queryKey: ['gap'] });
    },
  });
}
