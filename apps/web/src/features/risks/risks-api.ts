import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { riskMethodApi, type ChangeRiskMethodBody } from '@custodian/shared/contracts/risk-method.ts';
import { risksApi, type AcceptRiskBody, type CreateRiskBody, type CreateTaskBody, type UpdateRiskBody, type UpdateTaskBody } from '@custodian/shared/contracts/risks.ts';
import { threatsApi } from '@custodian/shared/contracts/threats.ts';
import { call } from '../../api/client.ts';

export type RiskListInput = NonNullable<CallInput<typeof risksApi.list>['query']>;

/** One page of the register, filtered and sorted by the server. */
export function useRisks(query: RiskListInput) {
  return useQuery({ queryKey: ['risks', 'list', query], queryFn: () => call(risksApi.list, { query }), placeholderData: keepPreviousData });
}

export function useRisk(id: string) {
  return useQuery({ queryKey: ['risks', 'one', id], queryFn: () => call(risksApi.get, { params: { id } }) });
}

export function useRiskTasks(id: string) {
  return useQuery({ queryKey: ['risks', 'tasks', id], queryFn: () => call(risksApi.tasks, { params: { id } }) });
}

export function useRiskHistory(id: string) {
  return useQuery({ queryKey: ['risks', 'history', id], queryFn: () => call(risksApi.history, { params: { id } }) });
}

/** The organisation's current risk method (the default 5 × 5 until it is changed). */
export function useRiskMethod() {
  return useQuery({ queryKey: ['risk-method', 'current'], queryFn: () => call(riskMethodApi.get) });
}

export function useRiskMethodHistory() {
  return useQuery({ queryKey: ['risk-method', 'versions'], queryFn: () => call(riskMethodApi.history) });
}

/** The healthcare threat library (catalogue data; it changes only with a release). */
export function useThreats() {
  return useQuery({ queryKey: ['threats'], queryFn: () => call(threatsApi.list), staleTime: Infinity });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['risks'] });
}

export function useCreateRisk() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: CreateRiskBody) => call(risksApi.create, { body }), onSuccess: refresh });
}

export function useUpdateRisk(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: UpdateRiskBody) => call(risksApi.update, { params: { id }, body }), onSuccess: refresh });
}

export function useDeleteRisk(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: () => call(risksApi.remove, { params: { id } }), onSuccess: refresh });
}

export function useAcceptRisk(id: string) {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (body: AcceptRiskBody) => call(risksApi.accept, { params: { id }, body }), onSuccess: refresh });
}

export function useTaskChanges(riskId: string) {
  const refresh = useRefresh();
  return {
    add: useMutation({ mutationFn: (body: CreateTaskBody) => call(risksApi.addTask, { params: { id: riskId }, body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: { taskId: string; body: UpdateTaskBody }) => call(risksApi.updateTask, { params: { id: riskId, taskId: input.taskId }, body: input.body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (taskId: string) => call(risksApi.removeTask, { params: { id: riskId, taskId } }), onSuccess: refresh }),
  };
}

/** Preview and save of a method change; saving refreshes the method and every risk (they were re-scored). */
export function useMethodChanges() {
  const queryClient = useQueryClient();
  return {
    preview: useMutation({ mutationFn: (body: ChangeRiskMethodBody) => call(riskMethodApi.preview, { body }) }),
    change: useMutation({
      mutationFn: (body: ChangeRiskMethodBody) => call(riskMethodApi.change, { body }),
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: ['risk-method'] });
        await queryClient.invalidateQueries({ queryKey: ['risks'] });
      },
    }),
  };
}
