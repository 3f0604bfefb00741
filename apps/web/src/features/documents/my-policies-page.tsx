import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { FormAlert } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { useAcknowledge, useMyPolicies } from './documents-api.ts';
import { PolicyText } from './policy-text.tsx';

/** The staff home: the policies a person is asked to read, each with "I have read and understood it". */
export function MyPoliciesPage() {
  const session = useSignedInSession();
  const policies = useMyPolicies();
  const acknowledge = useAcknowledge();
  const timeZone = session.organisation?.timeZone;
  if (policies.isPending) return <Loading />;
  if (policies.isError) return <LoadError error={policies.error} onRetry={() => void policies.refetch()} />;
  const outstanding = policies.data.items.filter((p) => !p.acknowledgedAt).length;
  return (
    <>
      <PageHeader
        title="My policies"
        intro={<p>{outstanding === 0 ? `You are up to date with ${session.organisation?.name}'s policies.` : `${session.organisation?.name} asks you to read ${outstanding === 1 ? 'one policy' : `${outstanding} policies`} and confirm you have read them.`}</p>}
      />
      <FormAlert error={acknowledge.error} />
      {policies.data.items.length === 0 ? <p>No policies have been assigned to you yet.</p> : null}
      {policies.data.items.map((policy) => (
        <section key={policy.documentId} className="panel" aria-labelledby={`policy-${policy.documentId}`}>
          <h2 id={`policy-${policy.documentId}`}>
            {policy.name} <span className="muted">version {policy.label}</span>
          </h2>
          {policy.acknowledgedAt ? (
            <p>
              <strong>Acknowledged</strong> on {formatDateTime(policy.acknowledgedAt, timeZone)}.
            </p>
          ) : (
            <>
              <details>
                <summary>Read the policy</summary>
                <PolicyText html={policy.html} />
              </details>
              <Button isBusy={acknowledge.isPending && acknowledge.variables?.id === policy.documentId} busyText="Saving…" onClick={() => acknowledge.mutate({ id: policy.documentId, number: policy.number })}>
                I have read and understood “{policy.name}”
              </Button>
            </>
          )}
        </section>
      ))}
    </>
  );
}
