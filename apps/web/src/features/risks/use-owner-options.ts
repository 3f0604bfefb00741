import { roleLabels } from '@custodian/shared/permissions.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import type { SelectOption } from '../../components/field.tsx';
import { useMembers } from '../members/members-api.ts';

/** Members as owner choices (or, for someone who may not list members, themselves and the current owner). */
export function useOwnerOptions(current: { id: string | null; name: string | null } = { id: null, name: null }): { options: SelectOption[]; names: Map<string, string> } {
  const session = useSignedInSession();
  const canReadMembers = useCan('members.read');
  const members = useMembers({ sort: 'name', limit: 200 }, canReadMembers);
  const options: SelectOption[] = [{ value: '', label: 'No owner yet' }];
  if (members.data) {
    for (const member of members.data.items) options.push({ value: member.userId, label: `${member.name} (${roleLabels[member.role]})` });
  } else {
    if (current.id && current.name) options.push({ value: current.id, label: current.name });
    if (session.user && session.user.id !== current.id) options.push({ value: session.user.id, label: `${session.user.name} (me)` });
  }
  return { options, names: new Map(options.filter((option) => option.value).map((option) => [option.value, option.label])) };
}
