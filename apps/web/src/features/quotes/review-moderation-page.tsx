import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { quotesApi, type Review } from '@custodian/shared/contracts/quotes.ts';
import { call } from '../../api/client.ts';
import { Button } from '../../components/button.tsx';
import { TextField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading, LoadError } from '../../components/query-state.tsx';
import { formatDate } from '../../lib/format.ts';

function ModerationActions({ review }: { review: Review }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['operator-reviews'] });
  const publish = useMutation({ mutationFn: () => call(quotesApi.publishReview, { params: { reviewId: review.id }, body: { version: review.version } }), onSettled: refresh });
  const reject = useMutation({ mutationFn: () => call(quotesApi.rejectReview, { params: { reviewId: review.id }, body: { version: review.version, note } }), onSettled: refresh });
  return (
    <div>
      <FormAlert error={publish.error ?? reject.error} fieldNames={['note']} />
      <Button isBusy={publish.isPending} busyText="Publishing…" onClick={() => publish.mutate()}>
        Publish
      </Button>
      <TextField label="Why it is rejected (sent to nobody; kept in the trail)" value={note} maxLength={1000} onChange={(event) => setNote(event.target.value)} />
      <Button variant="secondary" isBusy={reject.isPending} busyText="Rejecting…" disabled={note.trim() === ''} onClick={() => reject.mutate()}>
        Reject
      </Button>
    </div>
  );
}

/** The platform operator's queue of reviews waiting to be published or rejected. */
export function ReviewModerationPage() {
  const reviews = useQuery({ queryKey: ['operator-reviews'], queryFn: () => call(quotesApi.operatorReviews, { query: { status: 'pending' } }) });
  return (
    <>
      <PageHeader title="Reviews to moderate" intro={<p>Reviews written by organisations that engaged a provider. Published reviews count in the provider's rating.</p>} />
      {reviews.isPending ? <Loading label="Loading reviews…" /> : null}
      {reviews.isError ? <LoadError error={reviews.error} onRetry={() => void reviews.refetch()} /> : null}
      {reviews.data && reviews.data.items.length === 0 ? <p>No reviews are waiting.</p> : null}
      {reviews.data?.items.map((review) => (
        <article key={review.id} className="card">
          <h2>
            {review.providerName}: {review.rating} out of 5
          </h2>
          <p>{review.body}</p>
          <p>
            {review.reviewerLabel} · written {formatDate(review.createdAt)}
          </p>
          <ModerationActions review={review} />
        </article>
      ))}
    </>
  );
}
