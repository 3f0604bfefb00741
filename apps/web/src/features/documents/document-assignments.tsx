import { useState } from 'react';
import type { DocumentAssignment, DocumentDetail } from '@custodian/shared/contracts/documents.ts';
import { roleLabels, roles, type Role } from '@custodian/shared/permissions.ts';
import { Button } from '../../components/button.tsx';
import { SelectField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { useMembers } from '../members/members-api.ts';
import { useDocumentChanges } from './documents-api.ts';

const whoOf = (a: DocumentAssignment) => (a.role ? `Everyone with the role ${roleLabels[a.role]}` : (a.userName ?? 'A former member'));

/** Asks a role or named people to read and acknowledge the document, and stops asking them. */
function AssignForms({ doc, onDone }: { doc: DocumentDetail; onDone: (message: string) => void }) {
  const { assign } = useDocumentChanges();
  const [role, setRole] = useState<Role>('staff');
  const [userId, setUserId] = useState('');
  const members = useMembers({ sort: 'name', limit: 200 });
  const named = new Set(doc.assignments.map((a) => a.userId).filter(Boolean));
  const people = (members.data?.items ?? []).filter((m) => !named.has(m.userId)).map((m) => ({ value: m.userId, label: `${m.name} (${roleLabels[m.role]})` }));
  const chosen = people.some((p) => p.value === userId) ? userId : (people[0]?.value ?? '');
  return (
    <>
      <FormAlert error={assign.error} fieldNames={[]} />
      <div className="filter-row">
        <SelectField label="Role" name="role" value={role} options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} onChange={(event) => setRole(event.target.value as Role)} />
        <Button isBusy={assign.isPending && assign.variables?.body.role !== undefined} busyText="Assigning…" onClick={() => assign.mutate({ id: doc.id, body: { role } }, { onSuccess: () => onDone(`Everyone in the ${roleLabels[role]} role is asked to read it.`) })}>
          Assign to role
        </Button>
      </div>
      <div className="filter-row">
        <SelectField
          label="Person"
          name="userId"
          value={chosen}
          options={people.length ? people : [{ value: '', label: 'Everyone is already named' }]}
          hint="For someone who must read it whatever their role, such as a new starter or a contractor."
          onChange={(event) => setUserId(event.target.value)}
        />
        <Button
          isBusy={assign.isPending && assign.variables?.body.userId !== undefined}
          busyText="Assigning…"
          disabled={!chosen}
          onClick={() => {
            const name = members.data?.items.find((m) => m.userId === chosen)?.name ?? 'They';
            assign.mutate({ id: doc.id, body: { userId: chosen } }, { onSuccess: () => onDone(`${name} is asked to read it.`) });
          }}
        >
          Assign to person
        </Button>
      </div>
    </>
  );
}

/** Who must read the document: roles and named people, each removable by those who may assign. */
export function AssignPanel({ doc, canAssign }: { doc: DocumentDetail; canAssign: boolean }) {
  const { unassign } = useDocumentChanges();
  const [message, setMessage] = useState('');
  return (
    <section className="panel" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Who must read it</h2>
      <FormAlert error={unassign.error} />
      <StatusMessage>{message || null}</StatusMessage>
      {doc.assignments.length === 0 ? <p>Nobody is asked to acknowledge this document yet.</p> : null}
      <ul aria-label="Asked to read it">
        {doc.assignments.map((a) => (
          <li key={a.id}>
            {whoOf(a)}{' '}
            {canAssign ? (
              <Button
                variant="secondary"
                aria-label={`Remove ${whoOf(a)}`}
                isBusy={unassign.isPending && unassign.variables?.assignmentId === a.id}
                busyText="Removing…"
                onClick={() => unassign.mutate({ id: doc.id, assignmentId: a.id }, { onSuccess: () => setMessage(`${whoOf(a)} is no longer asked to read it.`) })}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canAssign ? <AssignForms doc={doc} onDone={setMessage} /> : null}
    </section>
  );
}
