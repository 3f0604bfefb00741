import { useState, type FormEvent } from 'react';
import { scopeStatement, updateScopeStatementBody, type ScopeStatement } from '@custodian/shared/contracts/scope.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { EditConflictNotice } from '../../components/edit-conflict.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { conflictCurrent, conflictRows, isEditConflict } from '../../lib/edit-conflict.ts';
import { fieldErrorsOf, validateWith } from '../../lib/form-errors.ts';
import { formatDate } from '../../lib/format.ts';
import { useScopeStatementChanges } from './scope-api.ts';

const labels = { summary: 'Summary', note: 'Note' };

/** The statement's document control: revision, last change, approval, and the approval itself for managers. */
export function ScopeStatementStatus({ statement }: { statement: ScopeStatement }) {
  const session = useSignedInSession();
  const timeZone = session.organisation?.timeZone;
  const isManager = session.organisation?.role === 'owner' || session.organisation?.role === 'isms_manager';
  const { approve } = useScopeStatementChanges();
  const [note, setNote] = useState('');
  const [message, setMessage] = useState('');
  const approval =
    statement.approvedRevision === null ? (
      <Tag tone="warning">Not approved yet</Tag>
    ) : (
      <>
        <Tag tone={statement.isApproved ? 'success' : 'warning'}>{statement.isApproved ? 'Approved' : 'Changed since approval'}</Tag>{' '}
        {`Revision ${statement.approvedRevision} approved by ${statement.approvedByName ?? 'a former member'} on ${formatDate(statement.approvedAt, timeZone)}`}
        {statement.approvalNote ? ` (“${statement.approvalNote}”)` : ''}
      </>
    );
  function handleApprove(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setMessage('');
    approve.mutate(
      { revision: statement.revision, note },
      {
        onSuccess: (saved) => {
          setNote('');
          setMessage(`Revision ${saved.approvedRevision ?? ''} of the scope statement is approved.`);
        },
      },
    );
  }
  const isStale = isEditConflict(approve.error);
  return (
    <>
      <DetailsList>
        <DetailRow term="Version">{statement.revision === 0 ? 'Draft: nothing recorded yet' : `Revision ${statement.revision}`}</DetailRow>
        <DetailRow term="Last changed">{statement.changedAt ? `${formatDate(statement.changedAt, timeZone)} by ${statement.changedByName ?? 'a former member'}` : 'Never'}</DetailRow>
        <DetailRow term="Approval">{approval}</DetailRow>
      </DetailsList>
      <StatusMessage>{message || null}</StatusMessage>
      {isManager && statement.revision > 0 && !statement.isApproved ? (
        <form onSubmit={handleApprove} noValidate className="form">
          {isStale ? (
            <p className="alert alert-warning">The scope changed while you were reading it. Check the latest revision below, then approve again.</p>
          ) : (
            <FormAlert error={approve.error} fieldNames={['note']} />
          )}
          <TextAreaField label="Approval note (optional)" name="note" rows={2} value={note} hint="For example, where it was approved: “Management review, December”." onChange={(event) => setNote(event.target.value)} />
          <div className="form-actions">
            <Button type="submit" isBusy={approve.isPending} busyText="Approving…">
              Approve revision {statement.revision}
            </Button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/** The summary at the top of the scope statement; a stale save keeps what was typed and compares. */
export function ScopeSummaryForm({ statement, canWrite }: { statement: ScopeStatement; canWrite: boolean }) {
  const [loaded, setLoaded] = useState(statement);
  const [base, setBase] = useState<ScopeStatement | null>(null);
  const [summary, setSummary] = useState(statement.summary);
  const [localError, setLocalError] = useState<unknown>(null);
  const [message, setMessage] = useState('');
  const { save } = useScopeStatementChanges();
  const error = localError ?? (base && isEditConflict(save.error) ? null : save.error);
  const errors = fieldErrorsOf(error, labels);
  const [seen, setSeen] = useState(statement);
  // A newer statement (an approval, a change elsewhere) replaces what was loaded while nothing is typed.
  if (statement !== seen) {
    setSeen(statement);
    if (summary === loaded.summary && base === null && statement.version !== loaded.version) {
      setLoaded(statement);
      setSummary(statement.summary);
    }
  }
  if (!canWrite) return <p className="pre-wrap">{statement.summary || 'No summary has been written yet.'}</p>;

  function submit(version: number): void {
    const body = { version, summary };
    const invalid = validateWith(updateScopeStatementBody, body);
    setLocalError(invalid);
    setMessage('');
    if (invalid) return;
    save.mutate(body, {
      onSuccess: (saved) => {
        setLoaded(saved);
        setBase(null);
        setMessage('Summary saved.');
      },
      onError: (failure) => {
        const current = conflictCurrent(failure, scopeStatement);
        if (!current) return;
        setBase((previous) => previous ?? loaded);
        setLoaded(current);
      },
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (summary === loaded.summary) {
      setMessage('There are no changes to save.');
      return;
    }
    submit(loaded.version);
  }

  return (
    <>
      {base ? (
        <EditConflictNotice
          subject="the scope summary"
          conflictKey={loaded.version}
          rows={conflictRows({ summary: { label: 'Summary', format: (value: string) => value || 'Nothing written' } }, { original: { summary: base.summary }, mine: { summary }, current: { summary: loaded.summary } })}
          isApplying={save.isPending}
          onApply={() => submit(loaded.version)}
          onDiscard={() => {
            setSummary(loaded.summary);
            setBase(null);
            save.reset();
            setMessage('Your changes were discarded. The form now shows the latest summary.');
          }}
        />
      ) : null}
      <form onSubmit={handleSubmit} noValidate className="form">
        <FormAlert error={error} fieldNames={['summary']} />
        <StatusMessage>{message || null}</StatusMessage>
        <TextAreaField
          label={labels.summary}
          name="summary"
          rows={5}
          value={summary}
          hint="In your own words: what the ISMS covers and why, for example “All clinical and administrative services of the practice at its two sites, and the systems that support them.”"
          onChange={(event) => setSummary(event.target.value)}
          error={errors.summary}
        />
        <div className="form-actions">
          <Button type="submit" isBusy={save.isPending && !base} busyText="Saving…">
            Save summary
          </Button>
        </div>
      </form>
    </>
  );
}
