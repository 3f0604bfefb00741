import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { documentsApi, type CreateDocumentBody } from '@custodian/shared/contracts/documents.ts';
import { call } from '../../api/client.ts';

export type DocumentListInput = NonNullable<CallInput<typeof documentsApi.list>['query']>;

/** One page of documents, filtered and sorted by the server. */
export function useDocuments(query: DocumentListInput) {
  return useQuery({ queryKey: ['documents', query], queryFn: () => call(documentsApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useDocumentChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['documents'] });
  return {
    create: useMutation({ mutationFn: (body: CreateDocumentBody) => call(documentsApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(documentsApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
