import { useQuery } from '@tanstack/react-query';
import { providersApi } from '@custodian/shared/contracts/providers.ts';
import { call } from '../../api/client.ts';
import { DetailRow, DetailsList } from '../../components/details-list.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link } from '../../router.tsx';
import { auDate, dayRateWords, kindWord, regionWords, sectorWords, serviceWords, standardWords } from './provider-words.ts';

/** A provider's public page: what it offers, its healthcare experience, verified claims, ties and reviews. */
export function ProviderPage({ slug }: { slug: string }) {
  const profile = useQuery({ queryKey: ['directory', 'provider', slug], queryFn: () => call(providersApi.directoryProfile, { params: { slug } }) });
  if (profile.isPending) return <Loading label="Loading the provider…" />;
  if (profile.isError) return <LoadError error={profile.error} onRetry={() => void profile.refetch()} />;
  const p = profile.data;
  return (
    <div className="directory-page">
      <p>
        <Link to="/providers">← All providers</Link>
      </p>
      <PageHeader title={p.displayName} intro={<p>{p.summary || `${kindWord(p.kind)} in the Custodian marketplace.`}</p>} />
      {p.badges.length > 0 ? (
        <section className="panel" aria-labelledby="badges-heading">
          <h2 id="badges-heading">Verified by Custodian</h2>
          <ul className="plain-list">
            {p.badges.map((b) => (
              <li key={b.verificationId}>✓ {b.wording}</li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="muted">Custodian has not verified this provider’s claims yet.</p>
      )}
      <section className="panel" aria-labelledby="offer-heading">
        <h2 id="offer-heading">What it offers</h2>
        <DetailsList>
          <DetailRow term="Kind">{kindWord(p.kind)}</DetailRow>
          <DetailRow term="Services">{serviceWords(p.services)}</DetailRow>
          <DetailRow term="Standards">{standardWords(p.standards)}</DetailRow>
          <DetailRow term="Serves">{regionWords(p.states, p.isRemote)}</DetailRow>
          <DetailRow term="Indicative day rate">{dayRateWords(p.dayRateMinCents, p.dayRateMaxCents)}</DetailRow>
          <DetailRow term="New engagements a month">{String(p.capacityPerMonth)}</DetailRow>
        </DetailsList>
      </section>
      <section className="panel" aria-labelledby="experience-heading">
        <h2 id="experience-heading">Healthcare experience and team</h2>
        <DetailsList>
          <DetailRow term="Sectors">{sectorWords(p.sectors)}</DetailRow>
          <DetailRow term="Healthcare engagements">{String(p.healthcareEngagements)}</DetailRow>
          <DetailRow term="Experience" className="pre-wrap">{p.healthcareSummary || 'Not described'}</DetailRow>
          <DetailRow term="Team size">{String(p.teamSize)}</DetailRow>
          <DetailRow term="Team" className="pre-wrap">{p.teamSummary || 'Not described'}</DetailRow>
        </DetailsList>
      </section>
      {p.kind === 'certification_body' ? (
        <section className="panel" aria-labelledby="impartiality-heading">
          <h2 id="impartiality-heading">Accreditation and impartiality</h2>
          {p.accreditations.length === 0 ? <p>No accreditation recorded.</p> : null}
          <ul className="plain-list">
            {p.accreditations.map((a) => (
              <li key={a.id}>
                <strong>{a.accreditationBody}</strong> {a.isIafMember ? '(an IAF member)' : '(not an IAF member)'}, accreditation {a.accreditationNumber}, covering {standardWords(a.standards)}, expires{' '}
                {auDate(a.expiresOn)}. {a.badge ? a.badge.wording : 'Not verified by Custodian.'}
                {a.scopeNote ? <p className="field-hint">{a.scopeNote}</p> : null}
              </li>
            ))}
          </ul>
          <h3>Referral commission</h3>
          <p>{p.commissionPercent === null ? 'None disclosed.' : `${p.commissionPercent} %. ${p.commissionNote}`}</p>
          <h3>Consultancies it has commercial ties with</h3>
          {p.affiliations.length === 0 ? <p>None recorded.</p> : null}
          <ul className="plain-list">
            {p.affiliations.map((a) => (
              <li key={a.id}>
                {a.affiliatedSlug ? <Link to={`/providers/${a.affiliatedSlug}`}>{a.affiliatedName}</Link> : a.affiliatedName}: {a.relationship}
                {a.commissionPercent !== null ? `, ${a.commissionPercent} % commission` : ''}, since {auDate(a.startedOn)}
                {a.endedOn ? ` until ${auDate(a.endedOn)}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="panel" aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Reviews</h2>
        {p.reviews.length === 0 ? <p>No published reviews yet. Only organisations that engaged this provider through Custodian can review it.</p> : null}
        <ul className="plain-list">
          {p.reviews.map((r) => (
            <li key={r.id}>
              <strong>{'★'.repeat(r.rating)}</strong> <span className="sr-only">{r.rating} out of 5</span> {r.body} — {r.reviewerLabel}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
