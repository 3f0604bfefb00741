import type { AuditEventDto, AuditVerifyReply } from '@custodian/shared/contracts/audit-log.ts';

/** The before and after of one audit event, folded away until asked for. */
export function Change({ event }: { event: AuditEventDto }) {
  if (event.before === null && event.after === null) return <span className="muted">—</span>;
  return (
    <details className="change-details">
      <summary>Show change</summary>
      {event.before !== null && event.before !== undefined ? (
        <>
          <p className="change-label">Before</p>
          <pre>{JSON.stringify(event.before, null, 2)}</pre>
        </>
      ) : null}
      {event.after !== null && event.after !== undefined ? (
        <>
          <p className="change-label">After</p>
          <pre>{JSON.stringify(event.after, null, 2)}</pre>
        </>
      ) : null}
    </details>
  );
}

/** The result of checking the audit trail's hash chain. */
export function VerifyResult({ result }: { result: AuditVerifyReply }) {
  if (result.isValid) {
    return <p className="alert-title">The audit trail is intact: all {result.checked} events were checked and none has been altered or removed.</p>;
  }
  return (
    <>
      <p className="alert-title">
        Problems found: {result.problems.length} of {result.checked} events do not match the chain.
      </p>
      <ul>
        {result.problems.map((problem) => (
          <li key={`${problem.seq}-${problem.problem}`}>
            Event {problem.seq}: {problem.problem}
          </li>
        ))}
      </ul>
    </>
  );
}
