import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { Message } from '@custodian/shared/contracts/quotes.ts';
import { Button } from '../../components/button.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { Loading, LoadError } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';

interface MessagesPanelProps {
  /** Cache key of this conversation. */
  queryKey: readonly unknown[];
  load: () => Promise<{ items: Message[] }>;
  send: (body: string) => Promise<Message>;
  /** Who the other side is, in words ("the requester", "Southern Cert"). */
  otherSide: string;
  timeZone?: string | undefined;
  canSend: boolean;
}

/** The conversation on one lead, oldest first, and a box to write in: the same panel for both sides. */
export function MessagesPanel({ queryKey, load, send, otherSide, timeZone, canSend }: MessagesPanelProps) {
  const queryClient = useQueryClient();
  const headingId = useId();
  const [draft, setDraft] = useState('');
  const messages = useQuery({ queryKey, queryFn: load });
  const sending = useMutation({
    mutationFn: (body: string) => send(body),
    onSuccess: async () => {
      setDraft('');
      await queryClient.invalidateQueries({ queryKey });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    sending.mutate(draft);
  };
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Messages with {otherSide}</h2>
      {messages.isPending ? <Loading label="Loading messages…" /> : null}
      {messages.isError ? <LoadError error={messages.error} onRetry={() => void messages.refetch()} /> : null}
      {messages.data && messages.data.items.length === 0 ? <p>No messages yet.</p> : null}
      <ol className="message-list">
        {messages.data?.items.map((message) => (
          <li key={message.id} className={message.isMine ? 'message mine' : 'message'}>
            <p className="message-meta">
              <strong>{message.senderLabel}</strong> · {formatDateTime(message.createdAt, timeZone)}
            </p>
            <p className="message-text">{message.body}</p>
          </li>
        ))}
      </ol>
      {canSend ? (
        <form onSubmit={onSubmit}>
          <FormAlert error={sending.error} fieldNames={['body']} />
          <TextAreaField label={`Write to ${otherSide}`} value={draft} maxLength={5000} onChange={(event) => setDraft(event.target.value)} hint="Up to 5,000 characters. They are told by e-mail." />
          <Button type="submit" isBusy={sending.isPending} busyText="Sending…" disabled={draft.trim() === ''}>
            Send message
          </Button>
        </form>
      ) : null}
    </section>
  );
}
