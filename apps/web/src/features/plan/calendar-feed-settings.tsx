import { useState } from 'react';
import { Button } from '../../components/button.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useCalendarFeed } from './plan-api.ts';

/** The person's calendar feed: make an address (shown once, to copy), make a new one, or stop it. */
export function CalendarFeedSettings({ timeZone }: { timeZone?: string | undefined }) {
  const { status, issue, revoke } = useCalendarFeed();
  const [isCopied, setIsCopied] = useState(false);
  const url = issue.data?.url;
  const copy = () => {
    if (url) void navigator.clipboard?.writeText(url).then(() => setIsCopied(true));
  };
  return (
    <section className="panel" aria-labelledby="feed-heading">
      <h2 id="feed-heading">Calendar feed</h2>
      <p>
        Subscribe to your dates (plan milestones, policy and risk reviews, training, internal audits, management reviews, corrective actions, certification audits and evidence renewals) in Outlook, Google Calendar or Apple Calendar. The address is secret: anyone with it
        can read the feed. Make a new one if it was shared by mistake.
      </p>
      <FormAlert error={issue.error ?? revoke.error} fieldNames={[]} />
      {url ? (
        <div className="form">
          <label htmlFor="feed-url">Your feed address (shown only now)</label>
          <input id="feed-url" className="input" readOnly value={url} onFocus={(event) => event.target.select()} data-testid="feed-url" />
          <Button variant="secondary" onClick={copy}>
            {isCopied ? 'Copied' : 'Copy address'}
          </Button>
        </div>
      ) : status.data?.isIssued ? (
        <p>
          You have a feed, made {formatDateTime(status.data.issuedAt, timeZone)} (address starting {status.data.hint}). Its address is not shown again: make a new one to see it.
        </p>
      ) : (
        <p>You have no calendar feed.</p>
      )}
      <div className="form-actions">
        <Button isBusy={issue.isPending} busyText="Making…" onClick={() => issue.mutate()}>
          {status.data?.isIssued ? 'Make a new address' : 'Make a feed address'}
        </Button>
        {status.data?.isIssued ? (
          <Button variant="secondary" isBusy={revoke.isPending} busyText="Stopping…" onClick={() => revoke.mutate(undefined, { onSuccess: () => issue.reset() })}>
            Stop the feed
          </Button>
        ) : null}
      </div>
    </section>
  );
}
