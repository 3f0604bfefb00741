import { useState } from 'react';
import { certificateStatusLabels, certificationApi, type Certificate } from '@custodian/shared/contracts/certification.ts';
import { formatAud } from '@custodian/shared/domain/quote-normaliser.ts';
import { urlOf } from '../../api/client.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { Button } from '../../components/button.tsx';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { ConfirmDialog } from '../../components/dialog.tsx';
import { FormAlert, StatusMessage } from '../../components/form-alert.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Tag } from '../../components/status-badge.tsx';
import { formatDate } from '../../lib/format.ts';
import { todayInZone } from '../risks/risk-form-values.ts';
import { CertificateForm } from './certificate-form.tsx';
import { useCertificates, useCertificationChanges } from './certification-api.ts';
import { CycleTimeline } from './cycle-timeline.tsx';

const statusTones = { working_towards: 'warning', certified: 'success', expired: 'danger', superseded: 'neutral' } as const;

function CertificateDetails({ cert }: { cert: Certificate }) {
  return (
    <DetailsList>
      <DetailRow term="Certificate number">{cert.number || 'Not issued yet'}</DetailRow>
      <DetailRow term="Certification body">{cert.bodyLabel || 'Not recorded'}</DetailRow>
      <DetailRow term="Issued on">{cert.issuedOn ? formatDate(cert.issuedOn) : 'Not issued yet'}</DetailRow>
      <DetailRow term="Expires on">{cert.expiresOn ? formatDate(cert.expiresOn) : '—'}</DetailRow>
      <DetailRow term="Scope" className="pre-wrap">
        {cert.scope || '—'}
      </DetailRow>
      {cert.engagement ? (
        <DetailRow term="Engaged through the marketplace">
          {cert.engagement.providerName} on {formatDate(cert.engagement.engagedAt.slice(0, 10))}: {cert.engagement.years.map((y) => `${y.label} ${formatAud(y.totalCents)}`).join(' · ')}
        </DetailRow>
      ) : null}
    </DetailsList>
  );
}

function EarlierCertificates({ items, canWrite }: { items: Certificate[]; canWrite: boolean }) {
  const { makeCurrent, remove } = useCertificationChanges();
  const session = useSignedInSession();
  const canDelete = session.organisation?.role === 'owner' || session.organisation?.role === 'isms_manager';
  const [deleting, setDeleting] = useState<Certificate | null>(null);
  if (items.length === 0) return null;
  // Deleting a certificate is for owners and ISMS managers (the server enforces it).
  return (
    <section className="panel" aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">Earlier certificates</h2>
      <FormAlert error={makeCurrent.error ?? remove.error} />
      <ul>
        {items.map((cert) => (
          <li key={cert.id}>
            {cert.number || 'Certificate not issued'} ({cert.bodyLabel || 'body not recorded'}
            {cert.expiresOn ? `, expired or expires ${formatDate(cert.expiresOn)}` : ''}){' '}
            {canWrite ? (
              <Button variant="secondary" onClick={() => makeCurrent.mutate({ id: cert.id, version: cert.version })}>
                Make {cert.number || 'this'} current
              </Button>
            ) : null}{' '}
            {canDelete ? (
              <Button variant="secondary" onClick={() => setDeleting(cert)}>
                Delete {cert.number || 'this certificate'}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        isOpen={deleting !== null}
        title={`Delete ${deleting?.number || 'this certificate'}?`}
        confirmLabel="Delete certificate"
        isDanger
        isBusy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        <p>Its audit dates are deleted with it. The audit trail keeps a record.</p>
      </ConfirmDialog>
    </section>
  );
}

/**
 * The certification cycle: the current certificate, its five audits on a timeline (surveillance and
 * recertification dated from the certificate), earlier certificates, and the auditor pack download.
 */
export function CertificationPage() {
  const session = useSignedInSession();
  const canWrite = useCan('certification.write');
  const certificates = useCertificates();
  const [isAdding, setIsAdding] = useState(false);
  const [saved, setSaved] = useState('');
  const today = todayInZone(session.organisation?.timeZone);
  const pack = (
    <a className="button button-secondary" href={urlOf(certificationApi.auditorPack)} download>
      Download the auditor pack (ZIP)
    </a>
  );
  const intro = (
    <p>
      Your certificate and its three-year cycle: Stage 1 and Stage 2, surveillance audits within 12 and 24 months of certification, and recertification three months before expiry. The auditor pack
      gathers your Statement of Applicability, risk reports, scope statement and evidence index into one ZIP with a list of fingerprints (SHA-256) the auditor can check.
    </p>
  );
  if (certificates.isPending) return <Loading label="Loading the certification cycle…" />;
  if (certificates.isError) return <LoadError error={certificates.error} onRetry={() => void certificates.refetch()} />;
  const current = certificates.data.items.find((c) => c.isCurrent);
  const earlier = certificates.data.items.filter((c) => !c.isCurrent);
  const adding = isAdding || !current;
  return (
    <>
      <PageHeader title="Certification" intro={intro} actions={pack} />
      <StatusMessage>{saved || null}</StatusMessage>
      {current ? (
        <section className="panel" aria-labelledby="current-heading">
          <h2 id="current-heading">
            Current certificate <Tag tone={statusTones[current.status]}>{certificateStatusLabels[current.status]}</Tag>
          </h2>
          {canWrite ? <CertificateForm key={current.id} item={current} onSaved={() => setSaved('Saved the certificate.')} /> : <CertificateDetails cert={current} />}
          {canWrite ? <CertificateDetails cert={current} /> : null}
          <h2>The cycle</h2>
          <CycleTimeline certificate={current} canWrite={canWrite} today={today} />
        </section>
      ) : (
        <p>No certificate is recorded yet. Record the certificate you are working towards to plan Stage 1 and Stage 2.</p>
      )}
      {canWrite && adding ? (
        <section className="panel" aria-labelledby="new-heading">
          <h2 id="new-heading">{current ? 'Record a new certificate' : 'Record the certificate'}</h2>
          {current ? <p>The new certificate becomes the current one; the present one is kept as an earlier certificate.</p> : null}
          <CertificateForm
            onSaved={() => {
              setIsAdding(false);
              setSaved('Recorded the certificate.');
            }}
          />
        </section>
      ) : null}
      {canWrite && current && !isAdding ? (
        <Button variant="secondary" onClick={() => setIsAdding(true)}>
          Record a new certificate (after recertification)
        </Button>
      ) : null}
      <EarlierCertificates items={earlier} canWrite={canWrite} />
    </>
  );
}
