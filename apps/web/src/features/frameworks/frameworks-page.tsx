import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link } from '../../router.tsx';
import { EssentialEightSection } from './essential-eight-section.tsx';
import { useFrameworkCoverage } from './frameworks-api.ts';
import { OscalDownloads } from './oscal-downloads.tsx';
import { PrivacyPrinciplesSection } from './privacy-principles-section.tsx';

/** Other frameworks seen through the gap analysis: Essential Eight, the Privacy Principles, the 2013 transition and OSCAL files. */
export function FrameworksPage() {
  const coverage = useFrameworkCoverage();
  const header = (
    <PageHeader
      title="Frameworks"
      intro={<p>How far the Annex A controls you have implemented go towards other frameworks Australian health services are asked about.</p>}
      actions={<Link to="/frameworks/iso27001-2013">Moving from ISO/IEC 27001:2013</Link>}
    />
  );
  if (coverage.isPending)
    return (
      <>
        {header}
        <Loading label="Working out coverage…" />
      </>
    );
  if (coverage.isError)
    return (
      <>
        {header}
        <LoadError error={coverage.error} onRetry={() => void coverage.refetch()} />
      </>
    );
  return (
    <>
      {header}
      <div className="alert alert-info">
        <p>
          These mappings are Custodian’s own judgement of which Annex A controls support each requirement. They are not an official mapping by the Australian
          Signals Directorate, the Office of the Australian Information Commissioner or ISO, and covering a requirement here does not mean it has been assessed.
        </p>
      </div>
      <EssentialEightSection essentialEight={coverage.data.essentialEight} />
      <PrivacyPrinciplesSection privacyPrinciples={coverage.data.privacyPrinciples} />
      <OscalDownloads />
    </>
  );
}
