import type { ReactNode } from 'react';
import type { SentInvitation } from '@custodian/shared/contracts/org.ts';
import { Link } from '../../router.tsx';

/**
 * What to say once an invitation is saved: "sent" only when an e-mail really goes out; without a mail
 * server, plainly that nothing was sent and where the link is (the Outbox page, for those who may see it).
 */
export function sentMessage(sent: SentInvitation, canReadOutbox: boolean): ReactNode {
  if (sent.delivery === 'email') return `Invitation sent to ${sent.email}.`;
  return (
    <>
      No e-mail was sent to {sent.email}: Custodian has no mail server set up. The invitation is saved;{' '}
      {canReadOutbox ? (
        <>
          copy its link from the <Link to="/outbox">Outbox page</Link> and send it to them yourself.
        </>
      ) : (
        'ask an owner to copy its link from the Outbox page and send it to them.'
      )}
    </>
  );
}
