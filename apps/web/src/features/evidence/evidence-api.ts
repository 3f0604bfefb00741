import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { evidenceApi, type CreateEvidenceBody } from '@custodian/shared/contracts/evidence.ts';
import { call } from '../../api/client.ts';

export type EvidenceListInput = NonNullable<CallInput<typeof evidenceApi.list>['query']>;

/** One page of evidence, filtered and sorted by the server. */
export function useEvidence(query: EvidenceListInput) {
  return useQuery({ queryKey: ['evidence', query], queryFn: () => call(evidenceApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useEvidenceChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['evidence'] });
  return {
    create: useMutation({ mutationFn: (body: CreateEvidenceBody) => call(evidenceApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(evidenceApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
