import { useCan } from '../../api/session.ts';
import { oscalUrls } from './frameworks-api.ts';

/** The OSCAL files, each with what an auditor or a GRC tool does with it (each link shown only to those allowed to download it). */
export function OscalDownloads() {
  const canReadCatalogue = useCan('catalogue.read');
  const canExport = useCan('gap.export');
  if (!canReadCatalogue && !canExport) return null;
  return (
    <section className="panel" aria-labelledby="oscal-heading">
      <h2 id="oscal-heading">OSCAL downloads</h2>
      <p>
        OSCAL is an open file format for security controls. Governance, risk and compliance (GRC) tools and some auditors import it, so they work from the same
        information as Custodian without retyping it.
      </p>
      <ul className="download-list">
        {canReadCatalogue ? (
          <>
            <li>
              <a href={oscalUrls.catalog} download>
                Control catalogue (OSCAL JSON)
              </a>
              <p className="muted">The 93 Annex A controls of ISO/IEC 27001:2022, for a GRC tool to load as the list of controls to assess against.</p>
            </li>
            <li>
              <a href={oscalUrls.profile} download>
                Control selection profile (OSCAL JSON)
              </a>
              <p className="muted">Tells a GRC tool which controls of that catalogue apply (all of them); the system security plan builds on it.</p>
            </li>
          </>
        ) : null}
        {canExport ? (
          <li>
            <a href={oscalUrls.ssp} download>
              System security plan (OSCAL JSON)
            </a>
            <p className="muted">Your practice’s scope and the status of each control, for an auditor or a GRC tool to review how each control is met.</p>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
