import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { trainingApi, type AssignTrainingBody, type CompleteOwnBody, type CreateTrainingBody, type RecordCompletionBody, type SetTeamBody, type UpdateTrainingBody } from '@custodian/shared/contracts/training.ts';
import { call } from '../../api/client.ts';

export type TrainingListInput = NonNullable<CallInput<typeof trainingApi.list>['query']>;

/** One page of training items, filtered and sorted by the server. */
export function useTrainingItems(query: TrainingListInput) {
  return useQuery({ queryKey: ['training', 'items', query], queryFn: () => call(trainingApi.list, { query }), placeholderData: keepPreviousData });
}

export function useTrainingItem(id: string) {
  return useQuery({ queryKey: ['training', 'item', id], queryFn: () => call(trainingApi.get, { params: { id } }) });
}

export function useTrainingCompletions(id: string) {
  return useQuery({ queryKey: ['training', 'completions', id], queryFn: () => call(trainingApi.completions, { params: { id } }) });
}

export function useTrainingTeams() {
  return useQuery({ queryKey: ['training', 'teams'], queryFn: () => call(trainingApi.teams, {}) });
}

export function useTrainingCoverage() {
  return useQuery({ queryKey: ['training', 'coverage'], queryFn: () => call(trainingApi.coverage, {}) });
}

export function useMyTraining() {
  return useQuery({ queryKey: ['training', 'mine'], queryFn: () => call(trainingApi.mine, {}) });
}

/** Every change refreshes everything training shows (items, teams, coverage, one's own). */
export function useTrainingChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['training'] });
  return {
    create: useMutation({ mutationFn: (body: CreateTrainingBody) => call(trainingApi.create, { body }), onSuccess: refresh }),
    update: useMutation({ mutationFn: (input: { id: string; body: UpdateTrainingBody }) => call(trainingApi.update, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(trainingApi.remove, { params: { id } }), onSuccess: refresh }),
    assign: useMutation({ mutationFn: (input: { id: string; body: AssignTrainingBody }) => call(trainingApi.assign, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    unassign: useMutation({ mutationFn: (input: { id: string; query: AssignTrainingBody }) => call(trainingApi.unassign, { params: { id: input.id }, query: input.query }), onSuccess: refresh }),
    record: useMutation({ mutationFn: (input: { id: string; body: RecordCompletionBody }) => call(trainingApi.record, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    createTeam: useMutation({ mutationFn: (name: string) => call(trainingApi.createTeam, { body: { name } }), onSuccess: refresh }),
    setTeam: useMutation({ mutationFn: (body: SetTeamBody) => call(trainingApi.setTeam, { body }), onSuccess: refresh }),
    completeMine: useMutation({ mutationFn: (input: { id: string; body: CompleteOwnBody }) => call(trainingApi.completeMine, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
  };
}
