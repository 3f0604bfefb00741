import { useState } from 'react';
import { nonconformityDetail, type CorrectiveAction } from '@custodian/shared/contracts/nonconformities.ts';
import { Button } from '../../components/button.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { conflictCurrent, conflictRows, isEditConflict, type ConflictFields } from '../../lib/edit-conflict.ts';
import { formatDate } from '../../lib/format.ts';
import { useNcChanges } from './audits-api.ts';

interface ActionValues {
  description: string;
  owner: string;
  dueOn: string;
  isCompleted: boolean;
}

const valuesOf = (action: CorrectiveAction): ActionValues => ({ description: action.description, owner: action.ownerName ?? '', dueOn: action.dueOn, isCompleted: action.completedOn !== null });

const actionFields: ConflictFields<ActionValues> = {
  description: { label: 'Corrective action', format: (value) => value },
  owner: { label: 'Action owner', format: (value) => value || 'No owner' },
  dueOn: { label: 'Due', format: formatDate },
  isCompleted: { label: 'Complete', format: (value) => (value ? 'Yes' : 'No') },
};

/**
 * One corrective action with its "Mark complete" button. Completing sends the version of the action as
 * the person first read it on this page: when someone else changed it meanwhile, nothing is completed
 * and a notice shows what they changed, to complete the latest version or leave it.
 */
export function NcActionItem({ ncId, action, canComplete }: { ncId: string; action: CorrectiveAction; canComplete: boolean }) {
  const { updateAction } = useNcChanges();
  const [read, setRead] = useState(action);
  const [conflict, setConflict] = useState<{ base: CorrectiveAction; current: CorrectiveAction } | null>(null);
  const [notice, setNotice] = useState('');
  const error = conflict && isEditConflict(updateAction.error) ? null : updateAction.error;

  function complete(version: number): void {
    setNotice('');
    updateAction.mutate(
      { id: ncId, actionId: action.id, body: { version, isCompleted: true } },
      {
        onSuccess: (nc) => {
          setConflict(null);
          const saved = nc.actions.find((item) => item.id === action.id);
          if (saved) setRead(saved);
        },
        onError: (failure) => {
          const current = conflictCurrent(failure, nonconformityDetail)?.actions.find((item) => item.id === action.id);
          if (!current) return;
          setConflict({ base: conflict?.base ?? read, current });
          setRead(current);
        },
      },
    );
  }

  function leave(current: CorrectiveAction): void {
    setConflict(null);
    updateAction.reset();
    setNotice(current.completedOn ? 'It was already marked complete.' : 'Not marked complete. The action shows the latest version.');
  }

  return (
    <li>
      {action.description} — {action.ownerName ?? 'no owner'}, due {formatDate(action.dueOn)}
      {action.completedOn ? ` — completed ${formatDate(action.completedOn)}` : action.isOverdue ? ' — overdue' : ''}{' '}
      {canComplete && !action.completedOn && !conflict ? (
        <Button variant="secondary" isBusy={updateAction.isPending} busyText="Saving…" onClick={() => complete(read.version)}>
          Mark complete<span className="sr-only">: {action.description}</span>
        </Button>
      ) : null}
      <FormAlert error={error} />
      <StatusMessage>{notice || null}</StatusMessage>
      {conflict ? (
        <EditConflictNotice
          subject="this corrective action"
          conflictKey={conflict.current.version}
          rows={conflictRows(actionFields, { original: valuesOf(conflict.base), mine: { ...valuesOf(conflict.base), isCompleted: true }, current: valuesOf(conflict.current) })}
          isApplying={updateAction.isPending}
          onApply={() => (conflict.current.completedOn ? leave(conflict.current) : complete(conflict.current.version))}
          onDiscard={() => leave(conflict.current)}
        />
      ) : null}
    </li>
  );
}
