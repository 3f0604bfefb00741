import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { scopeApi, type CreateScopeBody } from '@custodian/shared/contracts/scope.ts';
import { call } from '../../api/client.ts';

export type ScopeListInput = NonNullable<CallInput<typeof scopeApi.list>['query']>;

/** One page of scope, filtered and sorted by the server. */
export function useScope(query: ScopeListInput) {
  return useQuery({ queryKey: ['scope', query], queryFn: () => call(scopeApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useScopeChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['scope'] });
  return {
    create: useMutation({ mutationFn: (body: CreateScopeBody) => call(scopeApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(scopeApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
