import { requirementCoverageLabels, type FrameworkCoverageReply } from '@custodian/shared/contracts/frameworks.ts';
import { TableWrap } from '../../components/table.tsx';
import { Link } from '../../router.tsx';
import { controlPath, coveredText, formatPercent } from './frameworks-format.ts';

type PrivacyPrinciples = FrameworkCoverageReply['privacyPrinciples'];
type Coverage = PrivacyPrinciples['principles'][number]['coverage'];

/** The gap-status badge colours, matched to coverage (the words carry the meaning, not the colour). */
const badgeClass: Record<Coverage, string> = {
  covered: 'badge badge-implemented',
  partly: 'badge badge-partial',
  not_covered: 'badge badge-not-started',
  excluded: 'badge badge-not-applicable',
};

/** The coverage of a requirement as a coloured label in words. */
export function CoverageBadge({ coverage }: { coverage: Coverage }) {
  return <span className={badgeClass[coverage]}>{requirementCoverageLabels[coverage]}</span>;
}

/** APP 1–13, each with its coverage and the Annex A controls it is mapped to (links to the controls). */
export function PrivacyPrinciplesSection({ privacyPrinciples }: { privacyPrinciples: PrivacyPrinciples }) {
  const { totals } = privacyPrinciples;
  return (
    <section className="panel" aria-labelledby="app-heading">
      <h2 id="app-heading">Australian Privacy Principles</h2>
      <p>
        The 13 principles of the Privacy Act 1988 that apply to health service providers. {coveredText(totals, 'principles')} (
        {formatPercent(totals.percentCovered)}); {totals.partly} partly covered.
      </p>
      <TableWrap labelledBy="app-caption">
        <table className="table coverage-table">
          <caption id="app-caption">Australian Privacy Principles and the Annex A controls that support them</caption>
          <thead>
            <tr>
              <th scope="col">Principle</th>
              <th scope="col">Coverage</th>
              <th scope="col">Annex A controls</th>
            </tr>
          </thead>
          <tbody>
            {privacyPrinciples.principles.map((principle) => (
              <tr key={principle.id}>
                <th scope="row">
                  APP {principle.number} {principle.title}
                </th>
                <td>
                  <CoverageBadge coverage={principle.coverage} />
                </td>
                <td>
                  {principle.controlRefs.length === 0 ? (
                    <span className="muted">None mapped</span>
                  ) : (
                    <ul className="ref-list">
                      {principle.controlRefs.map((ref) => (
                        <li key={ref}>
                          <Link to={controlPath(ref)}>{ref}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}
