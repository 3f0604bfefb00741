import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { quotesApi, type Engagement } from '@custodian/shared/contracts/quotes.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import { call } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { SelectField, TextAreaField } from '../../components/field.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Loading, LoadError } from '../../components/query-state.tsx';
import { formatDate } from '../../lib/format.ts';

const ratingOptions = [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${n} out of 5` }));

function ReviewForm({ engagement }: { engagement: Engagement }) {
  const queryClient = useQueryClient();
  const [rating, setRating] = useState('5');
  const [body, setBody] = useState('');
  const review = useMutation({
    mutationFn: () => call(quotesApi.review, { params: { engagementId: engagement.id }, body: { rating: Number(rating), body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['engagements'] }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    review.mutate();
  };
  if (review.isSuccess) return <StatusMessage>Thank you. Your review is published once the marketplace has checked it.</StatusMessage>;
  return (
    <form onSubmit={onSubmit} aria-label={`Review ${engagement.providerName}`}>
      <FormAlert error={review.error} fieldNames={['rating', 'body']} />
      <SelectField label="Rating" value={rating} options={ratingOptions} onChange={(event) => setRating(event.target.value)} />
      <TextAreaField label="Your review" value={body} maxLength={3000} onChange={(event) => setBody(event.target.value)} hint="Shown on the provider's profile without your organisation's name." />
      <Button type="submit" isBusy={review.isPending} busyText="Sending…" disabled={body.trim() === ''}>
        Send review
      </Button>
    </form>
  );
}

/** The providers the organisation engaged through the marketplace: who, what, when, value; and a review of each. */
export function EngagementsPage() {
  const session = useSignedInSession();
  const canReview = useCan('marketplace.request');
  const engagements = useQuery({ queryKey: ['engagements'], queryFn: () => call(quotesApi.engagements) });
  return (
    <>
      <PageHeader title="Engagements" intro={<p>Providers your organisation engaged by accepting a quote in the marketplace.</p>} />
      {engagements.isPending ? <Loading label="Loading engagements…" /> : null}
      {engagements.isError ? <LoadError error={engagements.error} onRetry={() => void engagements.refetch()} /> : null}
      {engagements.data && engagements.data.items.length === 0 ? <p>No engagements yet. Accept a quote from the comparison of a request to engage a provider.</p> : null}
      {engagements.data?.items.map((engagement) => (
        <article key={engagement.id} className="card">
          <h2>{engagement.providerName}</h2>
          <p>{engagement.summary}</p>
          <p>
            Engaged {formatDate(engagement.engagedAt, session.organisation?.timeZone)} · value {formatAud(engagement.valueCents)}
          </p>
          {engagement.hasReview ? <p>You have reviewed this provider.</p> : canReview ? <ReviewForm engagement={engagement} /> : null}
        </article>
      ))}
    </>
  );
}
