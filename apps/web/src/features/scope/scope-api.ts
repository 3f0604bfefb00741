import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  scopeApi,
  type ApproveScopeBody,
  type CreateScopeItemBody,
  type ScopeSection,
  type UpdateScopeItemBody,
  type UpdateScopeStatementBody,
} from '@custodian/shared/contracts/scope.ts';
import { call, urlOf } from '../../api/client.ts';

/** The addresses of the scope statement's files (plain links: the session cookie authenticates the GET). */
export const scopeStatementDocxUrl = urlOf(scopeApi.statementDocx);
export const scopeStatementPdfUrl = urlOf(scopeApi.statementPdf);

/** The scope statement: summary, revision, who changed and approved it, counts per part. */
export function useScopeStatement() {
  return useQuery({ queryKey: ['scope', 'statement'], queryFn: () => call(scopeApi.statement) });
}

/** The entries of one part, by name (a part holds a few dozen at most; the server pages at 200). */
export function useScopeSection(section: ScopeSection) {
  return useQuery({ queryKey: ['scope', 'items', section], queryFn: () => call(scopeApi.list, { query: { section, sort: 'name', order: 'asc', limit: 200 } }) });
}

/** Adding, changing and deleting entries; each refreshes the parts and the statement (its revision moved). */
export function useScopeItemChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['scope'] });
  return {
    create: useMutation({ mutationFn: (body: CreateScopeItemBody) => call(scopeApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: ({ id, body }: { id: string; body: UpdateScopeItemBody }) => call(scopeApi.update, { params: { id }, body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(scopeApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}

/** Saving the summary and approving the statement. */
export function useScopeStatementChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['scope'] });
  return {
    save: useMutation({ mutationFn: (body: UpdateScopeStatementBody) => call(scopeApi.updateStatement, { body }), onSuccess: refresh }),
    approve: useMutation({ mutationFn: (body: ApproveScopeBody) => call(scopeApi.approve, { body }), onSuccess: refresh }),
  };
}
