import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { trainingApi, type CreateTrainingBody } from '@custodian/shared/contracts/training.ts';
import { call } from '../../api/client.ts';

export type TrainingListInput = NonNullable<CallInput<typeof trainingApi.list>['query']>;

/** One page of training, filtered and sorted by the server. */
export function useTraining(query: TrainingListInput) {
  return useQuery({ queryKey: ['training', query], queryFn: () => call(trainingApi.list, { query }), placeholderData: keepPreviousData });
}

/** Adding and deleting, each refreshing the list. */
export function useTrainingChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['training'] });
  return {
    create: useMutation({ mutationFn: (body: CreateTrainingBody) => call(trainingApi.create, { body }), onSuccess: refresh }),
    remove: useMutation({ mutationFn: (id: string) => call(trainingApi.remove, { params: { id } }), onSuccess: refresh }),
  };
}
