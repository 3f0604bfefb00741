import { useState, type FormEvent } from 'react';
import { planStepLabels, planSteps, type PlanMilestone, type PlanStep, type PlanView } from '@custodian/shared/contracts/plan.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { Link } from '../../router.tsx';
import { CalendarFeedSettings } from './calendar-feed-settings.tsx';
import { usePlanChanges, usePlanView } from './plan-api.ts';
import { ProjectionPanel } from './projection-panel.tsx';

const stateWords = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' } as const;

/** The target Stage 2 date: starts the plan, or moves the date of one already started. */
function TargetDateForm({ view }: { view: PlanView }) {
  const [date, setDate] = useState(view.plan?.targetStage2On ?? '');
  const { start, move } = usePlanChanges();
  const mutation = view.plan ? move : start;
  const errors = fieldErrorsOf(mutation.error, { targetStage2On: 'Stage 2 date' });
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (view.plan) move.mutate({ version: view.plan.version, targetStage2On: date });
    else start.mutate(date);
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <FormAlert error={mutation.error} fieldNames={['targetStage2On']} />
      <TextField label="Target Stage 2 date" type="date" name="targetStage2On" value={date} isRequired onChange={(e) => setDate(e.target.value)} error={errors.targetStage2On} />
      <div className="form-actions">
        <Button type="submit" isBusy={mutation.isPending} busyText="Saving…">
          {view.plan ? 'Change the date' : 'Start the plan'}
        </Button>
      </div>
    </form>
  );
}

/** Adds a milestone to a step. */
function AddMilestoneForm() {
  const [step, setStep] = useState<PlanStep>('scope');
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState('');
  const { addMilestone } = usePlanChanges();
  const errors = fieldErrorsOf(addMilestone.error, { title: 'Milestone', dueOn: 'Due date' });
  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    addMilestone.mutate({ step, title, dueOn }, { onSuccess: () => setTitle('') });
  }
  return (
    <form onSubmit={handleSubmit} noValidate className="form">
      <h3>Add a milestone</h3>
      <FormAlert error={addMilestone.error} fieldNames={['title', 'dueOn']} />
      <SelectField label="Step" name="step" value={step} options={planSteps.map((s) => ({ value: s, label: planStepLabels[s] }))} onChange={(e) => setStep(e.target.value as PlanStep)} />
      <TextField label="Milestone" name="title" value={title} isRequired onChange={(e) => setTitle(e.target.value)} error={errors.title} />
      <TextField label="Due date" type="date" name="dueOn" value={dueOn} isRequired onChange={(e) => setDueOn(e.target.value)} error={errors.dueOn} />
      <div className="form-actions">
        <Button type="submit" isBusy={addMilestone.isPending} busyText="Adding…">
          Add milestone
        </Button>
      </div>
    </form>
  );
}

function MilestoneRow({ milestone, canWrite }: { milestone: PlanMilestone; canWrite: boolean }) {
  const { changeMilestone, removeMilestone } = usePlanChanges();
  const [dueOn, setDueOn] = useState(milestone.dueOn);
  const isBusy = changeMilestone.isPending || removeMilestone.isPending;
  return (
    <tr>
      <th scope="row">{milestone.title}</th>
      <td>{planStepLabels[milestone.step]}</td>
      <td>{milestone.ownerName ?? '—'}</td>
      <td className="nowrap">
        {canWrite && !milestone.completedOn ? (
          <input
            className="input"
            type="date"
            aria-label={`Due date of ${milestone.title}`}
            value={dueOn}
            onChange={(e) => setDueOn(e.target.value)}
            onBlur={() => dueOn && dueOn !== milestone.dueOn && changeMilestone.mutate({ id: milestone.id, body: { version: milestone.version, dueOn } })}
          />
        ) : (
          formatDate(milestone.dueOn)
        )}
      </td>
      <td>{milestone.completedOn ? `Done ${formatDate(milestone.completedOn)}` : milestone.isOverdue ? <Tag tone="danger">Overdue</Tag> : 'Open'}</td>
      {canWrite ? (
        <td className="nowrap">
          <Button variant="secondary" isBusy={isBusy} busyText="Saving…" onClick={() => changeMilestone.mutate({ id: milestone.id, body: { version: milestone.version, isDone: !milestone.completedOn } })}>
            {milestone.completedOn ? 'Reopen' : 'Mark done'} <span className="sr-only">{milestone.title}</span>
          </Button>{' '}
          <Button variant="secondary" isBusy={isBusy} busyText="Deleting…" onClick={() => removeMilestone.mutate(milestone.id)}>
            Delete <span className="sr-only">{milestone.title}</span>
          </Button>
          <FormAlert error={changeMilestone.error ?? removeMilestone.error} fieldNames={[]} />
        </td>
      ) : null}
    </tr>
  );
}

/** The guided path to certification: six steps, milestones, the projected Stage 2 date, and the calendar feed. */
export function PlanPage() {
  const session = useSignedInSession();
  const canRead = useCan('plan.read');
  const canWrite = useCan('plan.write');
  const view = usePlanView(canRead);
  const header = <PageHeader title="Plan to certification" intro="Six steps to the Stage 2 audit, who owns each milestone and when it is due, and when Stage 2 is likely at the pace of work so far." />;
  if (!canRead) return <>{header}<CalendarFeedSettings timeZone={session.organisation?.timeZone} /></>;
  if (view.isPending) return <>{header}<Loading /></>;
  if (view.isError) return <>{header}<LoadError error={view.error} onRetry={() => void view.refetch()} /></>;
  const data = view.data;
  return (
    <>
      {header}
      <ProjectionPanel view={data} />
      {canWrite ? (
        <section className="panel" aria-labelledby="target-heading">
          <h2 id="target-heading">{data.plan ? 'Target Stage 2 date' : 'Start the plan'}</h2>
          {data.plan ? null : <p>Choose when you want the Stage 2 audit: the milestones are set back from that date, and you can change each one.</p>}
          <TargetDateForm view={data} />
        </section>
      ) : null}
      <section className="panel" aria-labelledby="steps-heading">
        <h2 id="steps-heading">The six steps</h2>
        <ol data-testid="plan-steps">
          {data.steps.map((s) => (
            <li key={s.step}>
              <strong>{s.title}</strong> — {stateWords[s.state]}. {s.detail} {s.state === 'done' ? null : <Link to={s.href}>{s.nextAction}</Link>}
            </li>
          ))}
        </ol>
      </section>
      {data.plan ? (
        <section className="panel" aria-labelledby="milestones-heading">
          <h2 id="milestones-heading">Milestones</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Milestone</th>
                <th scope="col">Step</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                {canWrite ? <th scope="col"><span className="sr-only">Actions</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {data.milestones.map((m) => (
                <MilestoneRow key={`${m.id}:${m.version}`} milestone={m} canWrite={canWrite} />
              ))}
            </tbody>
          </table>
          {canWrite ? <AddMilestoneForm /> : null}
        </section>
      ) : null}
      <CalendarFeedSettings timeZone={session.organisation?.timeZone} />
    </>
  );
}
