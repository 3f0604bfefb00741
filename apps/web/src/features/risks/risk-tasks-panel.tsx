import { useState, type FormEvent } from 'react';
import type { RiskTask } from '@custodian/shared/contracts/risks.ts';
import { taskStatuses, taskStatusLabels, type TaskStatus } from '@custodian/shared/contracts/risk-vocabulary.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField, type SelectOption } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { useCatalogue } from '../catalogue/catalogue-api.ts';
import { useRiskTasks, useTaskChanges } from './risks-api.ts';

const taskLabels = { title: 'Task', ownerUserId: 'Owner', dueOn: 'Due date', status: 'Status', controlIds: 'Annex A controls' };

function AddTaskForm({ riskId, ownerOptions }: { riskId: string; ownerOptions: SelectOption[] }) {
  const catalogue = useCatalogue();
  const { add } = useTaskChanges(riskId);
  const [title, setTitle] = useState('');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [controlIds, setControlIds] = useState<string[]>([]);
  const [picked, setPicked] = useState('');
  const controls = (catalogue.data?.items ?? []).filter((item) => item.kind === 'control');
  const errors = fieldErrorsOf(add.error, taskLabels);
  const labelOf = (id: string) => {
    const item = controls.find((control) => control.id === id);
    return item ? `${item.ref} ${item.title}` : id;
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    add.mutate(
      { title, ownerUserId: ownerUserId || null, dueOn: dueOn || null, controlIds },
      {
        onSuccess: () => {
          setTitle('');
          setDueOn('');
          setControlIds([]);
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <h3>Add a treatment task</h3>
      <FormAlert error={add.error} fieldNames={Object.keys(taskLabels)} />
      <TextField label={taskLabels.title} name="taskTitle" value={title} isRequired onChange={(event) => setTitle(event.target.value)} error={errors.title} />
      <SelectField label={taskLabels.ownerUserId} name="taskOwner" value={ownerUserId} options={ownerOptions} onChange={(event) => setOwnerUserId(event.target.value)} error={errors.ownerUserId} />
      <TextField label={taskLabels.dueOn} name="taskDue" type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} error={errors.dueOn} />
      <div className="control-picker">
        <SelectField
          label="Annex A control it implements"
          name="taskControl"
          value={picked}
          options={[{ value: '', label: 'Choose a control…' }, ...controls.filter((c) => !controlIds.includes(c.id)).map((c) => ({ value: c.id, label: `${c.ref} ${c.title}` }))]}
          onChange={(event) => setPicked(event.target.value)}
          error={errors.controlIds}
        />
        <Button
          variant="secondary"
          disabled={!picked}
          onClick={() => {
            setControlIds((ids) => [...ids, picked]);
            setPicked('');
          }}
        >
          Add control
        </Button>
      </div>
      {controlIds.length > 0 ? (
        <ul className="chosen-controls">
          {controlIds.map((id) => (
            <li key={id}>
              {labelOf(id)}{' '}
              <Button variant="secondary" onClick={() => setControlIds((ids) => ids.filter((other) => other !== id))}>
                Remove <span className="sr-only">{labelOf(id)}</span>
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="form-actions">
        <Button type="submit" isBusy={add.isPending} busyText="Adding…">
          Add task
        </Button>
      </div>
    </form>
  );
}

/** Who does a task and by when, changed in place (a task from the threat library starts without either). */
function TaskPlanForm({ task, riskId, ownerOptions }: { task: RiskTask; riskId: string; ownerOptions: SelectOption[] }) {
  const { update } = useTaskChanges(riskId);
  const [ownerUserId, setOwnerUserId] = useState(task.ownerUserId ?? '');
  const [dueOn, setDueOn] = useState(task.dueOn ?? '');
  const errors = fieldErrorsOf(update.error, taskLabels);
  const options = task.ownerUserId && !ownerOptions.some((option) => option.value === task.ownerUserId) ? [...ownerOptions, { value: task.ownerUserId, label: task.ownerName ?? 'Former member' }] : ownerOptions;
  const isChanged = ownerUserId !== (task.ownerUserId ?? '') || dueOn !== (task.dueOn ?? '');

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    update.mutate({ taskId: task.id, body: { version: task.version, ownerUserId: ownerUserId || null, dueOn: dueOn || null } });
  }

  return (
    <form onSubmit={handleSubmit} noValidate className="task-actions" aria-label={`Owner and due date of “${task.title}”`}>
      <SelectField label={taskLabels.ownerUserId} name={`owner-${task.id}`} value={ownerUserId} options={options} onChange={(event) => setOwnerUserId(event.target.value)} error={errors.ownerUserId} />
      <TextField label={taskLabels.dueOn} name={`due-${task.id}`} type="date" value={dueOn} onChange={(event) => setDueOn(event.target.value)} error={errors.dueOn} />
      <Button type="submit" variant="secondary" disabled={!isChanged} isBusy={update.isPending} busyText="Saving…">
        Save owner and due date <span className="sr-only">of {task.title}</span>
      </Button>
    </form>
  );
}

function TaskRow({ task, riskId, canWrite, ownerOptions }: { task: RiskTask; riskId: string; canWrite: boolean; ownerOptions: SelectOption[] }) {
  const { update, remove } = useTaskChanges(riskId);
  return (
    <li className="task">
      <p className="task-title">
        <strong>{task.title}</strong> — {taskStatusLabels[task.status]}
        {task.isOverdue ? (
          <>
            {' '}
            <Tag tone="danger">Overdue</Tag>
          </>
        ) : null}
      </p>
      <p className="muted">
        {task.ownerName ?? 'No owner'} · {task.dueOn ? `due ${formatDate(task.dueOn)}` : 'no due date'}
      </p>
      {task.controls.length > 0 ? (
        <ul className="task-controls">
          {task.controls.map((control) => (
            <li key={control.id}>
              <Link to={`/gap/${encodeURIComponent(control.id)}`}>
                {control.ref} {control.title}
              </Link>{' '}
              <Tag tone={control.gapStatus === 'implemented' ? 'success' : control.gapStatus === 'partial' ? 'warning' : 'neutral'}>{`Gap analysis: ${control.gapStatusLabel}`}</Tag>
            </li>
          ))}
        </ul>
      ) : null}
      {canWrite ? (
        <div className="task-actions">
          <FormAlert error={update.error ?? remove.error} />
          <SelectField
            label="Status"
            name={`status-${task.id}`}
            value={task.status}
            options={taskStatuses.map((status) => ({ value: status, label: taskStatusLabels[status] }))}
            onChange={(event) => update.mutate({ taskId: task.id, body: { version: task.version, status: event.target.value as TaskStatus } })}
          />
          <Button variant="secondary" isBusy={remove.isPending} busyText="Removing…" onClick={() => remove.mutate(task.id)}>
            Remove task <span className="sr-only">{task.title}</span>
          </Button>
        </div>
      ) : null}
      {canWrite ? <TaskPlanForm key={`${task.id}-${task.version}`} task={task} riskId={riskId} ownerOptions={ownerOptions} /> : null}
    </li>
  );
}

/** Treatment tasks, each with the Annex A controls it implements and their gap-analysis status. */
export function RiskTasksPanel({ riskId, canWrite, ownerOptions }: { riskId: string; canWrite: boolean; ownerOptions: SelectOption[] }) {
  const tasks = useRiskTasks(riskId);
  return (
    <section className="panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Treatment plan</h2>
      {tasks.isPending ? <Loading label="Loading the tasks…" /> : null}
      {tasks.isError ? <LoadError error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
      {tasks.data && tasks.data.items.length === 0 ? <p className="muted">No treatment tasks yet.</p> : null}
      {tasks.data && tasks.data.items.length > 0 ? (
        <ul className="tasks">
          {tasks.data.items.map((task) => (
            <TaskRow key={task.id} task={task} riskId={riskId} canWrite={canWrite} ownerOptions={ownerOptions} />
          ))}
        </ul>
      ) : null}
      {canWrite ? <AddTaskForm riskId={riskId} ownerOptions={ownerOptions} /> : null}
    </section>
  );
}
