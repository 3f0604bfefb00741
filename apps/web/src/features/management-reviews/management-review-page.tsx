import { useState } from 'react';
import { managementReviewsApi, reviewStatusLabels, type ManagementReviewDetail } from '@custodian/shared/contracts/management-reviews.ts';
import { urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { Link, navigate } from '../../router.tsx';
import { todayInZone } from '../risks/risk-form-values.ts';
import { useMembers } from '../members/members-api.ts';
import { DecisionsEditor } from './decisions-editor.tsx';
import { useManagementReview, useManagementReviewChanges } from './management-reviews-api.ts';
import { ReviewActionsPanel } from './review-actions-panel.tsx';
import { ReviewDetailsPanel } from './review-details-form.tsx';
import { ReviewInputCard } from './review-input-card.tsx';

const tones = { planned: 'neutral', held: 'warning', approved: 'success' } as const;

/** The steps of the meeting: read the inputs again, record it as held, approve the minutes (an owner). */
function MeetingSteps({ review, timeZone, isOwner }: { review: ManagementReviewDetail; timeZone?: string | undefined; isOwner: boolean }) {
  const [heldOn, setHeldOn] = useState(todayInZone(timeZone));
  const [isDeleting, setIsDeleting] = useState(false);
  const { refreshInputs, hold, approve, remove } = useManagementReviewChanges();
  const error = refreshInputs.error ?? hold.error ?? approve.error ?? remove.error;
  return (
    <section className="panel" aria-labelledby="steps-heading">
      <h2 id="steps-heading">The meeting</h2>
      <FormAlert error={error} />
      {review.status === 'planned' ? (
        <>
          <p>
            The inputs below are read from your records. Read them again just before the meeting; when it has been held, record the day: the inputs are then
            frozen as they were.
          </p>
          <div className="form-actions">
            <Button
              variant="secondary"
              isBusy={refreshInputs.isPending}
              busyText="Reading…"
              onClick={() => refreshInputs.mutate({ id: review.id, version: review.version })}
            >
              Read the inputs again
            </Button>
          </div>
          <TextField label="Held on" type="date" value={heldOn} onChange={(event) => setHeldOn(event.target.value)} />
          <div className="form-actions">
            <Button isBusy={hold.isPending} busyText="Saving…" onClick={() => hold.mutate({ id: review.id, version: review.version, heldOn })}>
              Record the meeting as held
            </Button>
            <Button variant="secondary" onClick={() => setIsDeleting(true)}>
              Delete this planned review
            </Button>
          </div>
          <ConfirmDialog
            isOpen={isDeleting}
            title={`Delete “${review.title}”?`}
            confirmLabel="Delete review"
            isDanger
            isBusy={remove.isPending}
            onCancel={() => setIsDeleting(false)}
            onConfirm={() => remove.mutate(review.id, { onSuccess: () => navigate('/management-reviews'), onError: () => setIsDeleting(false) })}
          >
            <p>The planned review, its inputs, notes and actions are deleted. The audit trail keeps a record.</p>
          </ConfirmDialog>
        </>
      ) : null}
      {review.status === 'held' ? (
        isOwner ? (
          <Button isBusy={approve.isPending} busyText="Approving…" onClick={() => approve.mutate({ id: review.id, version: review.version })}>
            Approve the minutes
          </Button>
        ) : (
          <p>An owner of the organisation approves the minutes.</p>
        )
      ) : null}
      {review.status === 'approved' ? <p>The minutes were approved; the actions are still followed up below.</p> : null}
    </section>
  );
}

/** One management review: the meeting's steps, its inputs with notes, decisions, actions and minutes. */
export function ManagementReviewPage({ id }: { id: string }) {
  const session = useSignedInSession();
  const canWrite = useCan('management_reviews.write');
  const members = useMembers({ sort: 'name', limit: 200 }).data?.items ?? [];
  const query = useManagementReview(id);
  const timeZone = session.organisation?.timeZone;
  if (query.isPending) return <Loading label="Loading the review…" />;
  if (query.isError) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  const review = query.data;
  const isOpen = review.status !== 'approved';
  return (
    <>
      <p>
        <Link to="/management-reviews">← Back to management reviews</Link>
      </p>
      <PageHeader title={review.title} intro={<Tag tone={tones[review.status]}>{reviewStatusLabels[review.status]}</Tag>} />
      <DetailsList>
        <DetailRow term="Planned for">{formatDate(review.plannedOn)}</DetailRow>
        <DetailRow term="Held on">{formatDate(review.heldOn) || 'Not yet'}</DetailRow>
        <DetailRow term="Chair">{review.chair?.name ?? '—'}</DetailRow>
        <DetailRow term="Attendees">{review.attendees.map((person) => person.name).join(', ') || '—'}</DetailRow>
        {review.approvedAt ? (
          <DetailRow term="Minutes approved">{`${formatDateTime(review.approvedAt, timeZone)} by ${review.approvedByName ?? 'an owner'}`}</DetailRow>
        ) : null}
      </DetailsList>
      {canWrite && review.status === 'planned' ? <ReviewDetailsPanel review={review} members={members} /> : null}
      <p>
        <a className="button button-secondary" href={urlOf(managementReviewsApi.minutesDocx, { params: { id: review.id } })} download>
          Download the minutes (Word)
        </a>{' '}
        <a className="button button-secondary" href={urlOf(managementReviewsApi.minutesPdf, { params: { id: review.id } })} download>
          Download the minutes (PDF)
        </a>
      </p>
      {canWrite ? <MeetingSteps review={review} timeZone={timeZone} isOwner={session.organisation?.role === 'owner'} /> : null}
      <section aria-labelledby="inputs-heading">
        <h2 id="inputs-heading">What the meeting considers</h2>
        {review.inputs.map((input) => (
          <ReviewInputCard key={`${review.id}-${input.key}`} reviewId={review.id} input={input} canEdit={canWrite && isOpen} timeZone={timeZone} />
        ))}
      </section>
      <section className="panel" aria-labelledby="decisions-heading">
        <h2 id="decisions-heading">Decisions</h2>
        {canWrite && isOpen ? (
          <DecisionsEditor key={review.id} review={review} />
        ) : (
          <p className="pre-wrap">{review.decisions || 'No decisions recorded.'}</p>
        )}
      </section>
      <ReviewActionsPanel review={review} members={members} canWrite={canWrite} />
    </>
  );
}
