import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { planApi, type CreateMilestoneBody, type UpdateMilestoneBody } from '@custodian/shared/contracts/plan.ts';
import { call } from '../../api/client.ts';

/** The plan, each step's progress, what to do next and the projected Stage 2 date. */
export function usePlanView(isEnabled = true) {
  return useQuery({ queryKey: ['plan'], queryFn: () => call(planApi.get, {}), enabled: isEnabled });
}

/** Starting the plan, moving its date, and the milestones' changes, each refreshing the plan. */
export function usePlanChanges() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['plan'] });
  return {
    start: useMutation({ mutationFn: (targetStage2On: string) => call(planApi.create, { body: { targetStage2On } }), onSuccess: refresh }),
    move: useMutation({ mutationFn: (body: { version: number; targetStage2On: string }) => call(planApi.update, { body }), onSuccess: refresh }),
    addMilestone: useMutation({ mutationFn: (body: CreateMilestoneBody) => call(planApi.addMilestone, { body }), onSuccess: refresh }),
    changeMilestone: useMutation({ mutationFn: (input: { id: string; body: UpdateMilestoneBody }) => call(planApi.updateMilestone, { params: { id: input.id }, body: input.body }), onSuccess: refresh }),
    removeMilestone: useMutation({ mutationFn: (id: string) => call(planApi.removeMilestone, { params: { id } }), onSuccess: refresh }),
  };
}

/** The person's calendar feed: whether there is one, and making or stopping it. */
export function useCalendarFeed() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['calendar-feed'] });
  return {
    status: useQuery({ queryKey: ['calendar-feed'], queryFn: () => call(planApi.feedStatus, {}) }),
    issue: useMutation({ mutationFn: () => call(planApi.issueFeed, {}), onSuccess: refresh }),
    revoke: useMutation({ mutationFn: () => call(planApi.revokeFeed, {}), onSuccess: refresh }),
  };
}
