import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { documentsApi, type ApproveDocumentBody, type AssignDocumentBody, type CreateDocumentBody, type UpdateDocumentBody } from '@custodian/shared/contracts/documents.ts';
import { call } from '../../api/client.ts';

export type DocumentListInput = NonNullable<CallInput<typeof documentsApi.list>['query']>;
export type PeopleCoverageInput = NonNullable<CallInput<typeof documentsApi.peopleCoverage>['query']>;

/** One page of documents, filtered and sorted by the server. */
export function useDocuments(query: DocumentListInput) {
  return useQuery({ queryKey: ['documents', 'list', query], queryFn: () => call(documentsApi.list, { query }), placeholderData: keepPreviousData });
}

export function useDocumentTemplates() {
  return useQuery({ queryKey: ['documents', 'templates'], queryFn: () => call(documentsApi.templates, {}) });
}

export function useMandatoryDocuments() {
  return useQuery({ queryKey: ['documents', 'mandatory'], queryFn: () => call(documentsApi.mandatory, {}) });
}

export function usePolicyCoverage() {
  return useQuery({ queryKey: ['documents', 'coverage'], queryFn: () => call(documentsApi.coverage, {}) });
}

export function usePeopleCoverage(query: PeopleCoverageInput) {
  return useQuery({ queryKey: ['documents', 'people', query], queryFn: () => call(documentsApi.peopleCoverage, { query }), placeholderData: keepPreviousData });
}

export function useDocument(id: string) {
  return useQuery({ queryKey: ['documents', 'one', id], queryFn: () => call(documentsApi.get, { params: { id } }) });
}

export function useMyPolicies() {
  return useQuery({ queryKey: ['my-policies'], queryFn: () => call(documentsApi.mine, {}) });
}

/** Every change to documents, each refreshing what it touches. */
export function useDocumentChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['documents'] });
  return {
    create: useMutation({ mutationFn: (body: CreateDocumentBody) => call(documentsApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateDocumentBody }) => call(documentsApi.update, { params: { id }, body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(documentsApi.remove, { params: { id } }), onSuccess: refresh }),
    approve: useMutation({ mutationFn: ({ id, body }: { id: string; body: ApproveDocumentBody }) => call(documentsApi.approve, { params: { id }, body }), onSuccess: refresh }),
    assign: useMutation({ mutationFn: ({ id, body }: { id: string; body: AssignDocumentBody }) => call(documentsApi.assign, { params: { id }, body }), onSuccess: refresh }),
    unassign: useMutation({ mutationFn: ({ id, assignmentId }: { id: string; assignmentId: string }) => call(documentsApi.unassign, { params: { id, assignmentId } }), onSuccess: refresh }),
  };
}

export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, number }: { id: string; number: number }) => call(documentsApi.acknowledge, { params: { id }, body: { number } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-policies'] }),
  });
}
