import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role } from '@custodian/shared/permissions.ts';
import { api, toQuery } from '../../api/client.ts';
import type { Invitation, Member, Page } from '../../api/types.ts';

/** One page of the organisation's members. */
export function useMembers(page: number, pageSize: number, isEnabled = true) {
  return useQuery({
    queryKey: ['members', page, pageSize],
    queryFn: () => api.get<Page<Member>>(`/members${toQuery({ page, pageSize })}`),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** Pending and past invitations. */
export function useInvitations(isEnabled = true) {
  return useQuery({ queryKey: ['invitations'], queryFn: () => api.get<Invitation[]>('/invitations'), enabled: isEnabled });
}

/** Member and invitation changes, each refreshing the lists it affects. */
export function useMemberMutations() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
  };
  return {
    changeRole: useMutation({
      mutationFn: ({ userId, role }: { userId: string; role: Role }) => api.patch<Member>(`/members/${userId}`, { role }),
      onSuccess: refresh,
    }),
    remove: useMutation({ mutationFn: (userId: string) => api.delete<unknown>(`/members/${userId}`), onSuccess: refresh }),
    invite: useMutation({
      mutationFn: (body: { email: string; role: Role }) => api.post<Invitation>('/invitations', body),
      onSuccess: refresh,
    }),
    revoke: useMutation({ mutationFn: (id: string) => api.delete<unknown>(`/invitations/${id}`), onSuccess: refresh }),
  };
}
