import type { Member } from '@custodian/shared/contracts/org.ts';
import { CheckboxField } from '../../components/field.tsx';

/** The attendees: members of the organisation, ticked. */
export function AttendeesField({
  members,
  selected,
  onChange,
  error,
}: {
  members: Member[];
  selected: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}) {
  return (
    <fieldset className="fieldset">
      <legend>Attendees</legend>
      {error ? <p className="field-error">{error}</p> : null}
      {members.map((member) => (
        <CheckboxField
          key={member.userId}
          label={member.name}
          checked={selected.includes(member.userId)}
          onChange={(event) => onChange(event.target.checked ? [...selected, member.userId] : selected.filter((id) => id !== member.userId))}
        />
      ))}
    </fieldset>
  );
}
