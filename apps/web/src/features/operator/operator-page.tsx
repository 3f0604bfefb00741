import { useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { operatorApi, type OperatorClaim, type OperatorProvider } from '@custodian/shared/contracts/operator.ts';
import { verificationStateLabels } from '@custodian/shared/contracts/provider-fields.ts';
import { call, urlOf } from '../../api/client.ts';
import { useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DataTable, type DataColumn } from '../../components/data-table.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { SelectField, TextField } from '../../components/field.tsx';
import { fieldErrorsOf } from '../../lib/form-errors.ts';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { Link } from '../../router.tsx';
import { kindWord } from '../directory/provider-words.ts';
import { HealthPanel } from './health-panel.tsx';

const key = ['operator', 'providers'];

interface Actions {
  verify: (p: OperatorProvider, c: OperatorClaim) => void;
  revoke: (p: OperatorProvider, c: OperatorClaim) => void;
  suspend: (p: OperatorProvider) => void;
  reinstate: (p: OperatorProvider) => void;
}

function columns(actions: Actions): Array<DataColumn<OperatorProvider>> {
  return [
    {
      key: 'name',
      header: 'Provider',
      isRowHeader: true,
      cell: (p) => (
        <>
          {p.isPublished && !p.suspendedAt ? <Link to={`/providers/${p.slug}`}>{p.displayName}</Link> : p.displayName} <span className="field-hint">({kindWord(p.kind)})</span>
          {p.suspendedAt ? <p className="field-hint">Suspended: {p.suspendedReason}</p> : null}
        </>
      ),
    },
    { key: 'standing', header: 'Standing', cell: (p) => <Tag tone={p.suspendedAt ? 'danger' : p.isPublished ? 'success' : 'neutral'}>{p.suspendedAt ? 'Suspended' : p.isPublished ? 'Listed' : 'Draft'}</Tag> },
    {
      key: 'claims',
      header: 'Claims',
      cell: (p) => (
        <ul className="plain-list">
          {p.claims.map((c) => (
            <li key={c.subjectId ?? 'profile'}>
              {c.label}: <Tag tone={c.state === 'verified' ? 'success' : 'warning'}>{verificationStateLabels[c.state]}</Tag>{' '}
              {c.hasCertificate && c.subjectId ? <a href={urlOf(operatorApi.certificate, { params: { orgId: p.orgId, accreditationId: c.subjectId } })}>Certificate</a> : null}{' '}
              {c.state !== 'verified' ? (
                <Button variant="secondary" onClick={() => actions.verify(p, c)}>
                  Verify<span className="sr-only"> {c.label} of {p.displayName}</span>
                </Button>
              ) : (
                <Button variant="secondary" onClick={() => actions.revoke(p, c)}>
                  Withdraw<span className="sr-only"> the verification of {c.label} of {p.displayName}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      isHeaderHidden: true,
      cell: (p) =>
        p.suspendedAt ? (
          <Button variant="secondary" onClick={() => actions.reinstate(p)}>
            Reinstate<span className="sr-only"> {p.displayName}</span>
          </Button>
        ) : (
          <Button variant="secondary" onClick={() => actions.suspend(p)}>
            Suspend<span className="sr-only"> {p.displayName}</span>
          </Button>
        ),
    },
  ];
}

/** The platform operator's console: claims to verify, suspension, marketplace health. */
export function OperatorPage() {
  const session = useSignedInSession();
  const queryClient = useQueryClient();
  const [standing, setStanding] = useState('');
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState('');
  const [suspending, setSuspending] = useState<OperatorProvider | null>(null);
  const [reason, setReason] = useState('');
  const query = { ...(standing ? { standing: standing as 'active' | 'suspended' } : {}), cursor, limit: 25 };
  const list = useQuery({ queryKey: [...key, query], queryFn: () => call(operatorApi.providers, { query }), placeholderData: keepPreviousData, enabled: session.user?.isPlatformOperator === true });
  const done = async (text: string) => {
    setMessage(text);
    await queryClient.invalidateQueries({ queryKey: ['operator'] });
  };
  const act = useMutation({
    mutationFn: async (work: () => Promise<string>) => done(await work()),
  });
  const actions: Actions = {
    verify: (p, c) =>
      act.mutate(async () => {
        await call(operatorApi.verify, { params: { orgId: p.orgId }, body: c.subject === 'profile' ? { subject: 'profile' } : { subject: 'accreditation', accreditationId: c.subjectId ?? undefined } });
        return `Verified: ${c.label} of ${p.displayName}.`;
      }),
    revoke: (p, c) =>
      act.mutate(async () => {
        await call(operatorApi.revokeVerification, { params: { orgId: p.orgId, verificationId: c.latestVerificationId ?? '' } });
        return `Withdrew the verification of ${c.label} of ${p.displayName}.`;
      }),
    suspend: (p) => {
      act.reset();
      setReason('');
      setSuspending(p);
    },
    reinstate: (p) =>
      act.mutate(async () => {
        await call(operatorApi.reinstate, { params: { orgId: p.orgId }, body: {} });
        return `${p.displayName} is reinstated.`;
      }),
  };
  if (!session.user?.isPlatformOperator) return <PageHeader title="Operator console" intro={<p>Only the platform operator can open this page.</p>} />;
  return (
    <>
      <PageHeader
        title="Operator console"
        intro={<p>Verify providers’ claims against the accreditation bodies’ registers, suspend abuse, and watch the marketplace’s health.</p>}
        actions={
          <>
            <Link to="/operator/requests">Requests waiting for approval</Link> <Link to="/operator/reviews">Reviews to moderate</Link>
          </>
        }
      />
      <StatusMessage>{message || null}</StatusMessage>
      <FormAlert error={act.error} />
      <HealthPanel />
      <section className="panel" aria-labelledby="providers-heading">
        <h2 id="providers-heading">Providers</h2>
        <SelectField
          label="Standing"
          value={standing}
          onChange={(e) => {
            setCursor(undefined);
            setStanding(e.target.value);
          }}
          options={[
            { value: '', label: 'All' },
            { value: 'active', label: 'Not suspended' },
            { value: 'suspended', label: 'Suspended' },
          ]}
        />
        <DataTable
          caption="Providers with the state of each claim, by name"
          noun={{ one: 'provider', other: 'providers' }}
          columns={columns(actions)}
          rowKey={(p) => p.orgId}
          list={list}
          onPageChange={(next) => setCursor(next ?? undefined)}
          hasCursor={cursor !== undefined}
          loadingLabel="Loading providers…"
          empty={{ title: 'No providers', hint: 'Providers appear here once they create their organisation.' }}
          headingLevel={3}
        />
      </section>
      <ConfirmDialog
        isOpen={suspending !== null}
        title={`Suspend ${suspending?.displayName ?? ''}?`}
        confirmLabel="Suspend provider"
        isDanger
        isBusy={act.isPending}
        onCancel={() => setSuspending(null)}
        onConfirm={() => {
          const target = suspending;
          if (!target) return;
          act.mutate(
            async () => {
              await call(operatorApi.suspend, { params: { orgId: target.orgId }, body: { reason } });
              return `${target.displayName} is suspended: it has left the directory and matching.`;
            },
            { onSuccess: () => setSuspending(null) },
          );
        }}
      >
        <p>It leaves the directory and receives no new requests until you reinstate it. Its members see the reason.</p>
        <FormAlert error={act.error} fieldNames={['reason']} />
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} error={fieldErrorsOf(act.error, { reason: 'Reason' }).reason} isRequired />
      </ConfirmDialog>
    </>
  );
}
