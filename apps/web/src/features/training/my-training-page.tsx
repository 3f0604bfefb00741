import { useState } from 'react';
import type { MyTraining } from '@custodian/shared/contracts/training.ts';
import { trainingFrequencyLabels, trainingStatusLabels } from '@custodian/shared/domain/training-status.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { useMyTraining, useTrainingChanges } from './training-api.ts';

const tones = { complete: 'success', due: 'neutral', overdue: 'danger' } as const;

/** One item: its content as paragraphs (plain text, never HTML) or its link, and the completion form. */
function TrainingCard({ item, today }: { item: MyTraining; today: string }) {
  const [completedOn, setCompletedOn] = useState(today);
  const [evidenceNote, setEvidenceNote] = useState('');
  const { completeMine } = useTrainingChanges();
  const headingId = `training-${item.itemId}`;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {item.title} <Tag tone={tones[item.status]}>{trainingStatusLabels[item.status]}</Tag>
      </h2>
      <p>
        {trainingFrequencyLabels[item.frequency]}. {item.dueOn ? `${item.status === 'complete' ? 'Next due' : 'Due by'} ${formatDate(item.dueOn)}.` : ''}
        {item.lastCompletedOn ? ` Last completed ${formatDate(item.lastCompletedOn)}.` : ''}
      </p>
      {item.kind === 'link' && item.url ? (
        <p>
          <a href={item.url} target="_blank" rel="noopener noreferrer">
            Open the training (external site)
          </a>
        </p>
      ) : (
        item.content
          .split(/\n\s*\n/)
          .filter((p) => p.trim() !== '')
          .map((p, i) => <p key={i}>{p}</p>)
      )}
      {item.status === 'complete' ? null : (
        <form
          className="form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            completeMine.mutate({ id: item.itemId, body: { completedOn, evidenceNote } });
          }}
        >
          <FormAlert error={completeMine.error} fieldNames={['completedOn', 'evidenceNote']} />
          <TextField label="Day I completed it" name="completedOn" type="date" max={today} value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />
          <TextField label="Evidence (optional)" name="evidenceNote" hint="A certificate number or where the record is kept." value={evidenceNote} onChange={(e) => setEvidenceNote(e.target.value)} />
          <Button type="submit" isBusy={completeMine.isPending} busyText="Saving…">
            Mark “{item.title}” complete
          </Button>
        </form>
      )}
    </section>
  );
}

/** A person's own training: what is assigned to them, when it is due, and marking it complete. */
export function MyTrainingPage() {
  const mine = useMyTraining();
  if (mine.isPending) return <Loading />;
  if (mine.isError) return <LoadError error={mine.error} onRetry={() => void mine.refetch()} />;
  return (
    <>
      <PageHeader title="My training" intro={<p>Training assigned to you. Read or follow each one, then mark it complete with the day you did it.</p>} />
      {mine.data.items.length === 0 ? <p>No training is assigned to you at the moment.</p> : null}
      {mine.data.items.map((item) => (
        <TrainingCard key={item.itemId} item={item} today={mine.data.today} />
      ))}
    </>
  );
}
