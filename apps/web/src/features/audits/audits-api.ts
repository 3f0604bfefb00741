import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { auditsApi, type CreateAuditBody, type CreateFindingBody, type UpdateAuditBody, type UpdateChecklistBody, type CompleteAuditBody } from '@custodian/shared/contracts/audits.ts';
import { nonconformitiesApi, type CreateActionBody, type CreateReviewBody, type UpdateActionBody, type UpdateNcBody } from '@custodian/shared/contracts/nonconformities.ts';
import { call } from '../../api/client.ts';

export type AuditListInput = NonNullable<CallInput<typeof auditsApi.list>['query']>;
export type NcListInput = NonNullable<CallInput<typeof nonconformitiesApi.list>['query']>;

export function useAudits(query: AuditListInput) {
  return useQuery({ queryKey: ['audits', 'list', query], queryFn: () => call(auditsApi.list, { query }), placeholderData: keepPreviousData });
}

export function useAuditProgramme() {
  return useQuery({ queryKey: ['audits', 'programme'], queryFn: () => call(auditsApi.programme) });
}

export function useAudit(id: string) {
  return useQuery({ queryKey: ['audits', 'one', id], queryFn: () => call(auditsApi.get, { params: { id } }) });
}

/** Every change to audits refreshes audits and nonconformities (a finding may raise one). */
export function useAuditChanges() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['audits'] });
    await queryClient.invalidateQueries({ queryKey: ['nonconformities'] });
  };
  return {
    create: useMutation({ mutationFn: (body: CreateAuditBody) => call(auditsApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateAuditBody }) => call(auditsApi.update, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    complete: useMutation({ mutationFn: (input: { id: string; body: CompleteAuditBody }) => call(auditsApi.complete, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(auditsApi.remove, { params: { id } }), onSuccess: refresh }),
    finding: useMutation({ mutationFn: (input: { id: string; body: CreateFindingBody }) => call(auditsApi.addFinding, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
  };
}

/**
 * Records one checklist line's result. The audit is read again after a refusal too: a 409 means the page
 * shows an older version of the line than the one saved.
 */
export function useChecklistChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; itemId: string; body: UpdateChecklistBody }) => call(auditsApi.updateChecklist, { params: { id: input.id, itemId: input.itemId }, body: input.body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['audits'] }),
  });
}

export function useNonconformities(query: NcListInput) {
  return useQuery({ queryKey: ['nonconformities', 'list', query], queryFn: () => call(nonconformitiesApi.list, { query }), placeholderData: keepPreviousData });
}

export function useNonconformity(id: string) {
  return useQuery({ queryKey: ['nonconformities', 'one', id], queryFn: () => call(nonconformitiesApi.get, { params: { id } }) });
}

export function useNcChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['nonconformities'] });
  return {
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateNcBody }) => call(nonconformitiesApi.update, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    addAction: useMutation({ mutationFn: (input: { id: string; body: CreateActionBody }) => call(nonconformitiesApi.addAction, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    updateAction: useMutation({
      mutationFn: (input: { id: string; actionId: string; body: UpdateActionBody }) => call(nonconformitiesApi.updateAction, { params: { id: input.id, actionId: input.actionId }, body: input.body }),
      onSuccess: refresh,
    }),
    review: useMutation({ mutationFn: (input: { id: string; body: CreateReviewBody }) => call(nonconformitiesApi.addReview, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
  };
}
