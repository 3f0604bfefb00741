import type { AuditCheck, AuditEventDto, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';
import { auditChanges, auditSentence } from '@custodian/shared/domain/audit-wording.ts';

/** What happened, as a sentence, and every changed field as before → after, in words. */
export function EventSummary({ event }: { event: AuditEventDto }) {
  const changes = auditChanges(event);
  return (
    <>
      <p className="event-sentence">{auditSentence(event)}</p>
      {changes.length > 0 ? (
        <ul className="event-changes">
          {changes.map((change) => (
            <li key={change.field}>
              <span className="change-field">{change.field}:</span> {change.before === null ? change.after : `${change.before} → ${change.after}`}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

const checkWords: Record<AuditCheck, string> = {
  genesis: "the trail does not start with the organisation's creation",
  sequence: 'events are missing',
  chain_link: 'an event is not linked to the one before it',
  mac: 'an event was changed, or was not recorded by Custodian',
  head: 'the end of the trail does not match its record',
  checkpoint: 'the trail does not match a signed checkpoint kept outside the database',
  personal: "a person's name or e-mail address in an event was changed, other than by de-identifying a former member",
};

/** The result of checking the audit trail: intact, or the first problem and the check it failed. */
export function VerifyResult({ result }: { result: AuditVerifyReply }) {
  const against = result.checkpoint ? ` It matches the signed checkpoint of event ${result.checkpoint.seq}.` : ' No signed checkpoint has been written yet.';
  if (result.isValid) {
    return (
      <p className="alert-title">
        The audit trail is intact: all {result.checked} events were checked and none has been altered or removed.{against}
      </p>
    );
  }
  const first = result.firstProblem;
  return (
    <>
      <p className="alert-title">
        The audit trail has been tampered with{first ? `: from event ${first.seq}, ${checkWords[first.check]}` : ''}.
      </p>
      <ul>
        {result.problems.map((problem) => (
          <li key={`${problem.seq}-${problem.check}-${problem.problem}`}>
            Event {problem.seq}: {problem.problem}
          </li>
        ))}
      </ul>
    </>
  );
}
