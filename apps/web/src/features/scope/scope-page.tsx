import { scopePages, scopeSectionLabels, type ScopePageKey } from '@custodian/shared/contracts/scope.ts';
import { useCan, useSignedInSession } from '../../api/session.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { LoadError, Loading } from '../../components/query-state.tsx';
import { Link } from '../../router.tsx';
import { scopeStatementDocxUrl, scopeStatementPdfUrl, useScopeStatement } from './scope-api.ts';
import { ScopeStatementStatus, ScopeSummaryForm } from './scope-statement-panels.tsx';

const pageKeys = Object.keys(scopePages) as ScopePageKey[];

/** Context and scope: the scope statement (status, summary, approval, downloads) and the three parts it is built from. */
export function ScopePage() {
  const session = useSignedInSession();
  const canWrite = useCan('scope.write');
  const statement = useScopeStatement();
  return (
    <>
      <PageHeader
        title="Context and scope"
        intro={<p>{`What shapes ${session.organisation?.name ?? 'the practice'}'s information security, who has a stake in it, and what the ISMS covers (ISO/IEC 27001:2022 clauses 4.1 to 4.3). The scope statement is generated from what you record here.`}</p>}
        actions={
          <>
            <a className="button button-secondary" href={scopeStatementDocxUrl} download>
              Download scope statement (Word)
            </a>{' '}
            <a className="button button-secondary" href={scopeStatementPdfUrl} download>
              Download scope statement (PDF)
            </a>
          </>
        }
      />
      {statement.isPending ? <Loading label="Loading the scope statement…" /> : null}
      {statement.isError ? <LoadError error={statement.error} onRetry={() => void statement.refetch()} /> : null}
      {statement.data ? (
        <>
          <section className="panel" aria-labelledby="statement-heading">
            <h2 id="statement-heading">Scope statement</h2>
            <ScopeStatementStatus statement={statement.data} />
          </section>
          <section className="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">The scope in a few words</h2>
            <ScopeSummaryForm statement={statement.data} canWrite={canWrite} />
          </section>
          <section className="panel" aria-labelledby="parts-heading">
            <h2 id="parts-heading">What the statement is built from</h2>
            <ul className="scope-parts">
              {pageKeys.map((key) => {
                const page = scopePages[key];
                return (
                  <li key={key}>
                    <h3>
                      <Link to={page.path}>{page.title}</Link> <span className="muted">(clause {page.clause})</span>
                    </h3>
                    <p>{page.sections.map((section) => `${scopeSectionLabels[section].other}: ${statement.data.counts[section]}`).join(' · ')}</p>
                  </li>
                );
              })}
            </ul>
          </section>
        </>
      ) : null}
    </>
  );
}
