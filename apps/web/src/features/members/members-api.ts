import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallInput } from '@custodian/shared/contracts/api-route.ts';
import { orgApi } from '@custodian/shared/contracts/org.ts';
import type { Role } from '@custodian/shared/permissions.ts';
import { call } from '../../api/client.ts';

export type MemberListInput = NonNullable<CallInput<typeof orgApi.members>['query']>;
export type InvitationListInput = NonNullable<CallInput<typeof orgApi.invitations>['query']>;
export type FormerMemberListInput = NonNullable<CallInput<typeof orgApi.formerMembers>['query']>;

/** One page of the people who have left the organisation (owners only). */
export function useFormerMembers(query: FormerMemberListInput, isEnabled = true) {
  return useQuery({
    queryKey: ['former-members', query],
    queryFn: () => call(orgApi.formerMembers, { query }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** One page of the organisation's members, filtered and sorted by the server. */
export function useMembers(query: MemberListInput, isEnabled = true) {
  return useQuery({
    queryKey: ['members', query],
    queryFn: () => call(orgApi.members, { query }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** One page of invitations (pending by default). */
export function useInvitations(query: InvitationListInput, isEnabled = true) {
  return useQuery({
    queryKey: ['invitations', query],
    queryFn: () => call(orgApi.invitations, { query }),
    placeholderData: keepPreviousData,
    enabled: isEnabled,
  });
}

/** Member and invitation changes, each refreshing the lists it affects. */
export function useMemberMutations() {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['members'] });
    await queryClient.invalidateQueries({ queryKey: ['invitations'] });
    await queryClient.invalidateQueries({ queryKey: ['former-members'] });
  };
  return {
    /** Changes a role, sending the version of the member as the list showed it (409 if someone changed it meanwhile). */
    changeRole: useMutation({
      mutationFn: ({ userId, version, role }: { userId: string; version: number; role: Role }) => call(orgApi.changeRole, { params: { userId }, body: { version, role } }),
      onSuccess: refresh,
      onError: refresh,
    }),
    remove: useMutation({ mutationFn: (userId: string) => call(orgApi.removeMember, { params: { userId } }), onSuccess: refresh }),
    invite: useMutation({
      mutationFn: (body: { email: string; role: Role }) => call(orgApi.invite, { body }),
      onSuccess: refresh,
    }),
    revoke: useMutation({ mutationFn: (id: string) => call(orgApi.revokeInvitation, { params: { id } }), onSuccess: refresh }),
    /** Replaces a former member's name and address with "Former member N" in the organisation's records. */
    deidentify: useMutation({ mutationFn: (userId: string) => call(orgApi.deidentify, { params: { userId } }), onSuccess: refresh }),
  };
}
