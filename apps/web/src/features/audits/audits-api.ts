import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { auditsApi, type CreateAuditBody } from '@custodian/shared/contracts/audits.ts';
import { call } from '../../api/client.ts';

export type AuditListInput = NonNullable<CallInput<typeof auditsApi.list>['query']>;

/** One page of audits, filtered and sorted by the server. */
export function useAudits(query: AuditListInput) {
  return useQuery({ queryKey: ['audits', query], queryFn: () => call(auditsApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useAuditChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['audits'] });
  return {
    create: useMutation({ mutationFn: (body: CreateAuditBody) => call(auditsApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(auditsApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
